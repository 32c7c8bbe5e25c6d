// Token totals and cost arithmetic: each token priced once, whichever way the protocol counts cache.
import { describe, expect, it } from 'vitest';
import { addUsage, priceFor, threadCost, usageCost, ZERO_TOTALS } from '../../../shared/cost';
import { effectiveParams } from '../../../shared/params';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { createStepClock } from '../../../electron/core/step-clock';

const gpt = { input: 2.5, output: 10, cacheRead: 1.25 };
const claude = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };

describe('usageCost', () => {
  it('prices input and output per million tokens', () => {
    expect(usageCost({ inputTokens: 1_000_000, outputTokens: 1_000_000 }, gpt)).toBeCloseTo(12.5, 10);
    expect(usageCost({ inputTokens: 1200, outputTokens: 300 }, gpt)).toBeCloseTo((1200 * 2.5 + 300 * 10) / 1e6, 12);
  });

  it('OpenAI format: cached tokens are inside the input count and priced at the cache rate, once', () => {
    const u = { inputTokens: 10_000, outputTokens: 0, cacheReadTokens: 8_000, cacheInInput: true };
    // 2,000 fresh × 2.5 + 8,000 cached × 1.25
    expect(usageCost(u, gpt)).toBeCloseTo((2_000 * 2.5 + 8_000 * 1.25) / 1e6, 12);
  });

  it('Anthropic format: cache reads and writes come on top of the input count', () => {
    const u = { inputTokens: 100, outputTokens: 50, cacheReadTokens: 4_000, cacheWriteTokens: 1_000 };
    expect(usageCost(u, claude)).toBeCloseTo((100 * 3 + 50 * 15 + 4_000 * 0.3 + 1_000 * 3.75) / 1e6, 12);
  });

  it('reasoning tokens are part of the output and are not priced twice; missing cache prices use the input price', () => {
    expect(usageCost({ inputTokens: 0, outputTokens: 1_000, reasoningTokens: 800 }, gpt)).toBeCloseTo(0.01, 12);
    expect(usageCost({ cacheReadTokens: 1_000_000 }, { input: 1, output: 2 })).toBeCloseTo(1, 12);
  });
});

describe('thread totals', () => {
  it('adds every answer, prices those with a price and counts the rest', () => {
    const prices = { 'gpt-4o': gpt, 'claude-sonnet-4': claude };
    const r = threadCost(
      [
        { model: 'gpt-4o', usage: { inputTokens: 1_000, outputTokens: 500, cacheReadTokens: 200, cacheInInput: true, reasoningTokens: 7 } },
        { model: 'claude-sonnet-4-20250514', usage: { inputTokens: 10, outputTokens: 20, cacheWriteTokens: 30 } },
        { model: 'mystery-model', usage: { inputTokens: 5, outputTokens: 5 } },
        { model: 'gpt-4o', usage: null },
      ],
      prices,
    );
    expect(r.totals).toEqual({ inputTokens: 1_015, outputTokens: 525, cacheReadTokens: 200, cacheWriteTokens: 30, reasoningTokens: 7 });
    expect(r.unpriced).toBe(1);
    const expected = (800 * 2.5 + 200 * 1.25 + 500 * 10) / 1e6 + (10 * 3 + 20 * 15 + 30 * 3.75) / 1e6;
    expect(r.cost).toBeCloseTo(expected, 12);
  });

  it('no price at all: cost is null, not $0', () => {
    expect(threadCost([{ model: 'x', usage: { inputTokens: 1 } }], {}).cost).toBeNull();
    expect(addUsage(ZERO_TOTALS, null)).toBe(ZERO_TOTALS);
  });

  it('an exact model id wins over the longest matching prefix', () => {
    const prices = { claude: { input: 1, output: 1 }, 'claude-sonnet-4': claude, 'claude-sonnet-4-20250514': { input: 9, output: 9 } };
    expect(priceFor(prices, 'claude-sonnet-4-20250514')!.input).toBe(9);
    expect(priceFor(prices, 'claude-sonnet-4-5')).toBe(claude);
    expect(priceFor(prices, 'claude-3-haiku')!.input).toBe(1);
    expect(priceFor(prices, 'gpt-4o')).toBeNull();
  });
});

describe('effective parameters', () => {
  it('the thread’s value, else the default, else nothing', () => {
    expect(effectiveParams({}, DEFAULT_SETTINGS)).toEqual({ maxTokens: 4096 });
    const defaults = { ...DEFAULT_SETTINGS, temperature: 0.4, reasoningEffort: 'low' as const };
    expect(effectiveParams({ params: { topP: 0.9, temperature: 0 } }, defaults)).toEqual({
      maxTokens: 4096,
      temperature: 0,
      topP: 0.9,
      reasoningEffort: 'low',
    });
  });
});

describe('step clock', () => {
  it('ends thinking at the first other delta, with the time it took, and tags OpenAI cached usage', () => {
    let now = 1_000;
    const clock = createStepClock('openai-chat', () => now);
    expect(clock.next({ type: 'thinking', key: 'reasoning', delta: 'hm', source: 'openai' })).toHaveLength(1);
    now = 3_500;
    clock.next({ type: 'thinking', key: 'reasoning', delta: 'm', source: 'openai' });
    now = 4_200;
    expect(clock.next({ type: 'text', key: 'text', delta: 'Hi' })).toEqual([
      { type: 'thinking-end', key: 'reasoning', durationMs: 3_200 },
      { type: 'text', key: 'text', delta: 'Hi' },
    ]);
    expect(clock.next({ type: 'usage', usage: { inputTokens: 5, cacheReadTokens: 2 } })).toEqual([
      { type: 'usage', usage: { inputTokens: 5, cacheReadTokens: 2, cacheInInput: true } },
    ]);
    expect(clock.close()).toEqual([]);
    const anthropic = createStepClock('anthropic-messages', () => now);
    expect(anthropic.next({ type: 'usage', usage: { cacheReadTokens: 2 } })).toEqual([{ type: 'usage', usage: { cacheReadTokens: 2 } }]);
    anthropic.next({ type: 'thinking', key: 'b0', delta: 'x', source: 'anthropic' });
    now = 5_000;
    expect(anthropic.close()).toEqual([{ type: 'thinking-end', key: 'b0', durationMs: 800 }]);
  });
});
