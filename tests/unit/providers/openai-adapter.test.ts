import { describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import { createOpenAIChatAdapter } from '../../../electron/providers/openai-chat';
import { chunk, partsOf, replayText, sse } from './helpers';

const adapter = createOpenAIChatAdapter;
const finish = (reason: string, delta: Record<string, unknown> = {}) => chunk(delta, { finish_reason: reason });
const call = (o: Record<string, unknown>) => chunk({ tool_calls: [o] });

describe('OpenAI Chat adapter', () => {
  it('streams text, role set not appended, empty first delta makes no part', async () => {
    const r = await replayText(
      adapter(),
      sse(chunk({ role: 'assistant', content: '', refusal: null }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), finish('stop'), '[DONE]'),
    );
    expect(messageText(r.message)).toBe('Hello');
    expect(r.message.parts).toHaveLength(1);
    expect(r.message.finishReason).toBe('stop');
    expect(r.complete).toBe(true);
  });

  it('case 7: a non-JSON payload is a protocol error; text before it is kept', async () => {
    const r = await replayText(adapter(), sse(chunk({ content: 'partial' }), '{not json'));
    expect(r.error?.appError.code).toBe('protocol');
    expect(r.error?.appError.message).toContain('{not json');
    expect(messageText(r.message)).toBe('partial');
  });

  it('case 8: frames after [DONE] are ignored', async () => {
    const a = adapter();
    expect(a.onFrame({ data: JSON.stringify(chunk({ content: 'a' })) })).toHaveLength(1);
    a.onFrame({ data: '[DONE]' });
    expect(a.done).toBe(true);
    expect(a.onFrame({ data: JSON.stringify(chunk({ content: 'late' })) })).toEqual([]);
    expect(a.onFrame({ data: 'garbage' })).toEqual([]);
  });

  it('case 9: EOF with no [DONE] and no finish_reason is incomplete; partial kept', async () => {
    const r = await replayText(adapter(), sse(chunk({ content: 'half an ans' })));
    expect(r.complete).toBe(false);
    expect(messageText(r.message)).toBe('half an ans');
  });

  it('case 9: finish_reason without [DONE] still counts as complete', async () => {
    expect((await replayText(adapter(), sse(chunk({ content: 'x' }), finish('stop')))).complete).toBe(true);
  });

  it('case 10: content in the finish chunk is kept', async () => {
    const r = await replayText(adapter(), sse(chunk({ content: 'Hello' }), finish('stop', { content: ' world' }), '[DONE]'));
    expect(messageText(r.message)).toBe('Hello world');
  });

  it('case 11: a usage chunk with choices:[] after the finish chunk is recorded', async () => {
    const usage = { prompt_tokens: 17, completion_tokens: 10, total_tokens: 27 };
    const r = await replayText(adapter(), sse(chunk({ content: 'x' }), finish('stop'), { id: 'c', choices: [], usage }, '[DONE]'));
    expect(r.message.usage).toEqual({ inputTokens: 17, outputTokens: 10 });
  });

  it('case 12: usage in every chunk keeps the last value, never a sum', async () => {
    const u = (p: number, c: number) => ({ usage: { prompt_tokens: p, completion_tokens: c } });
    const r = await replayText(
      adapter(),
      sse({ ...chunk({ content: 'a' }), ...u(5, 1) }, { ...chunk({ content: 'b' }), ...u(5, 2) }, { ...finish('stop'), ...u(5, 3) }),
    );
    expect(r.message.usage).toEqual({ inputTokens: 5, outputTokens: 3 });
  });

  it('case 12: reasoning and cached token details are mapped', async () => {
    const usage = {
      prompt_tokens: 100,
      completion_tokens: 50,
      completion_tokens_details: { reasoning_tokens: 20 },
      prompt_tokens_details: { cached_tokens: 64 },
    };
    const r = await replayText(adapter(), sse({ choices: [], usage }));
    expect(r.message.usage).toEqual({ inputTokens: 100, outputTokens: 50, reasoningTokens: 20, cacheReadTokens: 64 });
  });

  it('case 13: usage:null, system_fingerprint:null, type:null are fine', async () => {
    const r = await replayText(
      adapter(),
      sse(
        { ...chunk({ content: 'ok', role: null, refusal: null, tool_calls: null }), usage: null, system_fingerprint: null },
        { ...call({ index: 0, id: 'c1', type: null, function: { name: 'f', arguments: null } }), usage: null },
        finish('tool_calls'),
        '[DONE]',
      ),
    );
    expect(r.error).toBeNull();
    expect(messageText(r.message)).toBe('ok');
    expect(r.message.usage).toBeNull();
    expect(partsOf(r.message, 'tool_call')[0]).toMatchObject({ id: 'c1', name: 'f', input: {} });
  });

  it('case 14: tool call split over chunks is one call, arguments parsed at the end', async () => {
    const a = adapter();
    const frames = [
      call({ index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } }),
      call({ index: 0, function: { arguments: '{"loc' } }),
      call({ index: 0, function: { arguments: 'ation":"Par' } }),
      call({ index: 0, function: { arguments: 'is"}' } }),
    ];
    const events = frames.flatMap((f) => a.onFrame({ data: JSON.stringify(f) }));
    expect(events.some((e) => e.type === 'tool-call-end')).toBe(false); // not before the end
    const r = await replayText(adapter(), sse(...frames, finish('tool_calls'), '[DONE]'));
    const calls = partsOf(r.message, 'tool_call');
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({
      id: 'call_1',
      name: 'get_weather',
      inputJson: '{"location":"Paris"}',
      input: { location: 'Paris' },
      status: 'waiting',
    });
    expect(r.message.finishReason).toBe('tool_calls');
  });

  it('case 15: two interleaved parallel tool calls come out as two calls ordered by index', async () => {
    const r = await replayText(
      adapter(),
      sse(
        call({ index: 0, id: 'a', type: 'function', function: { name: 'one', arguments: '' } }),
        call({ index: 1, id: 'b', type: 'function', function: { name: 'two', arguments: '' } }),
        call({ index: 0, function: { arguments: '{"x":' } }),
        call({ index: 1, function: { arguments: '{"y":' } }),
        call({ index: 1, function: { arguments: '2}' } }),
        call({ index: 0, function: { arguments: '1}' } }),
        finish('tool_calls'),
        '[DONE]',
      ),
    );
    const calls = partsOf(r.message, 'tool_call');
    expect(calls.map((c) => [c.id, c.name, c.input])).toEqual([
      ['a', 'one', { x: 1 }],
      ['b', 'two', { y: 2 }],
    ]);
  });

  it('case 16: a first tool call with index 1 and no 0 is accepted', async () => {
    const r = await replayText(
      adapter(),
      sse(
        call({ index: 1, id: 'only', type: 'function', function: { name: 'f', arguments: '{"a"' } }),
        call({ index: 1, function: { arguments: ':1}' } }),
        finish('tool_calls'),
      ),
    );
    expect(r.error).toBeNull();
    expect(partsOf(r.message, 'tool_call')).toEqual([
      expect.objectContaining({ key: 'tool:1', id: 'only', input: { a: 1 } }),
    ]);
  });

  it('case 17: deltas without index: an id starts a new call, arguments alone continue the last', async () => {
    const r = await replayText(
      adapter(),
      sse(
        call({ id: 'c1', type: 'function', function: { name: 'first', arguments: '{"n"' } }),
        call({ function: { arguments: ':1}' } }),
        call({ id: 'c2', type: 'function', function: { name: 'second', arguments: '' } }),
        call({ function: { arguments: '{"n":2}' } }),
        finish('tool_calls'),
      ),
    );
    expect(partsOf(r.message, 'tool_call').map((c) => [c.id, c.name, c.input])).toEqual([
      ['c1', 'first', { n: 1 }],
      ['c2', 'second', { n: 2 }],
    ]);
  });

  it('case 18: a continuation with type:null / arguments:"" keeps earlier values', async () => {
    const r = await replayText(
      adapter(),
      sse(
        call({ index: 0, id: 'c1', type: 'function', function: { name: 'f', arguments: '{"q":' } }),
        call({ index: 0, id: null, type: null, function: { name: null, arguments: '' } }),
        call({ index: 0, type: null, function: { arguments: '"v"}' } }),
        finish('tool_calls'),
      ),
    );
    expect(partsOf(r.message, 'tool_call')).toEqual([
      expect.objectContaining({ id: 'c1', name: 'f', inputJson: '{"q":"v"}', input: { q: 'v' } }),
    ]);
  });

  it('case 19: finish_reason tool_calls with no tool call is a visible error, not an empty reply', async () => {
    const r = await replayText(adapter(), sse(chunk({ content: 'Let me check.' }), finish('tool_calls'), '[DONE]'));
    expect(r.error?.appError.code).toBe('protocol');
    expect(messageText(r.message)).toBe('Let me check.');
  });

  it('case 20: n=2 interleaved choices stay independent', async () => {
    const r = await replayText(
      adapter(),
      sse(
        chunk({ content: 'A1' }, {}, 0),
        chunk({ content: 'B1' }, {}, 1),
        { choices: [{ index: 0, delta: { content: 'A2' } }, { index: 1, delta: { content: 'B2' } }] },
        { choices: [{ index: 1, delta: {}, finish_reason: 'stop' }] },
        { choices: [{ index: 0, delta: {}, finish_reason: 'length' }] },
        '[DONE]',
      ),
    );
    const texts = Object.fromEntries(partsOf(r.message, 'text').map((p) => [p.key, p.text]));
    expect(texts).toEqual({ text: 'A1A2', 'c1:text': 'B1B2' });
    expect(messageText(r.message)).toBe('A1A2');
    expect(r.message.finishReason).toBe('length'); // choice 0's
  });

  it('case 21: reasoning_content and reasoning with the same text are shown once', async () => {
    const r = await replayText(
      adapter(),
      sse(
        chunk({ reasoning_content: 'Think', reasoning: 'Think' }),
        chunk({ reasoning_content: 'ing', reasoning: 'ing' }),
        chunk({ reasoning: ' more' }),
        chunk({ content: 'Answer' }),
        finish('stop'),
      ),
    );
    expect(partsOf(r.message, 'thinking')).toEqual([
      { type: 'thinking', key: 'reasoning', text: 'Thinking more', source: 'openai' },
    ]);
    expect(messageText(r.message)).toBe('Answer');
  });

  it('case 23: {"error":…} mid-stream on a 200 is an API error with its message; partial kept', async () => {
    const r = await replayText(
      adapter(),
      sse(chunk({ content: 'Part' }), { error: { message: 'Upstream exploded', type: 'server_error', code: null } }),
    );
    expect(r.error?.appError).toMatchObject({ code: 'server', message: 'Upstream exploded' });
    expect(messageText(r.message)).toBe('Part');
  });

  it('case 23: `event: error` frames and quota errors mid-stream are classified', async () => {
    const a = adapter();
    expect(() =>
      a.onFrame({ event: 'error', data: JSON.stringify({ error: { message: 'Rate limit reached', type: 'rate_limit_exceeded' } }) }),
    ).toThrowError(expect.objectContaining({ appError: expect.objectContaining({ code: 'rate_limit' }) }));
    expect(() =>
      adapter().onFrame({ data: JSON.stringify({ error: { message: 'token quota is not enough', type: 'new_api_error' } }) }),
    ).toThrowError(expect.objectContaining({ appError: expect.objectContaining({ code: 'quota' }) }));
  });

  it('refusal deltas become a refusal part', async () => {
    const r = await replayText(adapter(), sse(chunk({ refusal: "I can't" }), chunk({ refusal: ' help.' }), finish('stop')));
    expect(partsOf(r.message, 'refusal')).toEqual([{ type: 'refusal', key: 'refusal', text: "I can't help." }]);
  });

  it('a tool call open at EOF of a truncated stream is not runnable', async () => {
    const r = await replayText(adapter(), sse(call({ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{}' } })));
    expect(r.complete).toBe(false);
    const [c] = partsOf(r.message, 'tool_call');
    expect(c?.input).toBeUndefined();
    expect(c?.inputError).toBeTruthy();
    expect(c?.status).toBe('error');
  });

  it('unparseable tool arguments at finish give inputError', async () => {
    const r = await replayText(
      adapter(),
      sse(call({ index: 0, id: 'c', type: 'function', function: { name: 'f', arguments: '{"a":' } }), finish('length')),
    );
    expect(partsOf(r.message, 'tool_call')[0]).toMatchObject({ status: 'error', inputError: expect.stringContaining('not valid JSON') });
  });

  it('a gateway that numbers every parallel call 0 with distinct ids still yields two calls', async () => {
    const r = await replayText(
      adapter(),
      sse(
        call({ index: 0, id: 'x', type: 'function', function: { name: 'f', arguments: '{"i":1}' } }),
        call({ index: 0, id: 'y', type: 'function', function: { name: 'g', arguments: '{"i":2}' } }),
        finish('tool_calls'),
      ),
    );
    expect(partsOf(r.message, 'tool_call').map((c) => [c.id, c.input])).toEqual([
      ['x', { i: 1 }],
      ['y', { i: 2 }],
    ]);
  });
});
