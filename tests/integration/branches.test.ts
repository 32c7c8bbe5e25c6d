// Branches through the core against the mock gateway: regenerate and edit keep the old version as a
// sibling, switching shows another branch, and what the gateway receives is always the selected path.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../shared/chat-events';
import type { Message } from '../../shared/domain';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

type Sent = { role: string; content: unknown };
/** The conversation the gateway received in its latest model request, as role + text pairs. */
function lastSentHistory(): string[] {
  const req = h.gateway.requests.filter((r) => r.method === 'POST' && /\/v1\/(chat\/completions|messages)$/.test(r.path)).at(-1)!;
  const body = req.json as { messages: Sent[] };
  return body.messages.map((m) => {
    const text = typeof m.content === 'string' ? m.content : (m.content as { text?: string }[]).map((c) => c.text ?? '').join('');
    return `${m.role}: ${text}`;
  });
}

const texts = (messages: Message[]) => messages.map((m) => `${m.role}: ${messageText(m)}`);

async function send(threadId: string, text: string, answer: string): Promise<{ user: Message; answer: Message }> {
  h.gateway.queue(openaiText(answer));
  const r = await h.ok('chat.send', { threadId, parts: [{ type: 'text', text }] });
  return { user: r.userMessage, answer: await h.finished(r.assistantMessage.id) };
}

describe('branches', () => {
  it('regenerate, edit and switch: the gateway always receives the selected path', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const t1 = await send(thread.id, 'Q1', 'A1');
    const t2 = await send(thread.id, 'Q2', 'A2');
    expect(lastSentHistory()).toEqual(['user: Q1', 'assistant: A1', 'user: Q2']);

    // Regenerate A2: the new answer is asked with the same history, the old one becomes its sibling.
    h.gateway.queue(openaiText('A2 again'));
    const regen = await h.ok('chat.regenerate', { messageId: t2.answer.id });
    await h.finished(regen.message.id);
    expect(lastSentHistory()).toEqual(['user: Q1', 'assistant: A1', 'user: Q2']);
    expect(regen.siblings).toEqual([t2.answer.id, regen.message.id]);
    let page = await h.ok('messages.list', { threadId: thread.id });
    expect(texts(page.messages)).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2 again']);
    expect(page.siblings).toEqual({ [regen.message.id]: [t2.answer.id, regen.message.id] });

    // Edit Q1: a new first turn whose answer sees only the edited question.
    h.gateway.queue(openaiText('A1 edited'));
    const edit = await h.ok('chat.edit', { messageId: t1.user.id, text: 'Q1 edited' });
    await h.finished(edit.assistantMessage.id);
    expect(lastSentHistory()).toEqual(['user: Q1 edited']);
    expect(edit.siblings).toEqual([t1.user.id, edit.userMessage.id]);
    page = await h.ok('messages.list', { threadId: thread.id });
    expect(texts(page.messages)).toEqual(['user: Q1 edited', 'assistant: A1 edited']);

    // Back to the first version: its branch comes back as last seen (with the regenerated answer).
    page = await h.ok('messages.select', { messageId: t1.user.id });
    expect(texts(page.messages)).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2 again']);
    expect(page.siblings?.[t1.user.id]).toEqual([t1.user.id, edit.userMessage.id]);

    // Sending now continues the selected path, and only it goes to the model.
    await send(thread.id, 'Q3', 'A3');
    expect(lastSentHistory()).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2 again', 'user: Q3']);

    // Switching to the older answer of Q2 and sending from there leaves A2 again's branch out.
    await h.ok('messages.select', { messageId: t2.answer.id });
    await send(thread.id, 'Q3b', 'A3b');
    expect(lastSentHistory()).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2', 'user: Q3b']);

    // Branches and the selection survive a restart.
    await h.reopen();
    page = await h.ok('messages.list', { threadId: thread.id });
    expect(texts(page.messages)).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2', 'user: Q3b', 'assistant: A3b']);
  });

  it('regenerating an answer in the middle leaves what came after it out of the request, and out of view', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const t1 = await send(thread.id, 'Q1', 'A1');
    await send(thread.id, 'Q2', 'A2');
    h.gateway.queue(openaiText('A1 again'));
    const regen = await h.ok('chat.regenerate', { messageId: t1.answer.id });
    await h.finished(regen.message.id);
    expect(lastSentHistory()).toEqual(['user: Q1']);
    const page = await h.ok('messages.list', { threadId: thread.id });
    expect(texts(page.messages)).toEqual(['user: Q1', 'assistant: A1 again']);
    // The later turns wait on the first version's branch.
    const back = await h.ok('messages.select', { messageId: t1.answer.id });
    expect(texts(back.messages)).toEqual(['user: Q1', 'assistant: A1', 'user: Q2', 'assistant: A2']);
  });

  it('regenerating on a Claude thread sends the same history in the Messages format', async () => {
    const thread = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    h.gateway.queue(anthropicText('first'));
    const sent = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Hello Claude' }] });
    await h.finished(sent.assistantMessage.id);
    h.gateway.queue(anthropicText('second'));
    const regen = await h.ok('chat.regenerate', { messageId: sent.assistantMessage.id });
    const final = await h.finished(regen.message.id);
    expect(messageText(final)).toBe('second');
    expect(lastSentHistory()).toEqual(['user: Hello Claude']);
  });

  it('delete keeps what followed, one step up, and refuses an answer still streaming', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const t1 = await send(thread.id, 'Q1', 'A1');
    await send(thread.id, 'Q2', 'A2');
    const page = await h.ok('messages.delete', { messageId: t1.answer.id });
    expect(texts(page.messages)).toEqual(['user: Q1', 'user: Q2', 'assistant: A2']);
    await send(thread.id, 'Q3', 'A3');
    expect(lastSentHistory()).toEqual(['user: Q1', 'user: Q2', 'assistant: A2', 'user: Q3']);

    h.gateway.queue({ ...openaiText('slow', { chunkSize: 1, delayMs: 200 }) });
    const running = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Q4' }] });
    const refused = await h.call('messages.delete', { messageId: running.assistantMessage.id });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('invalid_input');
    await h.ok('chat.stop', { messageId: running.assistantMessage.id });
    await h.finished(running.assistantMessage.id);
  });

  it('edit keeps the attachments of the message, and refuses an empty edit of a text-only one', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36c' } }).png().toBuffer();
    const att = await h.ok('attachments.add', { name: 'a.png', mime: 'image/png', data: png.toString('base64') });
    h.gateway.queue(openaiText('A blue box.'));
    const sent = await h.ok('chat.send', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'What is this?' }, { type: 'attachment', attachmentId: att.id }],
    });
    await h.finished(sent.assistantMessage.id);

    h.gateway.queue(openaiText('A rectangle.'));
    const edit = await h.ok('chat.edit', { messageId: sent.userMessage.id, text: 'What shape is this?' });
    await h.finished(edit.assistantMessage.id);
    expect(edit.userMessage.parts.map((p) => p.type)).toEqual(['text', 'image']);
    const req = h.gateway.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const content = (req.json as { messages: { content: { type: string; text?: string }[] }[] }).messages[0]!.content;
    expect(content.map((c) => c.type)).toEqual(['text', 'image_url']);
    expect(content[0]!.text).toBe('What shape is this?');

    const t2 = await send(thread.id, 'Q2', 'A2');
    const empty = await h.call('chat.edit', { messageId: t2.user.id, text: '   ' });
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.error.code).toBe('invalid_input');
    // Nothing was stored by the refused edit.
    const page = await h.ok('messages.list', { threadId: thread.id });
    expect(page.siblings?.[t2.user.id]).toBeUndefined();
  });
});
