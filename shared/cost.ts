// Token totals and what they cost, from the price table in Settings (USD per million tokens).
// OpenAI-format usage counts cached prompt tokens inside the input (Usage.cacheInInput); Anthropic
// counts cache reads and writes apart from it. Either way each token is priced once.
import type { ModelPrice, Usage } from './domain';

export interface UsageTotals {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
}

export const ZERO_TOTALS: UsageTotals = {
  inputTokens: 0,
  outputTokens: 0,
  cacheReadTokens: 0,
  cacheWriteTokens: 0,
  reasoningTokens: 0,
};

export function addUsage(totals: UsageTotals, u: Usage | null | undefined): UsageTotals {
  if (!u) return totals;
  return {
    inputTokens: totals.inputTokens + (u.inputTokens ?? 0),
    outputTokens: totals.outputTokens + (u.outputTokens ?? 0),
    cacheReadTokens: totals.cacheReadTokens + (u.cacheReadTokens ?? 0),
    cacheWriteTokens: totals.cacheWriteTokens + (u.cacheWriteTokens ?? 0),
    reasoningTokens: totals.reasoningTokens + (u.reasoningTokens ?? 0),
  };
}

/** Anthropic prices a 1-hour cache write at twice the input price (the price table's is the 5-minute one). */
export const ONE_HOUR_WRITE_FACTOR = 2;

/** USD per token × 1e6 of an answer's cache writes: 5-minute ones at the table's price, 1-hour ones at 2× input. */
export function cacheWriteCost(u: Usage, price: ModelPrice): number {
  const all = u.cacheWriteTokens ?? 0;
  const hour = Math.min(all, u.cacheWrite1hTokens ?? 0);
  return (all - hour) * (price.cacheWrite ?? price.input) + hour * ONE_HOUR_WRITE_FACTOR * price.input;
}

/**
 * USD for one answer's usage. Reasoning tokens are part of the output count in both protocols, so they
 * are not priced again. Cache prices left out fall back to the input price.
 */
export function usageCost(u: Usage, price: ModelPrice): number {
  const cacheRead = u.cacheReadTokens ?? 0;
  const cacheWrite = u.cacheWriteTokens ?? 0;
  const input = u.inputTokens ?? 0;
  const fresh = u.cacheInInput ? Math.max(0, input - cacheRead - cacheWrite) : input;
  const perToken =
    fresh * price.input + (u.outputTokens ?? 0) * price.output + cacheRead * (price.cacheRead ?? price.input) + cacheWriteCost(u, price);
  return perToken / 1_000_000;
}

/** The price for a model: an exact id first, then the longest listed id the model starts with
 * (`claude-sonnet-4` prices `claude-sonnet-4-20250514`). */
export function priceFor(prices: Record<string, ModelPrice>, model: string | null | undefined): ModelPrice | null {
  if (!model) return null;
  if (prices[model]) return prices[model];
  let best: string | null = null;
  for (const id of Object.keys(prices)) if (model.startsWith(id) && (!best || id.length > best.length)) best = id;
  return best ? prices[best]! : null;
}

export interface ThreadCost {
  totals: UsageTotals;
  /** USD of the answers that have a price; null when none has */
  cost: number | null;
  /** answers with usage but no price for their model */
  unpriced: number;
}

/** Totals and cost over a thread's answers (every branch: each was paid for). */
export function threadCost(
  answers: ReadonlyArray<{ usage: Usage | null; model: string | null }>,
  prices: Record<string, ModelPrice>,
): ThreadCost {
  let totals = ZERO_TOTALS;
  let cost: number | null = null;
  let unpriced = 0;
  for (const a of answers) {
    if (!a.usage) continue;
    totals = addUsage(totals, a.usage);
    const price = priceFor(prices, a.model);
    if (price) cost = (cost ?? 0) + usageCost(a.usage, price);
    else unpriced++;
  }
  return { totals, cost, unpriced };
}

/** A few well-known list prices (USD / 1M tokens) offered as presets in Settings; editable there. */
export const PRICE_PRESETS: Record<string, ModelPrice> = {
  'gpt-4o-mini': { input: 0.15, output: 0.6, cacheRead: 0.075 },
  'gpt-4o': { input: 2.5, output: 10, cacheRead: 1.25 },
  'gpt-4.1': { input: 2, output: 8, cacheRead: 0.5 },
  'o3-mini': { input: 1.1, output: 4.4, cacheRead: 0.55 },
  'claude-sonnet-4': { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
  'claude-opus-4-1': { input: 15, output: 75, cacheRead: 1.5, cacheWrite: 18.75 },
  'claude-3-5-haiku': { input: 0.8, output: 4, cacheRead: 0.08, cacheWrite: 1 },
  'deepseek-chat': { input: 0.27, output: 1.1, cacheRead: 0.07 },
  'deepseek-reasoner': { input: 0.55, output: 2.19, cacheRead: 0.14 },
};
