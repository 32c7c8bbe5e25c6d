// Token counts and USD amounts for display, in the UI language.

/** 1234 → "1,234"; 12_345 → "12.3K" (compact past ten thousand, so the header stays short). */
export function formatTokens(language: string, n: number): string {
  return n < 10_000
    ? new Intl.NumberFormat(language).format(n)
    : new Intl.NumberFormat(language, { notation: 'compact', maximumFractionDigits: 1 }).format(n);
}

/** USD with enough digits that a cheap answer does not read as $0.00: "$0.00042", "$1.23". */
export function formatUsd(language: string, usd: number): string {
  const digits = usd === 0 ? 2 : usd < 0.01 ? 5 : usd < 1 ? 4 : 2;
  return new Intl.NumberFormat(language, {
    style: 'currency',
    currency: 'USD',
    minimumFractionDigits: 2,
    maximumFractionDigits: digits,
  }).format(usd);
}
