// chat.attach: a window that reloads or reconnects mid-answer gets main's state of the answer at once,
// then every later delta exactly once, so its copy ends identical to what is stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChatEvents, messageText } from '../../shared/chat-events';
import type { EventName, EventPayload } from '../../shared/contract';
import type { Message } from '../../shared/domain';
import type { ToolDefinition } from '../../shared/tools';
import { anthropicText, anthropicToolUse, openaiLong } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A window as the renderer is one: it applies pushed deltas to the copy it holds, if it holds one. */
function windowCopy(clientId: string) {
  const w = { message: null as Message | null, pushes: 0, created: [] as Message[] };
  h.core.clients.attach(clientId, <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event === 'message.created') {
      // As the renderer does where the thread is open: the new answer is shown and its deltas apply to it.
      const m = (payload as EventPayload<'message.created'>).message;
      w.created.push(m);
      if (m.role === 'assistant') w.message = m;
    }
    if (event !== 'chat.events') return;
    w.pushes++;
    const p = payload as EventPayload<'chat.events'>;
    if (w.message && p.messageId === w.message.id) w.message = applyChatEvents(w.message, p.events);
  });
  return w;
}

describe('chat.attach', () => {
  it('gives a reloaded window the text so far, then every later delta once, many reloads over', async () => {
    h.gateway.queue(openaiLong({ tokens: 500, tokensPerSecond: 400 }));
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'long' }] });
    const reloaded = windowCopy('w2');
    const bystander = windowCopy('w3');
    const textSoFar = () => messageText(applyChatEvents(assistantMessage, h.chatEvents(assistantMessage.id)));
    await expect.poll(() => textSoFar().length).toBeGreaterThan(50);

    // Reload again and again while it streams: each time the copy starts over from the snapshot, with
    // deltas of the last 16 ms still queued for this window in main (they must not come on top).
    let attaches = 0;
    let last = 0;
    for (; attaches < 25; attaches++) {
      const snapshot = await h.ok('chat.attach', attaches % 2 ? { threadId: thread.id } : {}, 'w2');
      if (snapshot.length === 0) break; // the answer has ended
      expect(snapshot.map((m) => m.id)).toEqual([assistantMessage.id]);
      expect(snapshot[0]!.status).toBe('streaming');
      const text = messageText(snapshot[0]!);
      expect(text.length).toBeGreaterThanOrEqual(last);
      last = text.length;
      reloaded.message = snapshot[0]!;
      await sleep(5 + (attaches % 4) * 3);
    }
    expect(attaches).toBeGreaterThan(5);

    const stored = await h.finished(assistantMessage.id);
    expect(stored.status).toBe('done');
    await expect.poll(() => reloaded.message?.status).toBe('done');
    // Nothing lost, nothing doubled: the reloaded copy is what main stored, word for word.
    expect(messageText(reloaded.message!)).toBe(messageText(stored));
    expect(messageText(stored).split(' ').length).toBeGreaterThan(450);
    expect(reloaded.message!.usage).toEqual(stored.usage);
    // The window that asked kept receiving; a window that never attached received nothing.
    expect(textSoFar()).toBe(messageText(stored));
    expect(bystander.pushes).toBe(0);
    // Once the answer has ended, there is nothing to attach to.
    expect(await h.ok('chat.attach', {}, 'w2')).toEqual([]);
  });

  it('attaches only to the thread asked for', async () => {
    h.gateway.queue(openaiLong({ tokens: 300, tokensPerSecond: 300 }));
    const a = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const b = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const { assistantMessage } = await h.ok('chat.send', { threadId: a.id, parts: [{ type: 'text', text: 'go' }] });
    const other = windowCopy('w2');
    expect(await h.ok('chat.attach', { threadId: b.id }, 'w2')).toEqual([]);
    const [snap] = await h.ok('chat.attach', { threadId: a.id }, 'w2');
    expect(snap?.id).toBe(assistantMessage.id);
    other.message = snap!;
    const stored = await h.finished(assistantMessage.id);
    await expect.poll(() => other.message?.status).toBe('done');
    expect(messageText(other.message!)).toBe(messageText(stored));
  });

  it('a window reloaded while a tool loop waits for the user sees the wait, and follows the loop’s next steps', async () => {
    const manual: ToolDefinition = { name: 'lookup', description: 'Ask the user', inputSchema: { type: 'object' }, run: { mode: 'manual' } };
    const thread = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [manual], toolChoice: { type: 'auto' } }, maxSteps: 8, pauseBeforeRun: false },
    });
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_r', name: 'lookup', input: {} }]), anthropicText('Thanks, that settles it.'));
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'ask me' }] });
    await expect
      .poll(() => h.chatEvents(assistantMessage.id).some((e) => e.type === 'tool-call-status' && e.awaiting === 'result'))
      .toBe(true);

    const reloaded = windowCopy('w2');
    const [snap] = await h.ok('chat.attach', { threadId: thread.id }, 'w2');
    // The step itself is done; the loop, still running, waits on the user: the snapshot shows that.
    expect(snap).toMatchObject({ id: assistantMessage.id, status: 'done' });
    expect(snap!.parts.find((p) => p.type === 'tool_call')).toMatchObject({ id: 'toolu_r', status: 'waiting', awaiting: 'result' });

    await h.ok('tools.respond', { messageId: assistantMessage.id, toolCallId: 'toolu_r', decision: { action: 'result', content: '{"a":1}', isError: false } }, 'w2');
    // The loop's next messages are announced to the reloaded window too, and its answer streams there.
    await expect.poll(() => reloaded.created.map((m) => m.role)).toEqual(['tool', 'assistant']);
    const next = reloaded.created[1]!;
    const stored = await h.finished(next.id);
    await expect.poll(() => reloaded.message?.status).toBe('done');
    expect(messageText(reloaded.message!)).toBe('Thanks, that settles it.');
    expect(messageText(stored)).toBe('Thanks, that settles it.');
  });
});
