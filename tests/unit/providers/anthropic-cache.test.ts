// Prompt-cache breakpoints on Anthropic request bodies: where they go, how many, the 1-hour form and its
// beta header, nothing at all when caching is off; and the cache counts read from either protocol’s usage.
import { describe, expect, it } from 'vitest';
import type { Message, Part } from '../../../shared/domain';
import { applyCacheControl, countBreakpoints, EXTENDED_TTL_BETA, MAX_BREAKPOINTS, type CacheableBody } from '../../../electron/providers/anthropic-cache';
import { buildAnthropicRequest, mapAnthropicUsage } from '../../../electron/providers/anthropic-messages';
import { mapOpenAIUsage } from '../../../electron/providers/openai-chat-adapter';

const FIVE = { type: 'ephemeral' };
const HOUR = { type: 'ephemeral', ttl: '1h' };

function body(): CacheableBody {
  return {
    model: 'claude-sonnet-4',
    system: 'You are terse.',
    tools: [
      { name: 'a', input_schema: { type: 'object' } },
      { name: 'b', input_schema: { type: 'object' } },
    ],
    messages: [
      { role: 'user', content: [{ type: 'text', text: 'first' }] },
      { role: 'assistant', content: [{ type: 'tool_use', id: 't1', name: 'a', input: {} }] },
      { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't1', content: 'ok' }, { type: 'text', text: 'and then?' }] },
      { role: 'assistant', content: [{ type: 'text', text: 'answer' }] },
      { role: 'user', content: [{ type: 'text', text: 'latest' }, { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'x' } }] },
    ],
  };
}

/** Where each breakpoint sits, as "tools[i]", "system[i]" or "messages[i][j]". */
function marks(b: CacheableBody): string[] {
  const out: string[] = [];
  b.tools?.forEach((t, i) => 'cache_control' in t && out.push(`tools[${i}]`));
  if (Array.isArray(b.system)) b.system.forEach((s, i) => 'cache_control' in s && out.push(`system[${i}]`));
  b.messages?.forEach((m, i) => Array.isArray(m.content) && m.content.forEach((c, j) => 'cache_control' in c && out.push(`messages[${i}][${j}]`)));
  return out;
}

describe('applyCacheControl', () => {
  it('off: the body is unchanged and no header is added', () => {
    const b = body();
    const r = applyCacheControl(b, 'off');
    expect(r.body).toEqual(body());
    expect(marks(r.body)).toEqual([]);
    expect(r.headers).toEqual({});
  });

  it('5 minutes: the last tool, the system prompt as blocks, the latest user turn’s last block and the turn before', () => {
    const r = applyCacheControl(body(), '5m');
    expect(marks(r.body)).toEqual(['tools[1]', 'system[0]', 'messages[2][1]', 'messages[4][1]']);
    expect(r.body.system).toEqual([{ type: 'text', text: 'You are terse.', cache_control: FIVE }]);
    expect(r.body.tools![1]).toMatchObject({ name: 'b', cache_control: FIVE });
    expect((r.body.messages![4]!.content as Array<Record<string, unknown>>)[1]).toMatchObject({ type: 'image', cache_control: FIVE });
    expect(countBreakpoints(r.body)).toBeLessThanOrEqual(MAX_BREAKPOINTS);
    expect(r.headers).toEqual({});
  });

  it('1 hour: ttl "1h" on every breakpoint and the extended-TTL beta header', () => {
    const r = applyCacheControl(body(), '1h');
    const b = r.body;
    expect(b.tools![1]!.cache_control).toEqual(HOUR);
    expect((b.system as Array<Record<string, unknown>>)[0]!.cache_control).toEqual(HOUR);
    expect((b.messages![4]!.content as Array<Record<string, unknown>>)[1]!.cache_control).toEqual(HOUR);
    expect(r.headers).toEqual({ 'anthropic-beta': EXTENDED_TTL_BETA });
  });

  it('never more than four, counting breakpoints the body already has; the input is not modified', () => {
    const b = body();
    (b.messages![0]!.content as Array<Record<string, unknown>>)[0]!.cache_control = FIVE;
    const before = JSON.stringify(b);
    const r = applyCacheControl(b, '5m');
    expect(countBreakpoints(r.body)).toBe(MAX_BREAKPOINTS);
    // The existing one stays; three are added in prefix order (tools, system, latest turn).
    expect(marks(r.body)).toEqual(['tools[1]', 'system[0]', 'messages[0][0]', 'messages[4][1]']);
    expect(JSON.stringify(b)).toBe(before);
  });

  it('without tools, system prompt or earlier turns it marks only what there is; a string turn becomes a block', () => {
    const r = applyCacheControl({ model: 'm', messages: [{ role: 'user', content: 'hello' }] }, '5m');
    expect(r.body).toEqual({ model: 'm', messages: [{ role: 'user', content: [{ type: 'text', text: 'hello', cache_control: FIVE }] }] });
    expect(r.body).not.toHaveProperty('system');
    expect(r.body).not.toHaveProperty('tools');
  });
});

describe('buildAnthropicRequest with a cache mode', () => {
  const user = (text: string, n: number): Message => ({
    id: `u${n}`,
    threadId: 't',
    role: 'user',
    parts: [{ type: 'text', text } as Part],
    status: 'done',
    error: null,
    usage: null,
    model: null,
    finishReason: null,
    createdAt: n,
  });
  const base = {
    baseUrl: 'https://api.example.com',
    apiKey: 'sk-x',
    model: 'claude-sonnet-4',
    systemPrompt: 'Sys',
    history: [user('Hi', 1)],
    tools: [{ name: 'get_weather', parameters: { type: 'object' } }],
  };

  it('places the breakpoints in the sent body and adds the beta header only for 1 hour', async () => {
    const plain = await buildAnthropicRequest(base);
    expect(plain.body).not.toContain('cache_control');
    expect(plain.headers).not.toHaveProperty('anthropic-beta');

    const five = await buildAnthropicRequest({ ...base, cacheMode: '5m' });
    const sent = JSON.parse(five.body!) as CacheableBody;
    expect(marks(sent)).toEqual(['tools[0]', 'system[0]', 'messages[0][0]']);
    expect(five.headers).not.toHaveProperty('anthropic-beta');

    const hour = await buildAnthropicRequest({ ...base, cacheMode: '1h' });
    expect(hour.headers['anthropic-beta']).toBe(EXTENDED_TTL_BETA);
    expect(hour.headers['anthropic-version']).toBe('2023-06-01');
    expect(JSON.parse(hour.body!).tools[0].cache_control).toEqual(HOUR);
  });
});

describe('cache usage from either protocol’s usage object', () => {
  it('Anthropic: cache reads and writes apart from input_tokens', () => {
    expect(mapAnthropicUsage({ input_tokens: 12, cache_creation_input_tokens: 1_800, cache_read_input_tokens: 0, output_tokens: 1 })).toEqual({
      inputTokens: 12,
      outputTokens: 1,
      cacheReadTokens: 0,
      cacheWriteTokens: 1_800,
    });
  });

  it('OpenAI format: cached_tokens read; new-api’s cached_creation_tokens (Claude relayed) written', () => {
    expect(mapOpenAIUsage({ prompt_tokens: 5_000, completion_tokens: 9, prompt_tokens_details: { cached_tokens: 4_096 } })).toEqual({
      inputTokens: 5_000,
      outputTokens: 9,
      cacheReadTokens: 4_096,
    });
    expect(
      mapOpenAIUsage({ prompt_tokens: 1_000, completion_tokens: 5, prompt_tokens_details: { cached_tokens: 200, cached_creation_tokens: 100 } }),
    ).toEqual({ inputTokens: 1_000, outputTokens: 5, cacheReadTokens: 200, cacheWriteTokens: 100 });
  });
});
