// The mock gateway over real HTTP: routes, auth, recording, every scenario builder's frames, the demo.
// No timed assertions: streams are read to the end, and aborts are observed through RecordedRequest.finished.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  DEMO_BANNER,
  anthropicText,
  anthropicToolUse,
  errors,
  fromFile,
  malformed,
  midStreamError,
  openaiLong,
  openaiText,
  openaiToolCalls,
  recordedPath,
  stallAfter,
  startGateway,
  truncated,
  type Gateway,
} from '../fixtures/gateway/index.js';
import { type LooseJson, type SseFrame, anthropicTextOf, jsonFrames, openaiContent, parseSse } from '../fixtures/gateway/sse-parse.js';

type Frame = SseFrame;
type Json = LooseJson;

let gw: Gateway;
const auth = { authorization: 'Bearer sk-test' };

async function post(path: string, body: unknown, headers: Record<string, string> = auth): Promise<Response> {
  return fetch(gw.url + path, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
}
async function streamText(path: string, body: unknown, headers?: Record<string, string>): Promise<{ res: Response; text: string }> {
  const res = await post(path, body, headers);
  return { res, text: await res.text() };
}
const chat = (extra: Json = {}): Json => ({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }], ...extra });
const msgs = (extra: Json = {}): Json => ({ model: 'claude-sonnet-4-20250514', max_tokens: 64, stream: true, messages: [{ role: 'user', content: 'hi' }], ...extra });

beforeAll(async () => {
  gw = await startGateway({ tokensPerSecond: 1e6 });
});
afterAll(() => gw.close());
beforeEach(() => gw.clearRequests());

describe('built-in routes and auth', () => {
  it('serves /v1/models in the OpenAI shape, and the Anthropic shape for x-api-key + anthropic-version', async () => {
    const oa = (await (await fetch(`${gw.url}/v1/models`, { headers: auth })).json()) as Json;
    expect(oa.success).toBe(true);
    expect(oa.object).toBe('list');
    expect(oa.data.map((m: Json) => m.id)).toEqual(expect.arrayContaining(['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-20250514', 'deepseek-chat']));
    expect(oa.data[0]).toMatchObject({ object: 'model', owned_by: expect.any(String), supported_endpoint_types: expect.any(Array) });
    const an = (await (await fetch(`${gw.url}/v1/models`, { headers: { 'x-api-key': 'k', 'anthropic-version': '2023-06-01' } })).json()) as Json;
    expect(an.data[0]).toMatchObject({ type: 'model', id: 'gpt-4o-mini', display_name: expect.any(String) });
    expect(an).toMatchObject({ has_more: false, first_id: 'gpt-4o-mini', last_id: expect.any(String) });
  });

  it('serves billing and token usage; billing errors are HTTP 200 with a top-level error', async () => {
    const sub = (await (await fetch(`${gw.url}/v1/dashboard/billing/subscription`, { headers: auth })).json()) as Json;
    const use = (await (await fetch(`${gw.url}/v1/dashboard/billing/usage`, { headers: auth })).json()) as Json;
    expect(sub).toMatchObject({ object: 'billing_subscription', hard_limit_usd: 25 });
    expect(use).toEqual({ object: 'list', total_usage: 734 });
    const tok = (await (await fetch(`${gw.url}/api/usage/token/`, { headers: auth })).json()) as Json;
    expect(tok.data).toMatchObject({ total_granted: 12_500_000, total_used: 3_670_000, total_available: 8_830_000, unlimited_quota: false });
    const bad = await startGateway({ balance: { error: 'billing disabled' } });
    try {
      const r = await fetch(`${bad.url}/v1/dashboard/billing/subscription`, { headers: auth });
      expect(r.status).toBe(200);
      expect(((await r.json()) as Json).error.message).toBe('billing disabled');
    } finally {
      await bad.close();
    }
  });

  it('rejects bad keys with new-api 401 (OpenAI shape everywhere) and honours x-api-key only where new-api does', async () => {
    const strict = await startGateway({ acceptKeys: ['sk-good'] });
    try {
      const r1 = await fetch(`${strict.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-bad' }, body: '{}' });
      expect(r1.status).toBe(401);
      expect(((await r1.json()) as Json).error).toMatchObject({ type: 'new_api_error', message: expect.stringMatching(/无效的令牌 \(request id: .+\)/) });
      const r2 = await fetch(`${strict.url}/v1/chat/completions`, { method: 'POST', headers: { 'x-api-key': 'sk-good' }, body: '{}' });
      expect(r2.status).toBe(401);
      const r3 = await fetch(`${strict.url}/v1/messages`, { method: 'POST', headers: { 'x-api-key': 'sk-good' }, body: JSON.stringify(msgs({ stream: false })) });
      expect(r3.status).toBe(200);
      expect((await fetch(`${strict.url}/v1/models`, { headers: { authorization: 'Bearer sk-good' } })).status).toBe(200);
      expect((await fetch(`${strict.url}/v1/dashboard/billing/usage`)).status).toBe(401);
      expect(strict.requests).toHaveLength(5);
    } finally {
      await strict.close();
    }
  });

  it('answers unknown paths with an OpenAI-shaped 404', async () => {
    const r = await fetch(`${gw.url}/v1/nope`, { headers: auth });
    expect(r.status).toBe(404);
    expect(((await r.json()) as Json).error.message).toContain('Invalid URL (GET /v1/nope)');
  });
});

describe('recording and queueing', () => {
  it('records method, path, lower-case headers, raw body and parsed json, including multi-MB bodies', async () => {
    const big = 'A'.repeat(5 * 1024 * 1024);
    gw.queue(openaiText('ok'), openaiText('ok'));
    await post('/v1/chat/completions?x=1', { model: 'gpt-4o', image: big }, { Authorization: 'Bearer sk-test', 'X-Custom': 'Yes' });
    await post('/v1/chat/completions', chat());
    await gw.waitForRequests(2);
    const [first] = gw.requests;
    expect(first).toMatchObject({ method: 'POST', path: '/v1/chat/completions', url: '/v1/chat/completions?x=1' });
    expect(first?.headers['x-custom']).toBe('Yes');
    expect(first?.headers.authorization).toBe('Bearer sk-test');
    expect((first?.json as Json).image).toHaveLength(big.length);
    expect(first?.body.length).toBeGreaterThan(big.length);
    expect(await first?.finished).toBe('complete');
  });

  it('serves scenarios FIFO, honours times, match.model and match.path', async () => {
    gw.queue(
      { ...errors.server(503), match: { model: 'gpt-4o' } },
      { json: { ok: 1 }, match: { path: '/v1/models' } },
      { ...errors.rateLimit({ retryAfterMs: 1500 }), times: 2 },
    );
    expect(gw.pendingScenarios()).toBe(4);
    expect((await post('/v1/chat/completions', chat())).status).toBe(429);
    expect((await post('/v1/chat/completions', chat({ model: 'gpt-4o' }))).status).toBe(503);
    const limited = await post('/v1/messages', msgs());
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after-ms')).toBe('1500');
    expect(await (await fetch(`${gw.url}/v1/models`, { headers: auth })).json()).toEqual({ ok: 1 });
    expect(gw.pendingScenarios()).toBe(0);
  });

  it('plays the error builders with their exact bodies', async () => {
    gw.queue(errors.quota(), errors.overloaded(), errors.anthropic(400, 'invalid_request_error', 'bad'), errors.server(500, { 'x-should-retry': 'false' }), errors.rateLimit({ retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' }));
    const q = await post('/v1/chat/completions', chat());
    expect(q.status).toBe(403);
    expect(((await q.json()) as Json).error).toMatchObject({ code: 'insufficient_user_quota', message: expect.stringContaining('token quota is not enough') });
    const o = await post('/v1/messages', msgs());
    expect([o.status, await o.json()]).toEqual([529, expect.objectContaining({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })]);
    expect(((await (await post('/v1/messages', msgs())).json()) as Json).error).toEqual({ type: 'invalid_request_error', message: 'bad' });
    expect((await post('/v1/chat/completions', chat())).headers.get('x-should-retry')).toBe('false');
    expect((await post('/v1/chat/completions', chat())).headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
  });
});

describe('OpenAI scenario builders', () => {
  it('openaiText: role chunk, text, finish stop, usage chunk with choices [], [DONE]; nulls present', async () => {
    gw.queue(openaiText('Hello there, 世界!', { usage: { prompt: 5, completion: 7 } }));
    const { res, text } = await streamText('/v1/chat/completions', chat());
    expect(res.headers.get('content-type')).toBe('text/event-stream');
    const frames = parseSse(text);
    expect(frames.at(-1)?.data).toBe('[DONE]');
    const chunks = jsonFrames(frames);
    expect(chunks[0]?.choices[0].delta).toEqual({ role: 'assistant', content: '', refusal: null });
    expect(chunks.every((c) => c.system_fingerprint === null && c.object === 'chat.completion.chunk')).toBe(true);
    expect(chunks[1]?.usage).toBeNull();
    expect(openaiContent(chunks)).toBe('Hello there, 世界!');
    expect(chunks.at(-2)?.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: { prompt_tokens: 5, completion_tokens: 7, total_tokens: 12 } });
  });

  it('openaiText with crlf and chunkSize parses to the same content', async () => {
    gw.queue(openaiText('abcdefg', { crlf: true, chunkSize: 2 }));
    const { text } = await streamText('/v1/chat/completions', chat());
    expect(text).toContain('\r\n\r\n');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    const chunks = jsonFrames(parseSse(text));
    expect(chunks.slice(1, 5).map((c) => c.choices[0].delta.content)).toEqual(['ab', 'cd', 'ef', 'g']);
  });

  it('frame options: data: with no space, : PING comments, Anthropic frames without event lines', async () => {
    gw.queue(openaiText('a b c', { noSpace: true, pingEvery: 2 }), anthropicText('a b', { noEventLines: true }));
    const oa = (await streamText('/v1/chat/completions', chat())).text;
    expect(oa).toMatch(/^data:\{/);
    expect(oa).toContain(': PING\n\n');
    expect(openaiContent(jsonFrames(parseSse(oa)))).toBe('a b c');
    const an = (await streamText('/v1/messages', msgs())).text;
    expect(an).not.toContain('event:');
    expect(anthropicTextOf(jsonFrames(parseSse(an)))).toBe('a b');
  });

  it('openaiToolCalls: arguments "" then fragments in N pieces, finish tool_calls', async () => {
    const args = JSON.stringify({ location: 'Paris', unit: 'c', note: 'x'.repeat(60) });
    gw.queue(openaiToolCalls([{ id: 'call_1', name: 'get_weather', args }, { id: 'call_2', name: 'time', args: '{}' }], { pieces: 40 }));
    const chunks = jsonFrames(parseSse((await streamText('/v1/chat/completions', chat())).text));
    const calls = new Map<number, { id: string; name: string; args: string }>();
    let fragments = 0;
    for (const c of chunks) {
      for (const d of c.choices[0]?.delta.tool_calls ?? []) {
        const cur = calls.get(d.index) ?? { id: '', name: '', args: '' };
        if (d.id) Object.assign(cur, { id: d.id, name: d.function.name });
        if (d.id) expect(d.function.arguments).toBe('');
        else fragments++;
        cur.args += d.function?.arguments ?? '';
        calls.set(d.index, cur);
      }
    }
    expect(fragments).toBe(42);
    expect(JSON.parse(calls.get(0)?.args ?? '')).toMatchObject({ location: 'Paris' });
    expect(calls.get(1)).toEqual({ id: 'call_2', name: 'time', args: '{}' });
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
  });

  it('openaiLong streams one word per chunk', async () => {
    gw.queue(openaiLong({ tokens: 500 }));
    const chunks = jsonFrames(parseSse((await streamText('/v1/chat/completions', chat())).text));
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBe(500);
  });
});

describe('Anthropic scenario builders', () => {
  it('anthropicText: event lines match data.type, thinking + signature, end_turn, cumulative usage', async () => {
    gw.queue(anthropicText('Hello there', { thinking: 'Let me think', signature: 'sig123' }));
    const frames = parseSse((await streamText('/v1/messages', msgs())).text);
    const events = jsonFrames(frames);
    frames.forEach((f, i) => expect(f.event).toBe(events[i]?.type));
    expect(events.map((e) => e.type).slice(0, 3)).toEqual(['message_start', 'ping', 'content_block_start']);
    expect(events[0]?.message.usage.input_tokens).toBeGreaterThan(0);
    const thinking = events.filter((e) => e.delta?.type === 'thinking_delta').map((e) => e.delta.thinking).join('');
    expect(thinking).toBe('Let me think');
    expect(events.find((e) => e.delta?.type === 'signature_delta')?.delta.signature).toBe('sig123');
    expect(anthropicTextOf(events)).toBe('Hello there');
    expect(events.at(-2)).toMatchObject({ type: 'message_delta', delta: { stop_reason: 'end_turn' }, usage: { output_tokens: expect.any(Number) } });
    expect(events.at(-1)?.type).toBe('message_stop');
  });

  it('anthropicToolUse: text block then tool_use with input_json_delta fragments starting with ""', async () => {
    gw.queue(anthropicToolUse([{ id: 'toolu_1', name: 'get_weather', input: { location: 'Paris' } }], { text: 'Checking', pieces: 5 }));
    const events = jsonFrames(parseSse((await streamText('/v1/messages', msgs())).text));
    const start = events.find((e) => e.content_block?.type === 'tool_use');
    expect(start?.content_block).toEqual({ type: 'tool_use', id: 'toolu_1', name: 'get_weather', input: {} });
    const parts = events.filter((e) => e.delta?.type === 'input_json_delta').map((e) => e.delta.partial_json as string);
    expect(parts[0]).toBe('');
    expect(parts).toHaveLength(6);
    expect(JSON.parse(parts.join(''))).toEqual({ location: 'Paris' });
    expect(anthropicTextOf(events)).toBe('Checking');
    expect(events.find((e) => e.type === 'message_delta')?.delta.stop_reason).toBe('tool_use');
  });
});

describe('failure builders', () => {
  it('midStreamError: text then an error frame, in both protocols', async () => {
    gw.queue(midStreamError('openai', 'partial'), midStreamError('anthropic', 'partial'));
    const oa = jsonFrames(parseSse((await streamText('/v1/chat/completions', chat())).text));
    expect(openaiContent(oa)).toBe('partial');
    expect(oa.at(-1)?.error.message).toEqual(expect.any(String));
    const an = parseSse((await streamText('/v1/messages', msgs())).text);
    expect(an.at(-1)?.event).toBe('error');
    expect(JSON.parse(an.at(-1)?.data ?? '').error.type).toBe('overloaded_error');
    expect(anthropicTextOf(jsonFrames(an))).toBe('partial');
  });

  it('truncated: text then EOF with no [DONE] / message_stop', async () => {
    gw.queue(truncated('openai', 'cut here'), truncated('anthropic', 'cut here'));
    const oa = (await streamText('/v1/chat/completions', chat())).text;
    expect(oa).not.toContain('[DONE]');
    expect(oa).not.toContain('finish_reason":"stop');
    expect(openaiContent(jsonFrames(parseSse(oa)))).toBe('cut here');
    const an = (await streamText('/v1/messages', msgs())).text;
    expect(an).not.toContain('message_stop');
    expect(anthropicTextOf(jsonFrames(parseSse(an)))).toBe('cut here');
  });

  it('malformed: exactly one non-JSON data frame after some text', async () => {
    for (const [path, body, p] of [['/v1/chat/completions', chat(), 'openai'], ['/v1/messages', msgs(), 'anthropic']] as const) {
      gw.queue(malformed(p));
      const frames = parseSse((await streamText(path, body)).text).filter((f) => f.data !== '[DONE]');
      const bad = frames.filter((f) => { try { JSON.parse(f.data); return false; } catch { return true; } });
      expect(bad).toHaveLength(1);
      expect(frames.indexOf(bad[0] as Frame)).toBeGreaterThan(1);
    }
  });

  it('stallAfter: n text chunks, then silence until the client aborts (outcome "aborted")', async () => {
    gw.queue(stallAfter('openai', 3));
    const ctl = new AbortController();
    const res = await fetch(`${gw.url}/v1/chat/completions`, { method: 'POST', headers: auth, body: JSON.stringify(chat()), signal: ctl.signal });
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    while (parseSse(text).length < 4) text += decoder.decode((await reader.read()).value, { stream: true });
    expect(openaiContent(jsonFrames(parseSse(text)))).toBe('word1 word2 word3');
    ctl.abort();
    await reader.cancel().catch(() => undefined);
    expect(await gw.requests[0]?.finished).toBe('aborted');
  });

  it('a destroy chunk resets the connection', async () => {
    gw.queue({ chunks: [openaiText('x').chunks?.[0] as string, { destroy: true }] });
    const res = await post('/v1/chat/completions', chat());
    await expect(res.text()).rejects.toThrow();
    expect(await gw.requests[0]?.finished).toBe('reset');
  });

  it('close() ends a stalled stream', async () => {
    const g = await startGateway();
    g.queue(stallAfter('anthropic', 1));
    const res = await fetch(`${g.url}/v1/messages`, { method: 'POST', headers: auth, body: JSON.stringify(msgs()) });
    const body = res.text().catch(() => 'ended');
    await g.close();
    expect(await body).toEqual(expect.any(String));
    expect(await g.requests[0]?.finished).toBe('gateway-closed');
  });
});

describe('fromFile', () => {
  it('replays recorded streams byte for byte, split into the given sizes', async () => {
    for (const name of ['openai/works.sse', 'anthropic/tool_use_response.sse']) {
      const expected = readFileSync(recordedPath(name));
      const s = fromFile(name, { splitSizes: [1, 7, 3, 64] });
      expect(s.chunks?.slice(0, 4).map((c) => (c as Uint8Array).length)).toEqual([1, 7, 3, 64]);
      gw.queue(s);
      const res = await post(name.startsWith('openai') ? '/v1/chat/completions' : '/v1/messages', chat());
      expect(Buffer.from(await res.arrayBuffer()).equals(expected)).toBe(true);
    }
  });
});

describe('demo gateway', () => {
  const png = Buffer.alloc(1000, 7).toString('base64');
  const weather = { name: 'get_weather', description: 'Weather', schema: { type: 'object', properties: { location: { type: 'string' }, days: { type: 'integer' } }, required: ['location'] } };

  it('says it is not a model and echoes the prompt, model and attachments (OpenAI stream)', async () => {
    const content = [{ type: 'text', text: 'Describe this picture' }, { type: 'image_url', image_url: { url: `data:image/png;base64,${png}` } }];
    const { text } = await streamText('/v1/chat/completions', chat({ model: 'gpt-4o', messages: [{ role: 'user', content }], stream_options: { include_usage: true } }));
    const chunks = jsonFrames(parseSse(text));
    const answer = openaiContent(chunks);
    expect(answer.startsWith(DEMO_BANNER)).toBe(true);
    expect(answer).toContain('not a real model');
    expect(answer).toContain('Describe this picture');
    expect(answer).toContain('gpt-4o');
    expect(answer).toMatch(/1 image\(s\).*image\/png \(1,000 bytes\)/);
    expect(answer).toContain('```json');
    expect(chunks.at(-1)?.usage.completion_tokens).toBeGreaterThan(10);
  });

  it('answers in Chinese for a CJK prompt, in the Anthropic protocol, and non-streaming too', async () => {
    const { text } = await streamText('/v1/messages', msgs({ messages: [{ role: 'user', content: '你好，这是什么？' }] }));
    const answer = anthropicTextOf(jsonFrames(parseSse(text)));
    expect(answer.startsWith(DEMO_BANNER)).toBe(true);
    expect(answer).toContain('你好，这是什么？');
    expect(answer).toContain('演示网关');
    const json = (await (await post('/v1/chat/completions', chat({ stream: false }))).json()) as Json;
    expect(json.object).toBe('chat.completion');
    expect(json.choices[0].message.content).toContain('not a real model');
  });

  it('streams a long answer when asked for "long"', async () => {
    const { text } = await streamText('/v1/chat/completions', chat({ messages: [{ role: 'user', content: 'a long one please' }] }));
    expect(openaiContent(jsonFrames(parseSse(text))).split(/\s+/).length).toBeGreaterThan(1400);
  });

  it('calls the first tool with an example input, then quotes the tool result (Anthropic)', async () => {
    const tools = [{ name: weather.name, description: weather.description, input_schema: weather.schema }];
    const first = jsonFrames(parseSse((await streamText('/v1/messages', msgs({ tools, messages: [{ role: 'user', content: 'Weather?' }] }))).text));
    const start = first.find((e) => e.content_block?.type === 'tool_use')?.content_block;
    const input = JSON.parse(first.filter((e) => e.delta?.type === 'input_json_delta').map((e) => e.delta.partial_json).join(''));
    expect(input).toEqual({ location: 'San Francisco, CA', days: 1 });
    expect(first.find((e) => e.type === 'message_delta')?.delta.stop_reason).toBe('tool_use');
    const messages = [
      { role: 'user', content: 'Weather?' },
      { role: 'assistant', content: [{ type: 'tool_use', id: start.id, name: start.name, input }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: start.id, content: '{"temp":21}' }] },
    ];
    const second = jsonFrames(parseSse((await streamText('/v1/messages', msgs({ tools, messages }))).text));
    const answer = anthropicTextOf(second);
    expect(answer).toContain('get_weather');
    expect(answer).toContain('"temp": 21');
    expect(second.find((e) => e.type === 'message_delta')?.delta.stop_reason).toBe('end_turn');
  });

  it('calls the first tool, then quotes the tool result (OpenAI)', async () => {
    const tools = [{ type: 'function', function: { name: weather.name, parameters: weather.schema } }];
    const first = jsonFrames(parseSse((await streamText('/v1/chat/completions', chat({ tools }))).text));
    const deltas = first.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    const id = deltas[0].id as string;
    expect(JSON.parse(deltas.map((d) => d.function.arguments).join(''))).toEqual({ location: 'San Francisco, CA', days: 1 });
    expect(first.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toBe('tool_calls');
    const messages = [
      { role: 'user', content: 'hi' },
      { role: 'assistant', content: null, tool_calls: [{ id, type: 'function', function: { name: 'get_weather', arguments: '{}' } }] },
      { role: 'tool', tool_call_id: id, content: 'sunny' },
    ];
    const answer = openaiContent(jsonFrames(parseSse((await streamText('/v1/chat/completions', chat({ tools, messages }))).text)));
    expect(answer.startsWith(DEMO_BANNER)).toBe(true);
    expect(answer).toContain('sunny');
  });

  it('with cache_control, pretends the turns before the latest were cached: reads them, writes the rest', async () => {
    const mark = { type: 'ephemeral' };
    const messages = [
      { role: 'user', content: [{ type: 'text', text: 'x'.repeat(400) }] },
      { role: 'assistant', content: [{ type: 'text', text: 'y'.repeat(400) }] },
      { role: 'user', content: [{ type: 'text', text: 'z'.repeat(40), cache_control: mark }] },
    ];
    const start = (text: string) => jsonFrames(parseSse(text)).find((e) => e.type === 'message_start')?.message.usage;
    const cached = start((await streamText('/v1/messages', msgs({ messages }))).text);
    expect(cached).toMatchObject({ input_tokens: 0, cache_read_input_tokens: 200, cache_creation_input_tokens: 10 });
    const plain = messages.map((m) => ({ role: m.role, content: m.content.map(({ type, text }) => ({ type, text })) }));
    expect(start((await streamText('/v1/messages', msgs({ messages: plain }))).text)).toMatchObject({ cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it('without demo, an unscripted chat request gets a clear 400', async () => {
    const g = await startGateway({ demo: false });
    try {
      const r = await fetch(`${g.url}/v1/chat/completions`, { method: 'POST', headers: auth, body: JSON.stringify(chat()) });
      expect(r.status).toBe(400);
      expect(((await r.json()) as Json).error.message).toContain('no scenario queued');
    } finally {
      await g.close();
    }
  });
});
