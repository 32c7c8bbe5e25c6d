// Replays the recorded SDK streams byte for byte and in odd-sized pieces, and compares what the
// reducer builds with what the official SDKs' accumulators built (expected.json).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import type { Message, Usage } from '../../../shared/domain';
import { createAnthropicAdapter } from '../../../electron/providers/anthropic-messages';
import { createOpenAIChatAdapter } from '../../../electron/providers/openai-chat';
import { collectFrames, FIXTURES, partsOf, runFrames, split } from './helpers';

type Json = Record<string, unknown>;
const expected = JSON.parse(readFileSync(path.join(FIXTURES, 'expected.json'), 'utf8')) as Record<string, Json>;
const SPLITS: Array<{ name: string; sizes: number[] | null }> = [
  { name: 'whole', sizes: null },
  { name: '1-byte', sizes: [1] },
  { name: '3-byte', sizes: [3] },
  { name: '7-byte', sizes: [7] },
  { name: '13-byte', sizes: [13] },
  { name: '1/3/7/13 cycle', sizes: [1, 3, 7, 13] },
];

function files(dir: string): string[] {
  return readdirSync(path.join(FIXTURES, dir))
    .filter((f) => f.endsWith('.sse'))
    .sort()
    .map((f) => `${dir}/${f}`);
}

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

function defined(u: Usage): Usage {
  return Object.fromEntries(Object.entries(u).filter(([, v]) => v !== undefined)) as Usage;
}

function checkOpenAI(msg: Message, exp: Json): void {
  const c0 = (exp.choices as Json[])[0]!;
  const m = c0.message as Json;
  expect(messageText(msg)).toBe((m.content as string | null) ?? '');
  const refusal = partsOf(msg, 'refusal').map((p) => p.text).join('');
  expect(refusal || null).toBe(m.refusal ?? null);
  expect(msg.finishReason).toBe(c0.finish_reason);
  const calls = (m.tool_calls as Json[] | undefined) ?? [];
  expect(partsOf(msg, 'tool_call').map((c) => ({ id: c.id, name: c.name, input: c.input }))).toEqual(
    calls.map((c) => {
      const fn = c.function as Json;
      return { id: c.id, name: fn.name, input: JSON.parse(fn.arguments as string) as unknown };
    }),
  );
  const u = exp.usage as Json;
  expect(msg.usage).toEqual(defined({ inputTokens: num(u.prompt_tokens), outputTokens: num(u.completion_tokens) }));
}

function checkAnthropic(file: string, msg: Message, exp: Json): void {
  const content = exp.content as Json[];
  expect(messageText(msg)).toBe(
    content
      .filter((b) => b.type === 'text')
      .map((b) => b.text)
      .join(''),
  );
  expect(partsOf(msg, 'thinking').map((p) => ({ thinking: p.text, signature: p.signature }))).toEqual(
    content.filter((b) => b.type === 'thinking').map((b) => ({ thinking: b.thinking, signature: b.signature })),
  );
  const toolUses = content.filter((b) => b.type === 'tool_use');
  const calls = partsOf(msg, 'tool_call');
  expect(calls.map((c) => ({ id: c.id, name: c.name }))).toEqual(toolUses.map((b) => ({ id: b.id, name: b.name })));
  if (file.includes('incomplete_partial_json')) {
    // The SDK keeps the partial input it could parse; we must show it is incomplete instead of running it.
    expect(calls[0]!.input).toBeUndefined();
    expect(calls[0]!.inputError).toMatch(/incomplete/i);
    expect(calls[0]!.status).toBe('error');
  } else {
    expect(calls.map((c) => c.input)).toEqual(toolUses.map((b) => b.input));
    expect(calls.every((c) => c.status === 'waiting')).toBe(true);
  }
  // Server-side tool blocks are the API's, never client tool calls.
  const serverIds = content.filter((b) => b.type === 'server_tool_use').map((b) => b.id);
  expect(calls.filter((c) => serverIds.includes(c.id))).toEqual([]);
  expect(msg.finishReason).toBe(exp.stop_reason);
  expect(partsOf(msg, 'refusal').length > 0).toBe(exp.stop_reason === 'refusal');
  const u = exp.usage as Json;
  expect(msg.usage).toEqual(
    defined({
      inputTokens: num(u.input_tokens),
      outputTokens: num(u.output_tokens),
      cacheReadTokens: num(u.cache_read_input_tokens),
      cacheWriteTokens: num(u.cache_creation_input_tokens),
      reasoningTokens: num((u.output_tokens_details as Json | undefined)?.thinking_tokens),
    }),
  );
}

describe('recorded fixtures', () => {
  const all = [...files('openai'), ...files('anthropic')];

  it('every fixture has an expected result', () => {
    expect(all.length).toBeGreaterThanOrEqual(9);
    for (const f of all) expect(expected[f], f).toBeDefined();
  });

  for (const file of all) {
    for (const { name, sizes } of SPLITS) {
      it(`${file} (${name})`, async () => {
        const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, file)));
        const frames = await collectFrames(sizes ? split(bytes, sizes) : [bytes]);
        const openai = file.startsWith('openai/');
        const r = runFrames(openai ? createOpenAIChatAdapter() : createAnthropicAdapter(), frames);
        expect(r.error).toBeNull();
        expect(r.complete).toBe(true);
        if (openai) checkOpenAI(r.message, expected[file]!);
        else checkAnthropic(file, r.message, expected[file]!);
      });
    }
  }
});
