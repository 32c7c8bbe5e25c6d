// Prompt caching made visible: which cache setting a thread sends, and what its answers' usage says
// about the cache (ARCHITECTURE.md § Prompt caching has the definitions).
//
// - prompt tokens: every input token of an answer, cached ones included. OpenAI-format usage counts the
//   cached tokens inside prompt_tokens (Usage.cacheInInput); Anthropic counts cache reads and writes
//   apart from input_tokens, so they are added back.
// - hit rate: cache-read tokens / prompt tokens, over the answers that report usage.
// - saved: what the cache-read tokens would have cost at the input price minus what they cost at the
//   cache-read price, minus the premium the cache writes paid over the input price. It can be negative
//   (written but never read back in time). Cache prices left out fall back to the input price, as in
//   shared/cost.ts, and then nothing is saved or lost.
import type { CacheMode, ModelPrice, Settings, Thread, Usage } from './domain';
import { priceFor } from './cost';

/** The thread's own cache setting, else the default in Settings. */
export function effectiveCacheMode(thread: Pick<Thread, 'params'>, defaults: Pick<Settings, 'cacheMode'>): CacheMode {
  return thread.params?.cacheMode ?? defaults.cacheMode;
}

/** Every input token of one answer, cached ones included, in either protocol's counting. */
export function promptTokens(u: Usage): number {
  const input = u.inputTokens ?? 0;
  return u.cacheInInput ? input : input + (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0);
}

/** USD one answer's caching saved against sending the same prompt uncached (negative: it cost more). */
export function cacheSavings(u: Usage, price: ModelPrice): number {
  const read = u.cacheReadTokens ?? 0;
  const write = u.cacheWriteTokens ?? 0;
  const readDiscount = price.input - (price.cacheRead ?? price.input);
  const writePremium = (price.cacheWrite ?? price.input) - price.input;
  return (read * readDiscount - write * writePremium) / 1_000_000;
}

export interface CacheStats {
  promptTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  /** cache read / prompt tokens, 0–1; null while no prompt token was counted */
  hitRate: number | null;
  /** USD over the answers whose model has a price; null when none has */
  saved: number | null;
}

/** The cache figures of a thread's answers (every branch, as each was paid for). */
export function threadCacheStats(
  answers: ReadonlyArray<{ usage: Usage | null; model: string | null }>,
  prices: Record<string, ModelPrice>,
): CacheStats {
  let prompt = 0;
  let read = 0;
  let write = 0;
  let saved: number | null = null;
  for (const a of answers) {
    if (!a.usage) continue;
    prompt += promptTokens(a.usage);
    read += a.usage.cacheReadTokens ?? 0;
    write += a.usage.cacheWriteTokens ?? 0;
    const price = priceFor(prices, a.model);
    if (price) saved = (saved ?? 0) + cacheSavings(a.usage, price);
  }
  return { promptTokens: prompt, cacheReadTokens: read, cacheWriteTokens: write, hitRate: prompt > 0 ? read / prompt : null, saved };
}
