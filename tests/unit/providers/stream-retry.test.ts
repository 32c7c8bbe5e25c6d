// streamChat retry policy over real HTTP: waits are recorded by an injected sleep, never timed.
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import { sseEvents } from './helpers';
import { startServer, unusedPort, type TestServer } from './http-helper';
import { anthropicStart, errorJson, okText, overloaded, run } from './stream-helper';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('streamChat: retries', () => {
  it('case 26: 429 with retry-after-ms 1500 waits 1.5 s, at most 2 retries', async () => {
    server = await startServer([errorJson(429, { error: { message: 'Too many requests', type: 'rate_limit_error' } }, { 'retry-after-ms': '1500' })]);
    const r = await run(server);
    expect(server.requests).toHaveLength(3);
    expect(r.waits).toEqual([1500, 1500]);
    expect(r.retries.map((x) => [x.attempt, x.waitMs, x.error.code])).toEqual([
      [1, 1500, 'rate_limit'],
      [2, 1500, 'rate_limit'],
    ]);
    expect(r.result).toEqual({ status: 'error', error: { code: 'rate_limit', message: 'Too many requests', status: 429 } });
    expect(r.responses.map((x) => [x.attempt, x.status])).toEqual([
      [0, 429],
      [1, 429],
      [2, 429],
    ]);
  });

  it('case 26: a retried 429 followed by success ends done', async () => {
    server = await startServer([errorJson(429, { error: { message: 'slow' } }, { 'retry-after-ms': '1500' }), okText('fine')]);
    const r = await run(server);
    expect(r.waits).toEqual([1500]);
    expect(r.result.status).toBe('done');
    expect(messageText(r.message)).toBe('fine');
  });

  it('case 27: 503 with an HTTP-date retry-after far ahead waits 60 s at most', async () => {
    const when = new Date(Date.now() + 10 * 60_000).toUTCString();
    server = await startServer([errorJson(503, { error: { message: 'busy' } }, { 'retry-after': when }), okText('ok')]);
    const r = await run(server);
    expect(r.waits).toEqual([60_000]);
    expect(r.result.status).toBe('done');
  });

  it('case 27: 503 with an HTTP date 20 s ahead waits about that long', async () => {
    const when = new Date(Date.now() + 20_000).toUTCString();
    server = await startServer([errorJson(503, { error: { message: 'busy' } }, { 'retry-after': when }), okText('ok')]);
    const r = await run(server);
    expect(r.waits).toHaveLength(1);
    expect(r.waits[0]).toBeGreaterThan(15_000);
    expect(r.waits[0]).toBeLessThanOrEqual(20_000);
  });

  it('case 28: x-should-retry: false on a 500 is not retried', async () => {
    server = await startServer([errorJson(500, { error: { message: 'internal' } }, { 'x-should-retry': 'false' })]);
    const r = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r.result.error).toMatchObject({ code: 'server', status: 500 });
  });

  it('without headers, backoff waits follow 0.5 s · 2^n minus jitter', async () => {
    server = await startServer([errorJson(502, { error: { message: 'bad gateway' } })]);
    const r = await run(server);
    expect(server.requests).toHaveLength(3);
    expect(r.waits[0]).toBeGreaterThanOrEqual(375);
    expect(r.waits[0]).toBeLessThanOrEqual(500);
    expect(r.waits[1]).toBeGreaterThanOrEqual(750);
    expect(r.waits[1]).toBeLessThanOrEqual(1000);
  });

  it('case 25: quota errors are never retried (403 and 429)', async () => {
    server = await startServer([
      errorJson(403, { type: 'error', error: { type: 'new_api_error', message: 'token quota is not enough, token remain quota: $0' } }),
    ]);
    const r = await run(server, { protocol: 'anthropic' });
    expect(server.requests).toHaveLength(1);
    expect(r.result.error?.code).toBe('quota');
    await server.close();
    server = await startServer([errorJson(429, { error: { message: 'no quota', code: 'insufficient_user_quota' } }, { 'retry-after-ms': '10' })]);
    const r2 = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r2.waits).toEqual([]);
    expect(r2.result.error?.code).toBe('quota');
  });

  it('case 24: 401 new_api_error on /v1/messages is auth, not retried', async () => {
    server = await startServer([errorJson(401, { error: { message: 'invalid token (request id: abc123)', type: 'new_api_error' } })]);
    const r = await run(server, { protocol: 'anthropic' });
    expect(server.requests).toHaveLength(1);
    expect(r.result.error).toEqual({ code: 'auth', message: 'invalid token (request id: abc123)', status: 401, requestId: 'abc123' });
  });

  it('connection refused is a network error, retried twice', async () => {
    const port = await unusedPort();
    const r = await run(server, { url: `http://127.0.0.1:${port}/v1/chat/completions` });
    expect(r.result.status).toBe('error');
    expect(r.result.error?.code).toBe('network');
    expect(r.result.error?.message).toMatch(/ECONNREFUSED/);
    expect(r.retries.map((x) => x.error.code)).toEqual(['network', 'network']);
  });

  it('maxRetries 0 means a single attempt', async () => {
    server = await startServer([errorJson(500, { error: { message: 'x' } })]);
    const r = await run(server, { maxRetries: 0 });
    expect(server.requests).toHaveLength(1);
    expect(r.waits).toEqual([]);
  });

  it('an empty 200 body before any output is retried', async () => {
    server = await startServer([{ steps: [] }, okText('second time')]);
    const r = await run(server);
    expect(server.requests).toHaveLength(2);
    expect(r.result.status).toBe('done');
    expect(messageText(r.message)).toBe('second time');
  });

  it('a 200 JSON error body instead of a stream is classified', async () => {
    server = await startServer([errorJson(200, { error: { message: 'model not allowed', type: 'new_api_error', code: 'model_not_found' } })]);
    const r = await run(server);
    expect(r.result.error).toMatchObject({ code: 'not_found', message: 'model not allowed' });
  });

  it('case 29: overloaded_error after message_start but before output is retried; nothing of the failed attempt leaks', async () => {
    const good = sseEvents(
      { ...anthropicStart, message: { ...anthropicStart.message, usage: { input_tokens: 22, output_tokens: 1 } } },
      { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
      { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Hi' } },
      { type: 'content_block_stop', index: 0 },
      { type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: 3 } },
      { type: 'message_stop' },
    );
    server = await startServer([{ steps: [sseEvents(anthropicStart, overloaded)] }, { steps: [good] }]);
    const r = await run(server, { protocol: 'anthropic' });
    expect(server.requests).toHaveLength(2);
    expect(r.retries.map((x) => x.error.code)).toEqual(['overloaded']);
    expect(r.result.status).toBe('done');
    expect(r.events.filter((e) => e.type === 'usage')).toEqual([
      { type: 'usage', usage: { inputTokens: 22, outputTokens: 1 } },
      { type: 'usage', usage: { outputTokens: 3 } },
    ]);
    expect(messageText(r.message)).toBe('Hi');
  });

});
