import { describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import { createAnthropicAdapter } from '../../../electron/providers/anthropic-messages';
import { partsOf, replayText, sse, sseEvents } from './helpers';

const adapter = createAnthropicAdapter;
const start = (usage: Record<string, unknown> = { input_tokens: 10, output_tokens: 1 }) => ({
  type: 'message_start',
  message: { id: 'msg_1', type: 'message', role: 'assistant', content: [], usage },
});
const blockStart = (index: number, content_block: Record<string, unknown>) => ({ type: 'content_block_start', index, content_block });
const delta = (index: number, d: Record<string, unknown>) => ({ type: 'content_block_delta', index, delta: d });
const blockStop = (index: number) => ({ type: 'content_block_stop', index });
const msgDelta = (stop_reason: string | null, usage: Record<string, unknown> = {}) => ({
  type: 'message_delta',
  delta: { stop_reason, stop_sequence: null },
  usage,
});
const stop = { type: 'message_stop' };
const textBlock = (index: number, ...pieces: string[]) => [
  blockStart(index, { type: 'text', text: '' }),
  ...pieces.map((t) => delta(index, { type: 'text_delta', text: t })),
  blockStop(index),
];

describe('Anthropic Messages adapter', () => {
  it('streams a basic reply with block keys b<index>', async () => {
    const r = await replayText(adapter(), sseEvents(start(), ...textBlock(0, 'Hello', ' there'), msgDelta('end_turn', { output_tokens: 6 }), stop));
    expect(r.message.parts).toEqual([{ type: 'text', key: 'b0', text: 'Hello there' }]);
    expect(r.message.finishReason).toBe('end_turn');
    expect(r.message.usage).toEqual({ inputTokens: 10, outputTokens: 6 });
    expect(r.complete).toBe(true);
  });

  it('case 29: `event: error` overloaded_error mid-stream raises an overloaded error; partial kept', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(start(), blockStart(0, { type: 'text', text: '' }), delta(0, { type: 'text_delta', text: 'Par' }), {
        type: 'error',
        error: { type: 'overloaded_error', message: 'Overloaded' },
      }),
    );
    expect(r.error?.appError).toMatchObject({ code: 'overloaded', message: 'Overloaded' });
    expect(messageText(r.message)).toBe('Par');
  });

  it('case 30: frames without `event:` lines are dispatched by data.type', async () => {
    const r = await replayText(adapter(), sse(start(), ...textBlock(0, 'No events'), msgDelta('end_turn'), stop));
    expect(messageText(r.message)).toBe('No events');
    expect(r.complete).toBe(true);
  });

  it('case 31: an event with empty data is skipped', async () => {
    const text = `event: content_block_delta\ndata: \n\nevent: ping\ndata:\n\n${sseEvents(start(), ...textBlock(0, 'ok'), stop)}`;
    const r = await replayText(adapter(), text);
    expect(r.error).toBeNull();
    expect(messageText(r.message)).toBe('ok');
  });

  it('case 32: ping and unknown event types are ignored', async () => {
    const a = adapter();
    expect(a.onFrame({ event: 'ping', data: '{"type": "ping"}' })).toEqual([]);
    expect(a.onFrame({ event: 'future_thing', data: '{"type":"future_thing","x":1}' })).toEqual([]);
    const r = await replayText(
      adapter(),
      sseEvents(start(), { type: 'ping' }, ...textBlock(0, 'a'), { type: 'brand_new_event', payload: [1] }, stop),
    );
    expect(r.error).toBeNull();
    expect(messageText(r.message)).toBe('a');
  });

  it('case 33: a delta before message_start is a protocol error', async () => {
    const r = await replayText(adapter(), sseEvents(delta(0, { type: 'text_delta', text: 'x' })));
    expect(r.error?.appError.code).toBe('protocol');
    expect(() => adapter().onFrame({ data: JSON.stringify(blockStart(0, { type: 'text', text: '' })) })).toThrow(/before message_start/);
  });

  it('case 34: input_json_delta fragments "", {"loc, ation":"Paris"} → input at block stop', async () => {
    const a = adapter();
    const frames = [
      start(),
      blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} }),
      delta(0, { type: 'input_json_delta', partial_json: '' }),
      delta(0, { type: 'input_json_delta', partial_json: '{"loc' }),
      delta(0, { type: 'input_json_delta', partial_json: 'ation":"Paris"}' }),
    ];
    const before = frames.flatMap((f) => a.onFrame({ data: JSON.stringify(f) }));
    expect(before.some((e) => e.type === 'tool-call-end')).toBe(false);
    expect(a.onFrame({ data: JSON.stringify(blockStop(0)) })).toEqual([
      { type: 'tool-call-end', key: 'b0', input: { location: 'Paris' } },
    ]);
  });

  it('case 34: incomplete JSON at block stop is a visible parse error, never {}', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(
        start(),
        blockStart(0, { type: 'tool_use', id: 'toolu_1', name: 'f', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"a": [1, 2' }),
        blockStop(0),
        msgDelta('tool_use'),
        stop,
      ),
    );
    const [c] = partsOf(r.message, 'tool_call');
    expect(c).toMatchObject({ id: 'toolu_1', status: 'error', inputError: expect.stringContaining('not valid JSON') });
    expect(c?.input).toBeUndefined();
  });

  it('case 34: no input deltas at all → {}', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(start(), blockStart(0, { type: 'tool_use', id: 't', name: 'now', input: {} }), blockStop(0), msgDelta('tool_use'), stop),
    );
    expect(partsOf(r.message, 'tool_call')[0]).toMatchObject({ input: {}, status: 'waiting' });
  });

  it('case 35: thinking deltas then signature_delta are kept; redacted_thinking kept byte for byte', async () => {
    const redacted = 'EmwKAhgBEgy3va3pzix/LafPsn4aDFIT2Xlxh0L5L8rLVyIwxtE3rAFBa8cr3qpP+==';
    const r = await replayText(
      adapter(),
      sseEvents(
        start(),
        blockStart(0, { type: 'thinking', thinking: '', signature: '' }),
        delta(0, { type: 'thinking_delta', thinking: 'Let me ' }),
        delta(0, { type: 'thinking_delta', thinking: 'think.' }),
        delta(0, { type: 'signature_delta', signature: 'sig/+=' }),
        blockStop(0),
        blockStart(1, { type: 'redacted_thinking', data: redacted }),
        blockStop(1),
        ...textBlock(2, 'Answer'),
        msgDelta('end_turn'),
        stop,
      ),
      [3, 7],
    );
    expect(r.message.parts).toEqual([
      { type: 'thinking', key: 'b0', text: 'Let me think.', source: 'anthropic', signature: 'sig/+=' },
      { type: 'redacted_thinking', key: 'b1', data: redacted },
      { type: 'text', key: 'b2', text: 'Answer' },
    ]);
  });

  it('case 36: message_delta twice with cumulative output_tokens keeps the last value', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(
        start({ input_tokens: 20, output_tokens: 1, cache_read_input_tokens: 5, cache_creation_input_tokens: 2 }),
        ...textBlock(0, 'x'),
        msgDelta(null, { output_tokens: 30 }),
        msgDelta('end_turn', { output_tokens: 45 }),
        stop,
      ),
    );
    expect(r.message.usage).toEqual({ inputTokens: 20, outputTokens: 45, cacheReadTokens: 5, cacheWriteTokens: 2 });
  });

  it('case 37: stop_reason pause_turn is reported as the finish reason (the caller continues)', async () => {
    const r = await replayText(adapter(), sseEvents(start(), ...textBlock(0, 'Searching'), msgDelta('pause_turn'), stop));
    expect(r.message.finishReason).toBe('pause_turn');
    expect(r.complete).toBe(true);
  });

  it('case 37: stop_reason refusal adds an empty refusal part for the notice', async () => {
    const r = await replayText(adapter(), sseEvents(start(), ...textBlock(0, 'Hi'), msgDelta('refusal'), stop));
    expect(r.message.finishReason).toBe('refusal');
    expect(partsOf(r.message, 'refusal')).toEqual([{ type: 'refusal', key: 'refusal', text: '' }]);
    expect(messageText(r.message)).toBe('Hi');
  });

  it('EOF without message_stop or stop_reason is incomplete and open tool calls get an inputError', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(start(), blockStart(0, { type: 'tool_use', id: 't', name: 'f', input: {} }), delta(0, { type: 'input_json_delta', partial_json: '{}' })),
    );
    expect(r.complete).toBe(false);
    expect(partsOf(r.message, 'tool_call')[0]).toMatchObject({ status: 'error', inputError: expect.any(String) });
  });

  it('a non-JSON payload is a protocol error', async () => {
    expect(() => adapter().onFrame({ event: 'message_start', data: '{oops' })).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ code: 'protocol' }) }),
    );
  });

  it('server tool blocks are not surfaced as client tool calls', async () => {
    const r = await replayText(
      adapter(),
      sseEvents(
        start(),
        blockStart(0, { type: 'server_tool_use', id: 'srv_1', name: 'web_search', input: {} }),
        delta(0, { type: 'input_json_delta', partial_json: '{"query":"x"}' }),
        blockStop(0),
        ...textBlock(1, 'Found it'),
        msgDelta('end_turn'),
        stop,
      ),
    );
    expect(partsOf(r.message, 'tool_call')).toEqual([]);
    expect(messageText(r.message)).toBe('Found it');
  });
});
