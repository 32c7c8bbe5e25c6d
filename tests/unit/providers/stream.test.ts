// streamChat over real HTTP against a scripted server on 127.0.0.1: success paths and failures
// after output. Nothing here asserts on elapsed wall time.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import { buildAnthropicRequest } from '../../../electron/providers/anthropic-messages';
import { buildOpenAIChatRequest, createOpenAIChatAdapter } from '../../../electron/providers/openai-chat';
import { chunk, emptyAssistant, FIXTURES, split, sse, sseEvents } from './helpers';
import { startServer, type Step, type TestServer } from './http-helper';
import { anthropicStart, okText, overloaded, run } from './stream-helper';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('streamChat: success', () => {
  it('streams a reply sent in pieces with pauses; reports response and timed frames', async () => {
    const body = sse(chunk({ role: 'assistant', content: '' }), chunk({ content: 'Hel' }), chunk({ content: 'lo' }), chunk({}, { finish_reason: 'stop' }), {
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2 },
    }, '[DONE]');
    const steps: Step[] = split(new TextEncoder().encode(body), [7, 13]).flatMap((p, i) => (i % 5 === 0 ? [p, { wait: 5 }] : [p]));
    server = await startServer([{ headers: { 'x-request-id': 'req_1' }, steps }]);
    const r = await run(server);
    expect(r.result).toEqual({ status: 'done', error: null });
    expect(messageText(r.message)).toBe('Hello');
    expect(r.message.finishReason).toBe('stop');
    expect(r.message.usage).toEqual({ inputTokens: 3, outputTokens: 2 });
    expect(r.responses).toEqual([expect.objectContaining({ attempt: 0, status: 200, headers: expect.objectContaining({ 'x-request-id': 'req_1' }) })]);
    expect(r.frames.map((f) => f.data).at(-1)).toBe('[DONE]');
    expect(r.frames.every((f, i) => f.t >= 0 && (i === 0 || f.t >= r.frames[i - 1]!.t))).toBe(true);
    expect(server.requests[0]!.body).toBe('{}');
  });

  it('sends what the request builder made (headers and body reach the server)', async () => {
    server = await startServer([okText('ok')]);
    const request = await buildAnthropicRequest({
      baseUrl: server.url,
      apiKey: 'sk-live',
      model: 'claude-x',
      systemPrompt: '',
      history: [],
      auth: 'both',
    });
    const r = await run(server, { request, createAdapter: createOpenAIChatAdapter });
    expect(r.result.status).toBe('done');
    const got = server.requests[0]!;
    expect(got.url).toBe('/v1/messages');
    expect(got.headers.authorization).toBe('Bearer sk-live');
    expect(got.headers['x-api-key']).toBe('sk-live');
    expect(got.headers['anthropic-version']).toBe('2023-06-01');
    expect(JSON.parse(got.body)).toMatchObject({ model: 'claude-x', stream: true });
  });

  for (const file of ['openai/works.sse', 'anthropic/tool_use_response.sse', 'anthropic/stream-a-refusal.sse']) {
    it(`replays ${file} over HTTP in 13-byte writes`, async () => {
      const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
      const steps: Step[] = split(bytes, [13]).flatMap((p, i) => (i % 20 === 0 ? [p, { wait: 2 }] : [p]));
      server = await startServer([{ steps }]);
      const r = await run(server, { protocol: file.startsWith('anthropic') ? 'anthropic' : 'openai' });
      expect(r.result).toEqual({ status: 'done', error: null });
      const expected = (JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Record<string, unknown>>)[file]!;
      if (file.startsWith('openai')) {
        const c0 = (expected.choices as Array<{ message: { content: string }; finish_reason: string }>)[0]!;
        expect(messageText(r.message)).toBe(c0.message.content);
        expect(r.message.finishReason).toBe(c0.finish_reason);
      } else {
        const content = expected.content as Array<{ type: string; text?: string }>;
        expect(messageText(r.message)).toBe(content.filter((b) => b.type === 'text').map((b) => b.text).join(''));
        expect(r.message.finishReason).toBe(expected.stop_reason);
      }
    });
  }
});

describe('streamChat: failures after output', () => {
  it('case 9: EOF without [DONE] or finish_reason is truncated, partial kept, no retry', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'The answer is' }))] }, okText('never')]);
    const r = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r.result).toEqual({ status: 'truncated', error: { code: 'truncated', message: expect.any(String) } });
    expect(messageText(r.message)).toBe('The answer is');
  });

  it('a dropped connection after output is an error, partial kept, no retry', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'Half' })), { destroy: true }] }, okText('never')]);
    const r = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r.result.status).toBe('error');
    expect(r.result.error?.code).toBe('network');
    expect(messageText(r.message)).toBe('Half');
  });

  it('case 7: a non-JSON payload after output is a protocol error, partial kept, no retry', async () => {
    server = await startServer([{ steps: [sse(chunk({ content: 'ok so far' }), '<html>oops')] }]);
    const r = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r.result.error?.code).toBe('protocol');
    expect(messageText(r.message)).toBe('ok so far');
  });

  it('case 23: {"error":…} mid-stream after output ends as an API error with its message', async () => {
    server = await startServer([
      { headers: { 'x-request-id': 'req_mid' }, steps: [sse(chunk({ content: 'Part' }), { error: { message: 'upstream timeout', type: 'server_error' } })] },
    ]);
    const r = await run(server);
    expect(server.requests).toHaveLength(1);
    expect(r.result).toEqual({ status: 'error', error: { code: 'server', message: 'upstream timeout', requestId: 'req_mid' } });
    expect(messageText(r.message)).toBe('Part');
  });

  it('case 29: overloaded_error after output is an error, not retried, text kept', async () => {
    server = await startServer([
      {
        steps: [
          sseEvents(
            anthropicStart,
            { type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } },
            { type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: 'Partial' } },
            overloaded,
          ),
        ],
      },
    ]);
    const r = await run(server, { protocol: 'anthropic' });
    expect(server.requests).toHaveLength(1);
    expect(r.result).toEqual({ status: 'error', error: { code: 'overloaded', message: 'Overloaded' } });
    expect(messageText(r.message)).toBe('Partial');
    expect(r.message.usage).toEqual({ inputTokens: 11, outputTokens: 1 });
  });
});

describe('streamChat with built requests', () => {
  it('an OpenAI request built from history streams end to end', async () => {
    server = await startServer([okText('Paris')]);
    const request = await buildOpenAIChatRequest({
      baseUrl: server.url,
      apiKey: 'sk-1',
      model: 'gpt-4o-mini',
      systemPrompt: '',
      history: [{ ...emptyAssistant(), role: 'user', parts: [{ type: 'text', text: 'Capital of France?' }], status: 'done' }],
    });
    const r = await run(server, { request });
    expect(r.result.status).toBe('done');
    expect(messageText(r.message)).toBe('Paris');
    expect(server.requests[0]!.headers.accept).toBe('text/event-stream');
    expect(JSON.parse(server.requests[0]!.body)).toMatchObject({ messages: [{ role: 'user', content: 'Capital of France?' }] });
  });
});
