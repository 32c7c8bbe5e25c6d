// Tiny helpers shared by the benchmark scripts: timing, percentiles, and one JSON result file.
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';

export interface BenchResult {
  name: string;
  unit: string;
  median: number;
  p95?: number;
  runs?: number;
  goal?: string;
  note?: string;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export async function measure(runs: number, fn: () => Promise<void> | void, warmup = 1): Promise<{ median: number; p95: number; runs: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { median: round(percentile(times, 50)), p95: round(percentile(times, 95)), runs };
}

export function round(n: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Merges results into the JSON file (by name) and prints them as a table. */
export function report(file: string, results: BenchResult[]): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const old: BenchResult[] = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as { results: BenchResult[] }).results : [];
  const merged = [...old.filter((o) => !results.some((r) => r.name === o.name)), ...results];
  writeFileSync(file, `${JSON.stringify({ machine: machine(), results: merged }, null, 2)}\n`);
  console.table(results.map((r) => ({ name: r.name, median: r.median, p95: r.p95 ?? '', unit: r.unit, goal: r.goal ?? '' })));
}

function machine() {
  return { node: process.version, platform: process.platform, arch: process.arch, at: new Date().toISOString() };
}
