// Search benchmarks at the size issue 9 names: 5,000 threads of 20 messages and one of 10,000 (110,000
// messages), generated from a seed. Measures the storage queries behind search.messages and search.inThread,
// and how long the migration takes to index a database that already holds all of them.
// Run: npx tsx tests/bench/search.bench.ts [out.json]
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS, openDatabase, SearchRepo } from '../../electron/storage';
import { fillerText, prng, seedInto, type SeedThread } from '../fixtures/seed-db';
import { measure, report, round, type BenchResult } from './stats';

const out = process.argv[2] ?? '.bench/results.json';
const results: BenchResult[] = [];
const dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-search-bench-'));
const file = path.join(dir, 'yibu-chat.db');
const GOAL = '≤ 20 ms';

try {
  // The corpus, written before the search migration existed, so opening it below builds the index.
  const old = openDatabase(file, { migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'message-search')) });
  const rand = prng(9);
  const threads: SeedThread[] = [];
  for (let i = 0; i < 5000; i++) threads.push({ title: `Thread ${i}`, messages: 20 });
  threads.push({
    title: 'The long one',
    messages: 10_000,
    text: (i) => (i === 999 ? `${fillerText(rand, 20)} zebrafish lantern 量子纠缠 ${fillerText(rand, 20)}` : undefined),
  });
  const t0 = performance.now();
  const seeded = seedInto(old, threads, 9);
  const seedMs = performance.now() - t0;
  old.close();
  const long = seeded[seeded.length - 1]!;

  const t1 = performance.now();
  const cpu0 = process.cpuUsage();
  const db = openDatabase(file);
  const cpu = process.cpuUsage(cpu0);
  results.push({
    name: 'search: migration indexes 110,000 existing messages (once, on first start after the update)',
    unit: 'ms',
    median: round(performance.now() - t1),
    // wall time swings with other load on the machine; CPU time is what the step itself costs
    note: `seeding took ${Math.round(seedMs)} ms`,
  });
  results.push({ name: 'search: migration CPU time (the same step)', unit: 'ms', median: Math.round((cpu.user + cpu.system) / 1000) });
  const search = new SearchRepo(db);

  const cases: [string, () => unknown][] = [
    ['search.messages, rare English word (110k messages)', () => search.messages('zebrafish', 50)],
    ['search.messages, rare Chinese word (110k messages)', () => search.messages('量子纠缠', 50)],
    ['search.messages, common word, 50 newest of many hits', () => search.messages('kalo', 50)],
    ['search.messages, two words', () => search.messages('zebrafish lantern', 50)],
    ['search.messages, 2-character Chinese word (LIKE fallback, no hit: full scan)', () => search.messages('量纠', 50)],
    ['search.messages, 2-character word (LIKE fallback, many hits)', () => search.messages('ka', 50)],
    ['search.inThread, rare word in the 10,000-message thread', () => search.inThread(long.id, 'zebrafish', 10_000)],
    ['search.inThread, common word in the 10,000-message thread', () => search.inThread(long.id, 'kalo', 10_000)],
  ];
  for (const [name, run] of cases) {
    const m = await measure(20, () => void run(), 2);
    results.push({ name, unit: 'ms', ...m, goal: GOAL });
  }
  const hits = search.inThread(long.id, 'kalo', 10_000).messageIds.length;
  results.push({ name: 'search.inThread: matches of the common word in the long thread', unit: 'messages', median: hits });
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report(out, results);
