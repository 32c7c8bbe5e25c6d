// Compare models through the real core against the mock gateway: one question to a GPT and a Claude model
// at once, each answer a sibling streamed over its own protocol; keeping one makes the others branches and
// the conversation continues on the kept one; in the playground each column runs its own tool loop and
// trace; a failing column fails alone.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChatEvents, messageText } from '../../shared/chat-events';
import type { Message } from '../../shared/domain';
import type { ToolDefinition } from '../../shared/tools';
import { anthropicText, anthropicToolUse, errors, openaiText, openaiToolCalls } from '../fixtures/gateway/scenarios';
import type { RecordedRequest } from '../fixtures/gateway/types';
import { startCore, type CoreHarness } from './core-harness';

const GPT = 'gpt-4o-mini';
const CLAUDE = 'claude-sonnet-4-20250514';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore({ key: 'sk-canary-compare-55e1c0' });
});
afterEach(async () => {
  await h.close();
});

type Sent = { role: string; content: unknown };
const modelRequests = () => h.gateway.requests.filter((r) => r.method === 'POST' && /\/v1\/(chat\/completions|messages)$/.test(r.path));
const bodyOf = (r: RecordedRequest) => r.json as { model: string; stream?: boolean; messages: Sent[] };
const textOf = (m: Sent) =>
  typeof m.content === 'string' ? m.content : (m.content as { type: string; text?: string }[]).map((c) => c.text ?? '').join('');
const history = (r: RecordedRequest) => bodyOf(r).messages.filter((m) => m.role !== 'system').map((m) => `${m.role}: ${textOf(m)}`);
/**
 * A column's final state as its window saw it (h.finished reads the selected path, which shows one column).
 */
async function ended(m: Message): Promise<Message> {
  await expect.poll(() => h.chatEvents(m.id).some((e) => e.type === 'status'), { timeout: 20_000 }).toBe(true);
  return applyChatEvents(m, h.chatEvents(m.id));
}
const deltas = (messageId: string) => h.chatEvents(messageId).filter((e) => e.type === 'text').length;

describe('compare models', () => {
  it('asks a GPT and a Claude model over their own protocols; keeping one makes the other a branch', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    h.gateway.queue(
      { ...openaiText('GPT says the photo shows a harbour at dusk.', { model: GPT }), match: { model: GPT } },
      { ...anthropicText('Claude sees boats moored in a calm harbour.', { model: CLAUDE }), match: { model: CLAUDE } },
    );
    const r = await h.ok('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'What is in this photo?' }],
      models: [{ model: GPT }, { model: CLAUDE }],
    });
    expect(r.assistantMessages.map((m) => m.model)).toEqual([GPT, CLAUDE]);
    const [gpt, claude] = await Promise.all(r.assistantMessages.map(ended));
    expect(messageText(gpt!)).toBe('GPT says the photo shows a harbour at dusk.');
    expect(messageText(claude!)).toBe('Claude sees boats moored in a calm harbour.');
    expect([gpt!.status, claude!.status]).toEqual(['done', 'done']);
    // Both streamed: many deltas each, not one final blob.
    expect(deltas(gpt!.id)).toBeGreaterThan(3);
    expect(deltas(claude!.id)).toBeGreaterThan(3);

    // The gateway got one request per model, each on its protocol's endpoint with the same question.
    const reqs = modelRequests();
    expect(reqs).toHaveLength(2);
    const openai = reqs.find((q) => q.path === '/v1/chat/completions')!;
    const anthropic = reqs.find((q) => q.path === '/v1/messages')!;
    expect(bodyOf(openai)).toMatchObject({ model: GPT, stream: true });
    expect(bodyOf(anthropic)).toMatchObject({ model: CLAUDE, stream: true });
    expect(history(openai)).toEqual(['user: What is in this photo?']);
    expect(history(anthropic)).toEqual(['user: What is in this photo?']);
    expect(anthropic.headers['anthropic-version']).toBeTruthy();

    // Siblings under the one question; the first column is shown until another is kept.
    let page = await h.ok('messages.list', { threadId: thread.id });
    expect(page.messages.map((m) => m.id)).toEqual([r.userMessage.id, gpt!.id]);
    expect(page.siblings?.[gpt!.id]).toEqual([gpt!.id, claude!.id]);

    // Keep Claude's answer: it is the thread's answer, GPT's stays as its branch.
    page = await h.ok('messages.select', { messageId: claude!.id });
    expect(page.messages.map((m) => messageText(m))).toEqual(['What is in this photo?', 'Claude sees boats moored in a calm harbour.']);
    expect(page.siblings?.[claude!.id]).toEqual([gpt!.id, claude!.id]);

    // The next send continues on the kept path, with the thread's own model.
    h.gateway.queue(openaiText('Yes, at dusk.'));
    const next = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Is it evening?' }] });
    await h.finished(next.assistantMessage.id);
    expect(history(modelRequests().at(-1)!)).toEqual([
      'user: What is in this photo?',
      'assistant: Claude sees boats moored in a calm harbour.',
      'user: Is it evening?',
    ]);
    // The thread's title came from the compared question.
    expect((await h.ok('threads.list', {})).find((t) => t.id === thread.id)?.title).toBe('What is in this photo?');
  });

  it('one photo to both: each request carries the image in its own protocol\'s form', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 60, b: 20 } } }).png().toBuffer();
    const att = await h.ok('attachments.add', { name: 'photo.png', mime: 'image/png', data: png.toString('base64') });
    h.gateway.queue(
      { ...openaiText('A red square.', { model: GPT }), match: { model: GPT } },
      { ...anthropicText('An orange-red rectangle.', { model: CLAUDE }), match: { model: CLAUDE } },
    );
    const r = await h.ok('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Describe it' }, { type: 'attachment', attachmentId: att.id }],
      models: [{ model: GPT }, { model: CLAUDE }],
    });
    await Promise.all(r.assistantMessages.map(ended));
    const openai = modelRequests().find((q) => q.path === '/v1/chat/completions')!;
    const anthropic = modelRequests().find((q) => q.path === '/v1/messages')!;
    const openaiParts = bodyOf(openai).messages.at(-1)!.content as { type: string; image_url?: { url: string } }[];
    const anthropicParts = bodyOf(anthropic).messages.at(-1)!.content as { type: string; source?: { type: string; media_type: string; data: string } }[];
    expect(openaiParts.find((p) => p.type === 'image_url')?.image_url?.url).toMatch(/^data:image\/(png|jpeg);base64,/);
    const image = anthropicParts.find((p) => p.type === 'image')!;
    expect(image.source?.type).toBe('base64');
    const meta = await sharp(Buffer.from(image.source!.data, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([64, 48]);
  });

  it('one failing column shows its classified error; the other finishes', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    h.gateway.queue(
      { ...errors.quota('anthropic'), match: { model: CLAUDE } },
      { ...openaiText('Still here.', { model: GPT }), match: { model: GPT } },
    );
    const r = await h.ok('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Hello both' }],
      models: [{ model: CLAUDE }, { model: GPT }],
    });
    const [claude, gpt] = await Promise.all(r.assistantMessages.map(ended));
    expect(claude!.status).toBe('error');
    expect(claude!.error?.code).toBe('quota');
    expect(gpt!.status).toBe('done');
    expect(messageText(gpt!)).toBe('Still here.');
  });

  it('refuses bad input before anything is stored', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    const one = await h.call('chat.compare', { threadId: thread.id, parts: [{ type: 'text', text: 'x' }], models: [{ model: GPT }] });
    expect(one.ok).toBe(false);
    const blank = await h.call('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: '   ' }],
      models: [{ model: GPT }, { model: CLAUDE }],
    });
    expect(blank.ok ? null : blank.error.code).toBe('invalid_input');
    expect((await h.ok('messages.list', { threadId: thread.id })).messages).toHaveLength(0);
    expect(modelRequests()).toHaveLength(0);
  });

  it('in the playground each column runs its own tool loop and keeps its own trace', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    const presets = Object.fromEntries((await h.ok('playground.presets', {})).map((t) => [t.name, t])) as Record<string, ToolDefinition>;
    const weather = presets['get_weather']!;
    const { check } = await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [weather], toolChoice: { type: 'auto' } }, maxSteps: 4, pauseBeforeRun: false },
    });
    expect(check.ok).toBe(true);
    h.gateway.queue(
      { ...openaiToolCalls([{ id: 'call_gpt', name: 'get_weather', args: '{"location":"Paris"}' }], { model: GPT }), match: { model: GPT } },
      { ...anthropicToolUse([{ id: 'toolu_claude', name: 'get_weather', input: { location: 'Tokyo' } }], { model: CLAUDE }), match: { model: CLAUDE } },
      { ...openaiText('Paris is mild.', { model: GPT }), match: { model: GPT } },
      { ...anthropicText('Tokyo is warm.', { model: CLAUDE }), match: { model: CLAUDE } },
    );
    const r = await h.ok('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Weather?' }],
      models: [{ model: GPT }, { model: CLAUDE }],
    });
    // Each column's loop creates its tool message and next answer under its own first answer.
    const created = () =>
      h.pushed.filter((p) => p.event === 'message.created').map((p) => (p.payload as { message: { id: string; parentId?: string | null; role: string; model: string | null } }).message);
    await expect.poll(() => created().filter((m) => m.role === 'assistant').length, { timeout: 20_000 }).toBe(2);
    const finals = created().filter((m) => m.role === 'assistant') as Message[];
    const done = await Promise.all(finals.map(ended));
    expect(done.map((m) => messageText(m)).sort()).toEqual(['Paris is mild.', 'Tokyo is warm.']);
    for (const root of r.assistantMessages) {
      const tool = created().find((m) => m.role === 'tool' && m.parentId === root.id)!;
      const next = created().find((m) => m.role === 'assistant' && m.parentId === tool.id)!;
      expect(next.model).toBe(root.model);
    }

    // The second request of each protocol carried its own tool result back.
    const openaiSecond = modelRequests().filter((q) => q.path === '/v1/chat/completions')[1]!;
    const anthropicSecond = modelRequests().filter((q) => q.path === '/v1/messages')[1]!;
    expect(JSON.stringify(bodyOf(openaiSecond).messages)).toContain('call_gpt');
    expect(JSON.stringify(bodyOf(anthropicSecond).messages)).toContain('toolu_claude');
    expect(JSON.stringify(bodyOf(openaiSecond).messages)).not.toContain('toolu_claude');

    // Two traces, one per column, each with its two steps on its own protocol and model.
    const traces = await Promise.all(r.assistantMessages.map(async (m) => {
      await expect.poll(async () => (await h.ok('traces.get', { messageId: m.id }))?.steps.length ?? 0).toBe(2);
      return (await h.ok('traces.get', { messageId: m.id }))!;
    }));
    expect(traces[0]!.id).not.toBe(traces[1]!.id);
    expect(traces.map((t) => [t.protocol, t.model])).toEqual([
      ['openai-chat', GPT],
      ['anthropic-messages', CLAUDE],
    ]);
  });
});
