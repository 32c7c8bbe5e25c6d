// streamChat idle timeout and user abort over real HTTP (small idleTimeoutMs; no timed assertions).
import { afterEach, describe, expect, it } from 'vitest';
import { applyChatEvents, messageText, type ChatEvent } from '../../../shared/chat-events';
import { chunk, emptyAssistant, sse } from './helpers';
import { startServer, type Step, type TestServer } from './http-helper';
import { errorJson, okText, run } from './stream-helper';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('streamChat: idle and abort', () => {
  it('no byte for idleTimeoutMs is an idle error and the connection is dropped', async () => {
    server = await startServer([{ steps: [': PING\n\n', { stall: true }] }]);
    const r = await run(server, { idleTimeoutMs: 200, maxRetries: 0 });
    expect(r.result.status).toBe('error');
    expect(r.result.error?.code).toBe('idle');
    expect(await server.requests[0]!.closedEarly).toBe(true);
  });

  it('idle before the response headers is retried like a timeout', async () => {
    server = await startServer([{ noHeaders: true }, okText('late but fine')]);
    const r = await run(server, { idleTimeoutMs: 200, maxRetries: 1 });
    expect(server.requests).toHaveLength(2);
    expect(r.retries.map((x) => x.error.code)).toEqual(['idle']);
    expect(r.result.status).toBe('done');
  });

  it('idle after output is an error and keeps the partial text', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'so far' })), { stall: true }] }]);
    const r = await run(server, { idleTimeoutMs: 200 });
    expect(server.requests).toHaveLength(1);
    expect(r.result.error?.code).toBe('idle');
    expect(messageText(r.message)).toBe('so far');
  });

  it('case 5: `: PING` comments keep an otherwise silent stream alive', async () => {
    const pings: Step[] = Array.from({ length: 10 }, () => [': PING\n\n', { wait: 50 }] as Step[]).flat();
    server = await startServer([{ steps: [sse(chunk({ content: 'a' })), ...pings, sse(chunk({ content: 'b' }), chunk({}, { finish_reason: 'stop' }), '[DONE]')] }]);
    const r = await run(server, { idleTimeoutMs: 400, maxRetries: 0 });
    expect(r.result).toEqual({ status: 'done', error: null });
    expect(messageText(r.message)).toBe('ab');
  });

  it('case 40: a user abort mid-stream closes the connection, ends quietly as stopped, keeps the partial', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'Once upon' })), { stall: true }] }]);
    const ctrl = new AbortController();
    const events: ChatEvent[] = [];
    const r = await run(server, {
      signal: ctrl.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'text') ctrl.abort();
      },
    });
    expect(r.result).toEqual({ status: 'stopped', error: null });
    expect(messageText(applyChatEvents(emptyAssistant(), events))).toBe('Once upon');
    expect(await server.requests[0]!.closedEarly).toBe(true);
    expect(server.requests).toHaveLength(1);
    expect(r.retries).toEqual([]);
  });

  it('case 40: the events emitted before the abort are all there', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'Once' }), chunk({ content: ' upon' })), { stall: true }] }]);
    const ctrl = new AbortController();
    const events: ChatEvent[] = [];
    const result = await run(server, {
      signal: ctrl.signal,
      onEvent: (e) => {
        events.push(e);
        if (e.type === 'text' && e.delta === ' upon') setTimeout(() => ctrl.abort(), 20);
      },
    });
    expect(result.result).toEqual({ status: 'stopped', error: null });
    expect(messageText(applyChatEvents(emptyAssistant(), events))).toBe('Once upon');
  });

  it('an abort while waiting to retry ends as stopped without another request', async () => {
    server = await startServer([errorJson(500, { error: { message: 'x' } })]);
    const ctrl = new AbortController();
    const r = await run(server, {
      signal: ctrl.signal,
      sleep: async () => {
        ctrl.abort();
      },
    });
    expect(r.result).toEqual({ status: 'stopped', error: null });
    expect(server.requests).toHaveLength(1);
  });

  it('an already aborted signal makes no request', async () => {
    server = await startServer([okText('x')]);
    const ctrl = new AbortController();
    ctrl.abort();
    const r = await run(server, { signal: ctrl.signal });
    expect(r.result).toEqual({ status: 'stopped', error: null });
    expect(server.requests).toHaveLength(0);
  });

  it('never throws, even when a callback does', async () => {
    server = await startServer([okText('boom')]);
    const r = await run(server, {
      onEvent: () => {
        throw new Error('renderer went away');
      },
    });
    expect(r.result).toEqual({ status: 'error', error: { code: 'unknown', message: 'renderer went away' } });
    expect(server.requests).toHaveLength(1);
  });
});

