// The issue-9 corpus, generated from a seed: 5,000 threads of 20 messages, one thread of 10,000 messages, and
// one thread holding a single long answer (about 20,000 tokens with 50 code blocks and tables). Written
// straight into SQLite through tests/fixtures/seed-db.ts, so building it takes seconds, not a gateway's time.
import { dbFileIn, fillerText, prng, seedDatabase, type SeededThread, type SeedThread } from '../fixtures/seed-db';

export const SHORT_THREADS = 5000;
export const LONG_MESSAGES = 10_000;

export interface Corpus {
  /** the 20-message threads, in the order seeded (the newest last) */
  short: SeededThread[];
  long: SeededThread;
  answer: SeededThread;
}

/** One answer of about `sections` × 400 tokens: headings, prose, a code block per section, a table every other. */
export function longAnswer(seed: number, sections = 50): string {
  const rand = prng(seed);
  const out: string[] = [];
  for (let s = 0; s < sections; s++) {
    out.push(`## Section ${s + 1}`, '', fillerText(rand, 120), '', fillerText(rand, 100), '');
    const lines: string[] = [];
    for (let l = 0; l < 16; l++) lines.push(`  const v${l} = compute(${s}, ${l}, "${fillerText(rand, 2)}"); // ${fillerText(rand, 3)}`);
    out.push('```ts', `function section${s}() {`, ...lines, '  return v0;', '}', '```', '');
    if (s % 2 === 0) {
      out.push('| key | value | note |', '| --- | ---: | --- |');
      for (let r = 0; r < 6; r++) out.push(`| k${r} | ${Math.floor(rand() * 10_000)} | ${fillerText(rand, 4)} |`);
      out.push('');
    }
    out.push(`- ${fillerText(rand, 12)}`, `- ${fillerText(rand, 12)}`, `- **${fillerText(rand, 3)}** ${fillerText(rand, 8)}`, '');
  }
  return out.join('\n');
}

/** Seeds the corpus into the data folder's database (browser mode must not be running on it yet). */
export function seedCorpus(dataDir: string, seed = 9): Corpus {
  const threads: SeedThread[] = [];
  for (let i = 0; i < SHORT_THREADS; i++) threads.push({ title: `Thread ${i}`, messages: 20 });
  threads.push({ title: 'The long one', messages: LONG_MESSAGES });
  const answer = longAnswer(seed);
  threads.push({ title: 'One long answer', messages: 2, text: (i) => (i === 0 ? 'Write it all out, with code.' : answer) });
  const seeded = seedDatabase(dbFileIn(dataDir), threads, seed);
  return { short: seeded.slice(0, SHORT_THREADS), long: seeded[SHORT_THREADS]!, answer: seeded[SHORT_THREADS + 1]! };
}
