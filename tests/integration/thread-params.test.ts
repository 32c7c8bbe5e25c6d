// Per-thread parameters over the defaults in Settings, as the gateway receives them in both protocols;
// a parameter a model rejects comes back as the gateway's classified error; reasoning in either
// OpenAI field lands as collapsed thinking with its duration; thread usage totals come from storage.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../shared/chat-events';
import { threadCost } from '../../shared/cost';
import { anthropicText, errors, openaiText } from '../fixtures/gateway/scenarios';
import * as sse from '../fixtures/gateway/sse';
import type { Scenario } from '../fixtures/gateway/types';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

function lastBody(path: string): Record<string, unknown> {
  const req = h.gateway.requests.filter((r) => r.path === path).at(-1);
  if (!req) throw new Error(`no request to ${path}`);
  return req.json as Record<string, unknown>;
}

async function ask(threadId: string, text = 'Hi') {
  const { assistantMessage } = await h.ok('chat.send', { threadId, parts: [{ type: 'text', text }] });
  return h.finished(assistantMessage.id);
}

describe('thread parameters in the request body', () => {
  it('OpenAI format: nothing extra by default, then the defaults, then the thread’s own values win', async () => {
    const thread = await h.ok('threads.create', { model: 'o3-mini' });
    h.gateway.queue(openaiText('one'), openaiText('two'), openaiText('three'));

    await ask(thread.id);
    let body = lastBody('/v1/chat/completions');
    expect(body.max_tokens).toBe(4096);
    for (const k of ['temperature', 'top_p', 'reasoning_effort']) expect(body).not.toHaveProperty(k);

    await h.ok('settings.update', { temperature: 0.2, topP: 0.5, reasoningEffort: 'low', maxTokens: 1000 });
    await ask(thread.id);
    expect(lastBody('/v1/chat/completions')).toMatchObject({ temperature: 0.2, top_p: 0.5, reasoning_effort: 'low', max_tokens: 1000 });

    const updated = await h.ok('threads.update', {
      id: thread.id,
      params: { temperature: 1.3, topP: 0.9, maxTokens: 321, reasoningEffort: 'high' },
    });
    expect(updated.params).toEqual({ temperature: 1.3, topP: 0.9, maxTokens: 321, reasoningEffort: 'high' });
    await ask(thread.id);
    body = lastBody('/v1/chat/completions');
    expect(body).toMatchObject({ temperature: 1.3, top_p: 0.9, max_tokens: 321, reasoning_effort: 'high' });

    // Remembered: the thread reads back with its parameters after a restart.
    await h.reopen();
    const [again] = await h.ok('threads.list', {});
    expect(again!.params).toEqual({ temperature: 1.3, topP: 0.9, maxTokens: 321, reasoningEffort: 'high' });
  });

  it('Anthropic format: temperature, top_p and max_tokens, and the thinking budget, never reasoning_effort', async () => {
    const thread = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    expect(thread.protocol).toBe('anthropic-messages');
    await h.ok('settings.update', { reasoningEffort: 'medium' });
    await h.ok('threads.update', {
      id: thread.id,
      params: { temperature: 0.7, topP: 0.8, maxTokens: 8000 },
      thinking: { enabled: true, budgetTokens: 3000 },
    });
    h.gateway.queue(anthropicText('fine', { thinking: 'Let me think.' }));
    const answer = await ask(thread.id);
    expect(answer.status).toBe('done');
    const body = lastBody('/v1/messages');
    expect(body).toMatchObject({ temperature: 0.7, top_p: 0.8, max_tokens: 8000, thinking: { type: 'enabled', budget_tokens: 3000 } });
    expect(body).not.toHaveProperty('reasoning_effort');
  });

  it('a new thread starts from the default system prompt', async () => {
    await h.ok('settings.update', { systemPrompt: 'Answer in French.' });
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    expect(thread.systemPrompt).toBe('Answer in French.');
    h.gateway.queue(openaiText('Bonjour'));
    await ask(thread.id);
    expect((lastBody('/v1/chat/completions').messages as unknown[])[0]).toEqual({ role: 'system', content: 'Answer in French.' });
  });

  it('a parameter the model rejects is sent as set and the gateway’s 400 is shown, classified', async () => {
    const thread = await h.ok('threads.create', { model: 'o3-mini' });
    await h.ok('threads.update', { id: thread.id, params: { temperature: 0.5 } });
    h.gateway.queue(errors.openai(400, "Unsupported parameter: 'temperature' is not supported with this model.", 'invalid_request_error', 'unsupported_parameter'));
    const answer = await ask(thread.id);
    expect(lastBody('/v1/chat/completions').temperature).toBe(0.5);
    expect(answer.status).toBe('error');
    expect(answer.error).toMatchObject({ code: 'bad_request', status: 400 });
    expect(answer.error!.message).toContain('temperature');
  });

  it('out-of-range values are refused before anything is stored', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const r = await h.call('threads.update', { id: thread.id, params: { temperature: 3 } });
    expect(r.ok).toBe(false);
    const r2 = await h.call('threads.update', { id: thread.id, params: { topP: -0.1 } });
    expect(r2.ok).toBe(false);
    const [t] = await h.ok('threads.list', {});
    expect(t!.params).toBeUndefined();
  });
});

describe('OpenAI-format reasoning', () => {
  for (const field of ['reasoning_content', 'reasoning', 'both'] as const) {
    it(`in ${field === 'both' ? 'both fields' : `\`${field}\``}: one thinking part before the answer, with its duration`, async () => {
      const thread = await h.ok('threads.create', { model: 'deepseek-reasoner' });
      h.gateway.queue(openaiText('The answer is 4.', { reasoning: 'Two plus two is four.', reasoningField: field, delayMs: 5 }));
      const answer = await ask(thread.id, '2+2?');
      expect(answer.status).toBe('done');
      const thinking = answer.parts.filter((p) => p.type === 'thinking');
      expect(thinking).toHaveLength(1);
      expect(thinking[0]).toMatchObject({ type: 'thinking', text: 'Two plus two is four.', source: 'openai' });
      expect(answer.parts[0]!.type).toBe('thinking');
      const duration = (thinking[0] as { durationMs?: number }).durationMs;
      expect(typeof duration).toBe('number');
      expect(duration).toBeGreaterThan(0);
      expect(messageText(answer)).toBe('The answer is 4.');
    });
  }
});

/** A DeepSeek thinking turn that reasons, then calls a tool (no text), as its API streams it. */
function deepseekReasonThenCall(reasoning: string, call: { id: string; name: string; args: string }): Scenario {
  const meta = sse.openaiMeta('deepseek-reasoner');
  const frame = (delta: Record<string, unknown>, finish: string | null = null) =>
    sse.sseFrame(sse.openaiChunk(meta, [sse.openaiChoice(delta, finish)]));
  return {
    chunks: [
      frame({ role: 'assistant', content: null }),
      ...sse.splitText(reasoning).map((piece) => frame({ content: null, reasoning_content: piece })),
      frame({ tool_calls: [{ index: 0, id: call.id, type: 'function', function: { name: call.name, arguments: call.args } }] }),
      frame({}, 'tool_calls'),
      sse.sseFrame(sse.openaiChunk(meta, [], sse.openaiUsage(30, 12))),
      sse.DONE,
    ],
  };
}

describe('DeepSeek thinking with tool calls', () => {
  it('the reasoning of a tool-calling turn is sent back as reasoning_content, with the thread’s parameters, in the next step', async () => {
    const weather = (await h.ok('playground.presets', {})).find((t) => t.name === 'get_weather')!;
    const thread = await h.ok('threads.create', { model: 'deepseek-reasoner' });
    await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [weather], toolChoice: { type: 'auto' } }, maxSteps: 4, pauseBeforeRun: false },
    });
    await h.ok('threads.update', { id: thread.id, params: { temperature: 0.6, maxTokens: 900 } });
    h.gateway.queue(
      deepseekReasonThenCall('I need the weather first.', { id: 'call_w', name: 'get_weather', args: '{"location":"Paris"}' }),
      openaiText('Paris is mild.'),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Weather in Paris?' }] });
    await h.gateway.waitForRequests(2);
    await h.gateway.requests[1]!.finished;
    const [first, second] = h.gateway.requests.map((r) => r.json as { temperature: number; max_tokens: number; messages: Record<string, unknown>[] });
    expect(first).toMatchObject({ temperature: 0.6, max_tokens: 900 });
    expect(second).toMatchObject({ temperature: 0.6, max_tokens: 900 });
    expect(second!.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(second!.messages[1]).toMatchObject({
      role: 'assistant',
      content: null,
      reasoning_content: 'I need the weather first.',
      tool_calls: [{ id: 'call_w' }],
    });
  });
});

describe('thread usage', () => {
  it('lists every answer’s usage (branches and all) and prices it', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    h.gateway.queue(
      openaiText('a', { usage: { prompt: 1000, completion: 200 } }),
      openaiText('b', { usage: { prompt: 3000, completion: 400 } }),
    );
    await ask(thread.id);
    await ask(thread.id);
    const rows = await h.ok('threads.usage', { id: thread.id });
    expect(rows).toHaveLength(2);
    const cost = threadCost(rows, { 'gpt-4o-mini': { input: 0.15, output: 0.6 } });
    expect(cost.totals).toMatchObject({ inputTokens: 4000, outputTokens: 600 });
    // 4000 × 0.15 / 1e6 + 600 × 0.6 / 1e6
    expect(cost.cost).toBeCloseTo(0.00096, 10);
  });
});
