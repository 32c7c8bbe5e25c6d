// Parsing of the parameter fields as typed: blank = "use the default", otherwise a number in range.
// Shared by the thread's panel and the defaults in Settings.

export type Parsed = { ok: true; value: number | null } | { ok: false };

export function parseDecimal(text: string, min: number, max: number): Parsed {
  const s = text.trim().replace(',', '.');
  if (s === '') return { ok: true, value: null };
  const n = Number(s);
  return Number.isFinite(n) && n >= min && n <= max ? { ok: true, value: n } : { ok: false };
}

export function parsePositiveInt(text: string): Parsed {
  const s = text.trim();
  if (s === '') return { ok: true, value: null };
  const n = Number(s);
  return Number.isInteger(n) && n > 0 ? { ok: true, value: n } : { ok: false };
}

export const RANGES = {
  temperature: { min: 0, max: 2 },
  topP: { min: 0, max: 1 },
} as const;

export const show = (n: number | null | undefined): string => (n === null || n === undefined ? '' : String(n));
