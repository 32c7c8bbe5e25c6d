// The price table as edited (strings) and back: a table is stored only when every row is valid.
import type { ModelPrice } from '../../../shared/domain';

export interface PriceRow {
  /** stable React key while the model id is edited */
  key: number;
  model: string;
  input: string;
  output: string;
  cacheRead: string;
  cacheWrite: string;
}

export const PRICE_FIELDS = ['input', 'output', 'cacheRead', 'cacheWrite'] as const;

let nextKey = 1;

export function rowOf(model: string, p?: ModelPrice): PriceRow {
  const s = (n: number | undefined) => (n === undefined ? '' : String(n));
  return { key: nextKey++, model, input: s(p?.input), output: s(p?.output), cacheRead: s(p?.cacheRead), cacheWrite: s(p?.cacheWrite) };
}

export function rowsOf(prices: Record<string, ModelPrice>): PriceRow[] {
  return Object.entries(prices).map(([model, p]) => rowOf(model, p));
}

function price(text: string): number | undefined | null {
  const s = text.trim();
  if (s === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

/** A row is bad when a price is not a number ≥ 0, or its model is named twice. Input and output blank count as 0. */
export function badRows(rows: readonly PriceRow[]): Set<number> {
  const bad = new Set<number>();
  const seen = new Map<string, number>();
  for (const r of rows) {
    const model = r.model.trim();
    if (!model) continue; // a new row not named yet is ignored, not an error
    if (seen.has(model)) {
      bad.add(r.key);
      bad.add(seen.get(model)!);
    }
    seen.set(model, r.key);
    if (PRICE_FIELDS.some((f) => price(r[f]) === null)) bad.add(r.key);
  }
  return bad;
}

/** The table to store; null while any row is bad. */
export function pricesOf(rows: readonly PriceRow[]): Record<string, ModelPrice> | null {
  if (badRows(rows).size > 0) return null;
  const out: Record<string, ModelPrice> = {};
  for (const r of rows) {
    const model = r.model.trim();
    if (!model) continue;
    const p: ModelPrice = { input: price(r.input) ?? 0, output: price(r.output) ?? 0 };
    const cr = price(r.cacheRead);
    const cw = price(r.cacheWrite);
    if (cr !== undefined && cr !== null) p.cacheRead = cr;
    if (cw !== undefined && cw !== null) p.cacheWrite = cw;
    out[model] = p;
  }
  return out;
}
