import { describe, expect, it } from 'vitest';
import { Trace } from '../../../shared/domain';
import { anthropicRequest, recorder, weatherBody } from './helpers';

describe('createTraceRecorder', () => {
  it('records a text step: request, response, timed frames, blocks, usage and stop reason', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(120);
    rec.onResponse({ attempt: 0, status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' }, t: 120 });
    clock.advance(30);
    rec.onFrame({ t: 150, event: 'message_start', data: '{"type":"message_start"}' });
    rec.onEvent({ type: 'usage', usage: { inputTokens: 20, outputTokens: 1 } });
    clock.advance(50);
    rec.onFrame({ t: 200, event: 'content_block_delta', data: '{"delta":{"text":"Hel"}}' });
    rec.onEvent({ type: 'text', key: 'b0', delta: 'Hel' });
    clock.advance(40);
    rec.onFrame({ t: 240, event: 'content_block_delta', data: '{"delta":{"text":"lo"}}' });
    rec.onEvent({ type: 'text', key: 'b0', delta: 'lo' });
    clock.advance(10);
    rec.onFrame({ t: 250, event: 'message_delta', data: '{"usage":{"output_tokens":12}}' });
    rec.onEvent({ type: 'usage', usage: { outputTokens: 12 } });
    rec.onEvent({ type: 'finish', reason: 'end_turn' });
    clock.advance(5);
    rec.onEvent({ type: 'status', status: 'done', error: null });
    rec.endStep({ status: 'done', error: null });

    const trace = rec.snapshot();
    expect(Trace.safeParse(trace).success).toBe(true);
    expect(trace).toMatchObject({ id: 'trace-1', messageId: 'm1', threadId: 't1', protocol: 'anthropic-messages' });
    expect(trace.steps).toHaveLength(1);
    const s = trace.steps[0]!;
    expect(s.index).toBe(0);
    expect(s.request.url).toBe('https://yibuapi.com/v1/messages');
    expect(s.request.method).toBe('POST');
    expect(s.request.headers).toEqual({
      authorization: 'Bearer …abcd',
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      accept: 'text/event-stream',
    });
    expect(s.request.body).toEqual(weatherBody);
    expect(s.response).toEqual({ status: 200, headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_1' } });
    expect(s.frames.map((f) => f.t)).toEqual([150, 200, 240, 250]);
    expect(s.frames[0]).toEqual({ t: 150, event: 'message_start', data: '{"type":"message_start"}' });
    expect(s.timings).toEqual({ headersMs: 120, firstByteMs: 150, firstTokenMs: 200, totalMs: 255 });
    const { headersMs, firstByteMs, firstTokenMs, totalMs } = s.timings;
    expect(headersMs! <= firstByteMs! && firstByteMs! <= firstTokenMs! && firstTokenMs! <= totalMs!).toBe(true);
    // a text block has no end event: it ends at its last delta
    expect(s.blocks).toEqual([{ key: 'b0', type: 'text', startMs: 200, endMs: 240 }]);
    // usage fields: the last value of each wins, nothing is summed
    expect(s.usage).toEqual({ inputTokens: 20, outputTokens: 12 });
    expect(s.stopReason).toBe('end_turn');
    expect(s.status).toBe('done');
    expect(s.error).toBeNull();
    expect(s.retries).toEqual([]);
    expect(s.framesDropped).toBeUndefined();
  });

  it('records thinking, then a tool_use block from tool-call-start to tool-call-end, then tool runs', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(100);
    rec.onResponse({ attempt: 0, status: 200, headers: {}, t: 100 });
    clock.advance(10);
    rec.onEvent({ type: 'thinking', key: 'b0', delta: 'The user wants', source: 'anthropic' });
    clock.advance(20);
    rec.onEvent({ type: 'thinking-signature', key: 'b0', signature: 'sig' });
    clock.advance(10);
    rec.onEvent({ type: 'tool-call-start', key: 'b1', id: 'toolu_1', name: 'get_weather' });
    for (const piece of ['{"loc', 'ation": "San', ' Francisco"}']) {
      clock.advance(15);
      rec.onEvent({ type: 'tool-call-delta', key: 'b1', delta: piece });
    }
    clock.advance(5);
    rec.onEvent({ type: 'tool-call-end', key: 'b1', input: { location: 'San Francisco' } });
    rec.onEvent({ type: 'finish', reason: 'tool_use' });
    clock.advance(5);
    rec.endStep({ status: 'done', error: null });

    clock.advance(100);
    rec.toolRunStart('toolu_1', 'get_weather');
    clock.advance(250);
    rec.toolRunEnd('toolu_1', { isError: false });
    rec.toolRunStart('toolu_2', 'calculator');
    clock.advance(10);
    rec.toolRunEnd('toolu_2', { isError: true });

    const s = rec.snapshot().steps[0]!;
    expect(s.timings.firstTokenMs).toBe(110);
    expect(s.blocks).toEqual([
      { key: 'b0', type: 'thinking', startMs: 110, endMs: 130 },
      { key: 'b1', type: 'tool_use', name: 'get_weather', startMs: 140, endMs: 190 },
    ]);
    expect(s.stopReason).toBe('tool_use');
    expect(s.timings.totalMs).toBe(195);
    expect(s.toolRuns).toEqual([
      { toolCallId: 'toolu_1', name: 'get_weather', startMs: 295, endMs: 545, isError: false },
      { toolCallId: 'toolu_2', name: 'calculator', startMs: 545, endMs: 555, isError: true },
    ]);
  });

  it('numbers the steps of a tool loop and keeps tool runs with the step that asked for them', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(50);
    rec.onEvent({ type: 'tool-call-start', key: 'b0', id: 'toolu_1', name: 'get_weather' });
    rec.onEvent({ type: 'tool-call-end', key: 'b0', input: {} });
    rec.endStep({ status: 'done', error: null });
    rec.toolRunStart('toolu_1', 'get_weather');
    clock.advance(30);
    rec.toolRunEnd('toolu_1', { isError: false });

    rec.beginStep(anthropicRequest({ ...weatherBody, messages: [...weatherBody.messages, { role: 'assistant', content: [] }] }));
    clock.advance(70);
    rec.onEvent({ type: 'text', key: 'b0', delta: 'It is sunny.' });
    rec.onEvent({ type: 'finish', reason: 'end_turn' });
    rec.endStep({ status: 'done', error: null });

    const t = rec.snapshot();
    expect(t.steps.map((s) => s.index)).toEqual([0, 1]);
    expect(t.steps[0]!.toolRuns).toEqual([{ toolCallId: 'toolu_1', name: 'get_weather', startMs: 50, endMs: 80, isError: false }]);
    expect(t.steps[1]!.toolRuns).toEqual([]);
    expect(t.steps[1]!.startedAt - t.steps[0]!.startedAt).toBe(80);
    expect(t.steps[1]!.timings).toEqual({ firstTokenMs: 70, totalMs: 70 });
    expect(t.steps[1]!.blocks).toEqual([{ key: 'b0', type: 'text', startMs: 70, endMs: 70 }]);
    expect((t.steps[1]!.request.body as { messages: unknown[] }).messages).toHaveLength(2);
  });

  it('records retries, and the timings of the attempt that answered', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(40);
    rec.onResponse({ attempt: 0, status: 200, headers: {}, t: 40 });
    clock.advance(10);
    rec.onFrame({ t: 50, event: 'message_start', data: '{}' });
    rec.onFrame({ t: 50, event: 'error', data: '{"type":"error","error":{"type":"overloaded_error"}}' });
    rec.onRetry({ attempt: 1, waitMs: 500, error: { code: 'overloaded', message: 'Overloaded' } });
    clock.advance(500);
    rec.onResponse({ attempt: 1, status: 529, headers: { 'retry-after': '1' }, t: 550 });
    rec.onRetry({ attempt: 2, waitMs: 1000, error: { code: 'overloaded', message: 'Overloaded', status: 529 } });
    clock.advance(1000);
    rec.onResponse({ attempt: 2, status: 200, headers: {}, t: 1550 });
    clock.advance(20);
    rec.onFrame({ t: 1570, event: 'content_block_delta', data: '{}' });
    rec.onEvent({ type: 'text', key: 'b0', delta: 'ok' });
    rec.endStep({ status: 'done', error: null });

    const s = rec.snapshot().steps[0]!;
    expect(s.retries).toEqual([
      { attempt: 1, waitMs: 500, code: 'overloaded' },
      { attempt: 2, waitMs: 1000, code: 'overloaded' },
    ]);
    expect(s.response).toEqual({ status: 200, headers: {} });
    expect(s.timings).toEqual({ headersMs: 1550, firstByteMs: 1570, firstTokenMs: 1570, totalMs: 1570 });
    // the failed attempt's frames stay: they show why it was retried
    expect(s.frames.map((f) => f.event)).toEqual(['message_start', 'error', 'content_block_delta']);
  });

  it('caps the frames of a step and counts the ones it dropped', () => {
    const { rec, clock } = recorder({ maxFramesPerStep: 3 });
    rec.beginStep(anthropicRequest(weatherBody));
    for (let i = 0; i < 10; i++) {
      clock.advance(1);
      rec.onFrame({ t: i, data: `{"i":${i}}` });
    }
    rec.endStep({ status: 'done', error: null });
    const s = rec.snapshot().steps[0]!;
    expect(s.frames.map((f) => f.data)).toEqual(['{"i":0}', '{"i":1}', '{"i":2}']);
    expect(s.framesDropped).toBe(7);
    expect(s.timings.firstByteMs).toBe(1);
  });

  it('keeps an error step, and closes open blocks at their last event', () => {
    const { rec, clock } = recorder();
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(10);
    rec.onEvent({ type: 'tool-call-start', key: 'b0', id: 'toolu_1', name: 'get_weather' });
    clock.advance(10);
    rec.onEvent({ type: 'tool-call-delta', key: 'b0', delta: '{"loc' });
    clock.advance(100);
    rec.endStep({ status: 'truncated', error: { code: 'truncated', message: 'The stream ended before the reply was complete' } });
    const s = rec.snapshot().steps[0]!;
    expect(s.status).toBe('truncated');
    expect(s.error?.code).toBe('truncated');
    expect(s.blocks).toEqual([{ key: 'b0', type: 'tool_use', name: 'get_weather', startMs: 10, endMs: 20 }]);
    expect(s.timings.totalMs).toBe(120);
  });

  it('gives snapshots that later recording does not change, and ignores calls outside a step', () => {
    const { rec, clock } = recorder();
    rec.onFrame({ t: 0, data: 'before any step' });
    rec.toolRunStart('x', 'y');
    rec.beginStep(anthropicRequest(weatherBody));
    clock.advance(5);
    rec.onEvent({ type: 'text', key: 'b0', delta: 'a' });
    const live = rec.snapshot();
    expect(live.steps[0]!.blocks).toEqual([{ key: 'b0', type: 'text', startMs: 5 }]);
    rec.endStep({ status: 'done', error: null });
    rec.onFrame({ t: 9, data: 'after the step' });
    (live.steps[0]!.request.body as { model: string }).model = 'changed';
    const done = rec.snapshot();
    expect(live.steps[0]!.timings.totalMs).toBeUndefined();
    expect(done.steps[0]!.frames).toEqual([]);
    expect((done.steps[0]!.request.body as { model: string }).model).toBe('claude-sonnet-4-20250514');
  });
});
