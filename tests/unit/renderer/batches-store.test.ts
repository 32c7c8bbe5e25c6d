// The batch view's store: a row's answer streams in as chat.events deltas and comes whole in batch.updated
// when it ends; the two travel separately, so a late delta must not be added to the finished text again.
import { describe, expect, it } from 'vitest';
import type { Batch, BatchRow } from '../../../shared/batch';
import type { Message } from '../../../shared/domain';
import { useBatches } from '../../../renderer/stores/batches';

const batch: Batch = {
  id: 'b1', threadId: 't1', title: 'photos', model: 'm', protocol: 'openai-chat', prompt: 'Describe.', concurrency: 3, createdAt: 1,
  counts: { queued: 0, streaming: 1, done: 0, error: 0, stopped: 0 }, total: 1,
};
const row: BatchRow = { id: 'r1', batchId: 'b1', index: 0, attachmentId: 'a', name: 'a.jpg', status: 'streaming', messageId: 'm1', startedAt: 1, endedAt: null, error: null };
const answer = (text: string, status: Message['status']): Message => ({
  id: 'm1', threadId: 't1', role: 'assistant', parts: text ? [{ type: 'text', key: 'text', text }] : [], status, error: null, usage: null, model: 'm', finishReason: null, createdAt: 2,
});
const shown = () => (useBatches.getState().open?.messages.m1?.parts[0] as { text?: string } | undefined)?.text;

describe('batch store', () => {
  it('streams deltas into a running row, and ignores the ones that arrive after its finished answer', () => {
    useBatches.getState().setOpenId('b1');
    useBatches.getState().putView({ batch, rows: [row], messages: [answer('', 'streaming')] });
    useBatches.getState().applyEvents('m1', [{ type: 'text', key: 'text', delta: 'A red ' }]);
    expect(shown()).toBe('A red ');
    useBatches.getState().applyUpdate(batch, [{ ...row, status: 'done', endedAt: 3 }], [answer('A red square.', 'done')]);
    useBatches.getState().applyEvents('m1', [{ type: 'text', key: 'text', delta: 'square.' }]);
    expect(shown()).toBe('A red square.');
  });
});
