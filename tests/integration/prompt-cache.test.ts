// Prompt caching through the real core: the cache setting reaches the recorded Anthropic request as
// cache_control breakpoints (and, for 1 hour, the beta header), never an OpenAI-format one; the cache
// tokens the gateway reports are stored per answer and add up to the thread's hit rate and savings.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threadCacheStats } from '../../shared/cache';
import type { Message } from '../../shared/domain';
import { anthropicText, anthropicToolUse, openaiText } from '../fixtures/gateway/scenarios';
import type { RecordedRequest } from '../fixtures/gateway/types';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

const CLAUDE = 'claude-sonnet-4-20250514';
const BETA = 'extended-cache-ttl-2025-04-11';
type Block = Record<string, unknown>;
interface Body {
  system?: string | Block[];
  tools?: Block[];
  messages: Array<{ role: string; content: Block[] }>;
}

function last(path: string): RecordedRequest {
  const req = h.gateway.requests.filter((r) => r.path === path).at(-1);
  if (!req) throw new Error(`no request to ${path}`);
  return req;
}

/** Where each breakpoint of a body sits, and with which cache_control. */
function breakpoints(b: Body): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  b.tools?.forEach((t, i) => t.cache_control && out.push([`tools[${i}]`, t.cache_control]));
  if (Array.isArray(b.system)) b.system.forEach((s, i) => s.cache_control && out.push([`system[${i}]`, s.cache_control]));
  b.messages.forEach((m, i) => m.content.forEach((c, j) => c.cache_control && out.push([`messages[${i}][${j}]`, c.cache_control])));
  return out;
}

async function ask(threadId: string, text: string): Promise<Message> {
  const { assistantMessage } = await h.ok('chat.send', { threadId, parts: [{ type: 'text', text }] });
  return h.finished(assistantMessage.id);
}

async function claudeThread(systemPrompt = 'You are a careful assistant.') {
  const thread = await h.ok('threads.create', { model: CLAUDE });
  await h.ok('threads.update', { id: thread.id, systemPrompt });
  return thread;
}

describe('cache_control in the request', () => {
  it('off by default: no breakpoint and no beta header', async () => {
    const thread = await claudeThread();
    h.gateway.queue(anthropicText('Hello.'));
    await ask(thread.id, 'Hi');
    const req = last('/v1/messages');
    expect(req.body).not.toContain('cache_control');
    expect(req.headers).not.toHaveProperty('anthropic-beta');
    expect((req.json as Body).system).toBe('You are a careful assistant.');
  });

  it('5 minutes: tools, system prompt and the latest turn are marked, and the previous turn once there is one', async () => {
    const weather = (await h.ok('playground.presets', {})).find((t) => t.name === 'get_weather')!;
    const thread = await claudeThread();
    await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [weather], toolChoice: { type: 'auto' } }, maxSteps: 4, pauseBeforeRun: false },
    });
    const updated = await h.ok('threads.update', { id: thread.id, params: { cacheMode: '5m' } });
    expect(updated.params).toEqual({ cacheMode: '5m' });

    h.gateway.queue(anthropicText('First.', { usage: { input: 20, output: 3, cacheWrite: 1_800 } }));
    const first = await ask(thread.id, 'Remember this.');
    let req = last('/v1/messages');
    expect(req.headers).not.toHaveProperty('anthropic-beta');
    const eph = { type: 'ephemeral' };
    expect(breakpoints(req.json as Body)).toEqual([
      ['tools[0]', eph],
      ['system[0]', eph],
      ['messages[0][0]', eph],
    ]);
    expect((req.json as Body).system).toEqual([{ type: 'text', text: 'You are a careful assistant.', cache_control: eph }]);
    expect(first.usage).toMatchObject({ inputTokens: 20, cacheWriteTokens: 1_800, cacheReadTokens: 0 });

    // A tool turn: the request after the tool ran marks its tool_result turn and the question before it.
    h.gateway.queue(
      anthropicToolUse([{ id: 'toolu_c1', name: 'get_weather', input: { location: 'Oslo' } }]),
      anthropicText('Cold.', { usage: { input: 30, output: 2, cacheRead: 1_800, cacheWrite: 120 } }),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Weather in Oslo?' }] });
    await h.gateway.waitForRequests(3);
    await h.gateway.requests[2]!.finished;
    req = last('/v1/messages');
    const body = req.json as Body;
    expect(body.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'user', 'assistant', 'user']);
    const marks = breakpoints(body);
    expect(marks).toHaveLength(4);
    expect(marks.map(([where]) => where)).toEqual(['tools[0]', 'system[0]', 'messages[2][0]', 'messages[4][0]']);
    expect(body.messages[4]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_c1' });
  });

  it('1 hour: ttl "1h" on every breakpoint and the extended-TTL beta header; the thread’s own setting beats the default', async () => {
    await h.ok('settings.update', { cacheMode: '5m' });
    const thread = await claudeThread();
    await h.ok('threads.update', { id: thread.id, params: { cacheMode: '1h' } });
    h.gateway.queue(anthropicText('Long-lived.'));
    await ask(thread.id, 'Hi');
    const req = last('/v1/messages');
    expect(req.headers['anthropic-beta']).toBe(BETA);
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
    const hour = { type: 'ephemeral', ttl: '1h' };
    expect(breakpoints(req.json as Body)).toEqual([
      ['system[0]', hour],
      ['messages[0][0]', hour],
    ]);

    // Back to "off" for this thread alone, while the default stays 5 minutes.
    await h.ok('threads.update', { id: thread.id, params: { cacheMode: 'off' } });
    h.gateway.queue(anthropicText('Plain.'));
    await ask(thread.id, 'Again');
    expect(last('/v1/messages').body).not.toContain('cache_control');
    expect(last('/v1/messages').headers).not.toHaveProperty('anthropic-beta');
  });

  it('a default of 5 minutes in Settings applies to a thread that sets nothing', async () => {
    await h.ok('settings.update', { cacheMode: '5m' });
    const thread = await claudeThread('');
    h.gateway.queue(anthropicText('Defaulted.'));
    await ask(thread.id, 'Hi');
    const body = last('/v1/messages').json as Body;
    expect(body).not.toHaveProperty('system');
    expect(breakpoints(body)).toEqual([['messages[0][0]', { type: 'ephemeral' }]]);
  });

  it('OpenAI format: nothing is placed whatever the setting; cached tokens are read from prompt_tokens_details', async () => {
    await h.ok('settings.update', { cacheMode: '1h' });
    const thread = await h.ok('threads.create', { model: 'gpt-4o' });
    h.gateway.queue(openaiText('Cached.', { usage: { prompt: 5_000, completion: 10, cached: 4_096 } }));
    const answer = await ask(thread.id, 'Hi');
    const req = last('/v1/chat/completions');
    expect(req.body).not.toContain('cache_control');
    expect(req.headers).not.toHaveProperty('anthropic-beta');
    expect(answer.usage).toMatchObject({ inputTokens: 5_000, cacheReadTokens: 4_096, cacheInInput: true });
  });
});

describe('cache usage stored per answer and summed per thread', () => {
  it('writes, then reads: the thread’s hit rate and savings come from what the gateway reported', async () => {
    const thread = await claudeThread();
    await h.ok('threads.update', { id: thread.id, params: { cacheMode: '5m' } });
    h.gateway.queue(
      anthropicText('One.', { usage: { input: 10, output: 5, cacheWrite: 2_000 } }),
      anthropicText('Two.', { usage: { input: 10, output: 5, cacheRead: 2_000, cacheWrite: 40 } }),
    );
    await ask(thread.id, 'One');
    const second = await ask(thread.id, 'Two');
    expect(second.usage).toMatchObject({ inputTokens: 10, cacheReadTokens: 2_000, cacheWriteTokens: 40 });

    // Stored: read back after a restart, through the route the header uses.
    await h.reopen();
    const rows = await h.ok('threads.usage', { id: thread.id });
    const stats = threadCacheStats(rows, { 'claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } });
    expect(stats.promptTokens).toBe(2_010 + 2_050);
    expect(stats.hitRate).toBeCloseTo(2_000 / 4_060, 12);
    // 2,000 read × 2.7 − 2,040 written × 0.75 = 5,400 − 1,530 per million
    expect(stats.saved).toBeCloseTo(0.00387, 12);
  });
});
