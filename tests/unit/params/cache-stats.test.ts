// Cache hit rate and savings arithmetic (shared/cache.ts), for both protocols' ways of counting.
import { describe, expect, it } from 'vitest';
import { cacheSavings, effectiveCacheMode, promptTokens, threadCacheStats } from '../../../shared/cache';
import { DEFAULT_SETTINGS } from '../../../shared/domain';

const claude = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const gpt = { input: 2.5, output: 10, cacheRead: 1.25 };

describe('prompt tokens', () => {
  it('Anthropic: cache reads and writes are added to input_tokens; OpenAI: they are already inside', () => {
    expect(promptTokens({ inputTokens: 100, cacheReadTokens: 4_000, cacheWriteTokens: 1_000 })).toBe(5_100);
    expect(promptTokens({ inputTokens: 10_000, cacheReadTokens: 8_000, cacheInInput: true })).toBe(10_000);
    expect(promptTokens({})).toBe(0);
  });
});

describe('cache savings', () => {
  it('reads save the input price minus the cache-read price; writes cost their premium', () => {
    // 4,000 × (3 − 0.3) − 1,000 × (3.75 − 3) = 10,800 − 750 per million
    expect(cacheSavings({ inputTokens: 100, cacheReadTokens: 4_000, cacheWriteTokens: 1_000 }, claude)).toBeCloseTo(0.01005, 12);
  });

  it('a write never read back is a loss', () => {
    expect(cacheSavings({ inputTokens: 10, cacheWriteTokens: 2_000 }, claude)).toBeCloseTo(-0.0015, 12);
  });

  it('without cache prices nothing is saved or lost', () => {
    expect(cacheSavings({ cacheReadTokens: 5_000, cacheWriteTokens: 5_000 }, { input: 1, output: 2 })).toBe(0);
  });
});

describe('thread cache stats', () => {
  it('hit rate over every answer of both protocols, savings over the priced ones', () => {
    const s = threadCacheStats(
      [
        { model: 'claude-sonnet-4-20250514', usage: { inputTokens: 50, cacheWriteTokens: 2_000, outputTokens: 10 } },
        { model: 'claude-sonnet-4-20250514', usage: { inputTokens: 50, cacheReadTokens: 2_000, outputTokens: 10 } },
        { model: 'gpt-4o', usage: { inputTokens: 1_000, cacheReadTokens: 600, cacheInInput: true } },
        { model: 'unpriced', usage: { inputTokens: 100, cacheReadTokens: 300 } },
        { model: 'gpt-4o', usage: null },
      ],
      { 'claude-sonnet-4': claude, 'gpt-4o': gpt },
    );
    expect(s.promptTokens).toBe(2_050 + 2_050 + 1_000 + 400);
    expect(s.cacheReadTokens).toBe(2_900);
    expect(s.cacheWriteTokens).toBe(2_000);
    expect(s.hitRate).toBeCloseTo(2_900 / 5_500, 12);
    // −2,000 × 0.75 + 2,000 × 2.7 + 600 × 1.25 = −1,500 + 5,400 + 750 per million
    expect(s.saved).toBeCloseTo(0.00465, 12);
  });

  it('no usage: no hit rate; no price: no savings', () => {
    expect(threadCacheStats([], {})).toMatchObject({ hitRate: null, saved: null });
    expect(threadCacheStats([{ model: 'x', usage: { inputTokens: 10, cacheReadTokens: 10 } }], {})).toMatchObject({ hitRate: 0.5, saved: null });
  });
});

describe('effective cache mode', () => {
  it('the thread’s own setting, else the default in Settings (off unless changed)', () => {
    expect(effectiveCacheMode({}, DEFAULT_SETTINGS)).toBe('off');
    expect(effectiveCacheMode({}, { cacheMode: '5m' })).toBe('5m');
    expect(effectiveCacheMode({ params: { cacheMode: '1h' } }, { cacheMode: '5m' })).toBe('1h');
    expect(effectiveCacheMode({ params: { cacheMode: 'off' } }, { cacheMode: '1h' })).toBe('off');
  });
});
