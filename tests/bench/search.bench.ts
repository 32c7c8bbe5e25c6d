// Search benchmarks at the size issue 9 names: 5,000 threads of 20 messages and one of 10,000 (110,000
// messages), generated from a seed. Measures the storage queries behind search.messages and search.inThread,
// how long the migrations take to index a database that already holds all of them (the trigram index, then
// the gram index for words of 1–2 characters), and how much the gram index adds to the file.
// Run: npx tsx tests/bench/search.bench.ts [out.json]
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MIGRATIONS, openDatabase, SearchRepo, ThreadsRepo, type Migration } from '../../electron/storage';
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

  // Each index built by its own migration, timed apart: wall time swings with other load on the machine;
  // CPU time is what the step itself costs.
  const grams = MIGRATIONS.findIndex((m) => m.name === 'message-grams');
  const steps: [string, string, readonly Migration[]][] = [
    [
      'search: migration indexes 110,000 existing messages (once, on first start after the update)',
      'search: migration CPU time (the same step)',
      grams < 0 ? MIGRATIONS : MIGRATIONS.slice(0, grams),
    ],
  ];
  if (grams >= 0) {
    steps.push([
      'search: gram migration (words of 1–2 characters) indexes the same 110,000 messages',
      'search: gram migration CPU time (the same step)',
      MIGRATIONS,
    ]);
  }
  const sizes: number[] = [];
  for (const [name, cpuName, migrations] of steps) {
    const t1 = performance.now();
    const cpu0 = process.cpuUsage();
    const opened = openDatabase(file, { migrations });
    const cpu = process.cpuUsage(cpu0);
    results.push({ name, unit: 'ms', median: round(performance.now() - t1), note: `seeding took ${Math.round(seedMs)} ms` });
    results.push({ name: cpuName, unit: 'ms', median: Math.round((cpu.user + cpu.system) / 1000) });
    opened.pragma('wal_checkpoint(TRUNCATE)');
    sizes.push(statSync(file).size);
    opened.close();
  }
  if (sizes.length === 2) {
    const [before, after] = sizes as [number, number];
    results.push({ name: 'search: database size before the gram index', unit: 'MB', median: round(before / 1e6, 1) });
    results.push({ name: 'search: database size growth from the gram index', unit: 'MB', median: round((after - before) / 1e6, 1), note: `${round(((after - before) / before) * 100, 1)} %` });
  }
  const db = openDatabase(file);
  const search = new SearchRepo(db);
  const threadsRepo = new ThreadsRepo(db);

  const cases: [string, () => unknown][] = [
    ['search.messages, rare English word (110k messages)', () => search.messages('zebrafish', 50)],
    ['search.messages, rare Chinese word (110k messages)', () => search.messages('量子纠缠', 50)],
    ['search.messages, common word, 50 newest of many hits', () => search.messages('kalo', 50)],
    ['search.messages, two words', () => search.messages('zebrafish lantern', 50)],
    ['search.messages, 2-character Chinese word, no hit', () => search.messages('量纠', 50)],
    ['search.messages, 2-character word, many hits', () => search.messages('ka', 50)],
    ['search.messages, 1-character Chinese word, 7,600 hits', () => search.messages('的', 50)],
    ['search.messages, 1-character word, no hit', () => search.messages('Ж', 50)],
    ['search.messages, mixed: 2-character, 1-character and common long word', () => search.messages('ka 的 kalo', 50)],
    ['search.messages, mixed: rare long word and common short word', () => search.messages('zebrafish ka', 50)],
    ['search.messages, mixed: common long word, short word in no message', () => search.messages('kalo 量纠', 50)],
    ['search.messages, mixed: common long word, 1-character word, few shared', () => search.messages('praber 的', 50)],
    ['threads.list filter, 2-character Chinese word, no hit', () => threadsRepo.list({ query: '量纠' })],
    ['threads.list filter, 2-character word in most messages', () => threadsRepo.list({ query: 'ka' })],
    ['threads.list filter, common long word', () => threadsRepo.list({ query: 'kalo' })],
    ['search.inThread, rare word in the 10,000-message thread', () => search.inThread(long.id, 'zebrafish', 10_000)],
    ['search.inThread, common word in the 10,000-message thread', () => search.inThread(long.id, 'kalo', 10_000)],
    ['search.inThread, 2-character word in the 10,000-message thread', () => search.inThread(long.id, 'ka', 10_000)],
    ['search.inThread, 2-character Chinese word, no hit, in the 10,000-message thread', () => search.inThread(long.id, '量纠', 10_000)],
    ['search.inThread, mixed short and long words in the 10,000-message thread', () => search.inThread(long.id, 'ka 的 kalo', 10_000)],
  ];
  for (const [name, run] of cases) {
    const m = await measure(20, () => void run(), 2);
    const found = run() as unknown[] | { messageIds: unknown[] };
    const count = Array.isArray(found) ? found.length : found.messageIds.length;
    results.push({ name, unit: 'ms', ...m, goal: GOAL, note: `${count} found` });
  }
  const hits = search.inThread(long.id, 'kalo', 10_000).messageIds.length;
  results.push({ name: 'search.inThread: matches of the common word in the long thread', unit: 'messages', median: hits });
  db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
report(out, results);
