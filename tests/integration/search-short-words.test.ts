// Words of 1–2 characters through the real core: messages a chat wrote, and the same messages exported and
// imported into a fresh app, are found by short English and Chinese words (folded like long words), in
// every thread and in one; a delete takes them out. The gram index (electron/storage/grams.ts) is filled by
// triggers, so every way a message reaches the database has to keep it in step.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let a: CoreHarness;
let b: CoreHarness;

beforeEach(async () => {
  [a, b] = await Promise.all([startCore(), startCore()]);
});
afterEach(async () => {
  await Promise.all([a.close(), b.close()]);
});

describe('short search words', () => {
  it('find chat messages, and the same messages after export → import into a fresh app', async () => {
    const thread = await a.ok('threads.create', { model: 'gpt-4o-mini' });
    a.gateway.queue(openaiText('这个模型在 JS 里运行。Été.'));
    const sent = await a.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'ai 图片 question' }] });
    await a.finished(sent.assistantMessage.id);
    const ids = (h: CoreHarness, query: string) => h.ok('search.messages', { query }).then((hits) => hits.map((x) => x.messageId));
    expect(await ids(a, '模型 js')).toEqual([sent.assistantMessage.id]);
    expect(await ids(a, 'AI 图')).toEqual([sent.userMessage.id]);

    const file = await a.ok('export.threads', { format: 'json' });
    const imported = await b.ok('import.threads', { text: Buffer.from(file.data, 'base64').toString('utf8') });
    const copy = imported.threads[0]!;
    const { messages } = await b.ok('messages.list', { threadId: copy.id });
    const [question, answer] = [messages.find((m) => m.role === 'user')!, messages.find((m) => m.role === 'assistant')!];
    expect(await ids(b, '模型 js')).toEqual([answer.id]);
    expect(await ids(b, 'é 型')).toEqual([answer.id]);
    expect(await ids(b, 'ÉT')).toEqual([answer.id]);
    expect(await ids(b, 'ai')).toEqual([question.id]);
    expect(await ids(b, '量子')).toEqual([]);
    expect(await b.ok('search.inThread', { threadId: copy.id, query: '图片' })).toEqual({ messageIds: [question.id], truncated: false });
    expect(await b.ok('search.inThread', { threadId: copy.id, query: 'question ai' })).toEqual({ messageIds: [question.id], truncated: false });

    // deleting the imported question, then its thread, takes them out of the index
    await b.ok('messages.delete', { messageId: question.id });
    expect(await ids(b, '图片')).toEqual([]);
    expect(await ids(b, '模型')).toEqual([answer.id]);
    await b.ok('threads.delete', { id: copy.id });
    expect(await ids(b, '模型')).toEqual([]);
  });
});
