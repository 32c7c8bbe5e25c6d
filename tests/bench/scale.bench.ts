// Issue 9 at full size, in real Chromium against browser mode, on the seeded corpus (tests/bench/corpus.ts):
// start (navigation → first thread clickable), open a thread (click → newest message in view, and how many
// frames showed the list anywhere else), wheel-scrolling the 10,000-message thread and one long answer from
// bottom to top (frames per second, long tasks), the renderer's heap after that scroll, and the browser-mode
// server's memory while browsing the 5,000 threads. Times are taken inside the page with performance.now().
// Run: npx tsx tests/bench/scale.bench.ts [out.json]   (BENCH_ONLY=start,open,scroll,answer,memory to pick)
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { startApp } from '../e2e/harness';
import { seedCorpus, type Corpus } from './corpus';
import { dbFileIn } from '../fixtures/seed-db';
import { percentile, report, round, type BenchResult } from './stats';

const out = process.argv[2] ?? '.bench/results.json';
const only = new Set((process.env.BENCH_ONLY ?? 'start,open,scroll,answer,memory').split(','));
const results: BenchResult[] = [];
const RUNS = 5;

function stats(name: string, values: number[], unit: string, goal: string, note?: string): void {
  const sorted = [...values].sort((a, b) => a - b);
  results.push({ name, unit, median: round(percentile(sorted, 50)), p95: round(percentile(sorted, 95)), runs: sorted.length, goal, note });
}

const t0 = performance.now();
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-bench-scale-'));
// BENCH_CORPUS=<folder> keeps the seeded corpus there and copies it on later runs (seeding takes ~15-40 s).
const keep = process.env.BENCH_CORPUS;
let corpus: Corpus;
if (keep && existsSync(path.join(keep, 'corpus.json'))) {
  cpSync(dbFileIn(keep), dbFileIn(dataDir));
  corpus = JSON.parse(readFileSync(path.join(keep, 'corpus.json'), 'utf8')) as Corpus;
} else {
  corpus = seedCorpus(dataDir);
  if (keep) {
    cpSync(dbFileIn(dataDir), dbFileIn(keep));
    writeFileSync(path.join(keep, 'corpus.json'), JSON.stringify(corpus));
  }
}
console.log(`corpus seeded in ${Math.round(performance.now() - t0)} ms`);
const app = await startApp({ dataDir });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
});

// Page-side code is strings, not functions: tsx's name-keeping helpers do not exist inside the page.
/** Records when the first thread item is on screen and clickable, in ms since navigation started. */
const START_PROBE = `(() => {
  const tick = () => {
    const b = document.querySelector('[data-testid="thread-item"] button.thread-item-main');
    if (b && !b.disabled && b.getBoundingClientRect().height > 0) window.__firstThread = performance.now();
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})()`;

/**
 * Clicks the thread, then samples every animation frame: is `messageId` in the list's viewport, and where is
 * the list scrolled. Resolves with the ms to the first frame showing it, and the frames (from the first one
 * that shows any message until 30 frames after that) where the list showed something else or moved.
 */
const openAndSample = (threadId: string, messageId: string) => `new Promise((resolve) => {
  const t0 = performance.now();
  document.querySelector('[data-testid="thread-item"][data-thread-id="${threadId}"] button.thread-item-main').click();
  let seenAt = null, seenTop = null, after = 0, wrong = 0;
  const tick = () => {
    const sc = document.querySelector('.message-list .list-scroller');
    const el = sc && sc.querySelector('[data-message-id="${messageId}"]');
    // rows the user can see (a list may keep itself hidden until it has placed its rows)
    const rows = sc ? [...sc.querySelectorAll('[data-testid="message"]')].filter((r) => r.checkVisibility({ visibilityProperty: true })).length : 0;
    let vis = false, at = null;
    if (el && el.checkVisibility({ visibilityProperty: true })) { const r = el.getBoundingClientRect(), b = sc.getBoundingClientRect(); vis = r.bottom > b.top + 1 && r.top < b.bottom - 1; at = r.top - b.top; }
    // where the message is on screen: it must not move once shown
    if (vis && seenAt === null) { seenAt = performance.now() - t0; seenTop = at; }
    else if (seenAt === null && rows > 0) wrong++;
    else if (seenAt !== null && (!vis || Math.abs(at - seenTop) > 1)) wrong++;
    if (seenAt !== null) after++;
    if (after >= 30 || performance.now() - t0 > 10000) resolve({ seenAt, wrong });
    else requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
})`;

/** Starts counting animation frames and long tasks. */
const FRAMES_START = `(() => {
  window.__frames = []; window.__long = []; window.__raf = true;
  const tick = (t) => { window.__frames.push(t); if (window.__raf) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.__obs = new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push(e.duration); });
  window.__obs.observe({ type: 'longtask' });
})()`;
const FRAMES_STOP = `(() => { window.__raf = false; window.__obs.disconnect(); return { frames: window.__frames, long: window.__long }; })()`;

/** Wheel-scrolls the message list up until `firstId` is rendered at the top (bounded by `maxMs`). */
async function wheelToTop(page: Page, firstId: string, maxMs: number): Promise<{ frames: number[]; long: number[]; reached: boolean; ms: number }> {
  const box = (await page.locator('.message-list').boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.evaluate(FRAMES_START);
  const start = Date.now();
  let reached = false;
  for (let step = 0; Date.now() - start < maxMs; step++) {
    await page.mouse.wheel(0, -400);
    if (step % 10 === 9) {
      reached = (await page.evaluate(`(() => { const sc = document.querySelector('.message-list .list-scroller');
        return !!sc.querySelector('[data-message-id="${firstId}"]') && sc.scrollTop < 2; })()`)) as boolean;
      if (reached) break;
    }
  }
  const ms = Date.now() - start;
  const { frames, long } = (await page.evaluate(FRAMES_STOP)) as { frames: number[]; long: number[] };
  return { frames, long, reached, ms };
}

/** Frames per second in each whole second of the recording. */
function fpsPerSecond(frames: number[]): number[] {
  const out: number[] = [];
  const first = frames[0] ?? 0;
  const seconds = Math.floor(((frames.at(-1) ?? first) - first) / 1000);
  for (let s = 0; s < seconds; s++) out.push(frames.filter((t) => t >= first + s * 1000 && t < first + (s + 1) * 1000).length);
  return out;
}

function scrollResults(label: string, r: Awaited<ReturnType<typeof wheelToTop>>): void {
  const perSecond = fpsPerSecond(r.frames);
  const sorted = [...perSecond].sort((a, b) => a - b);
  const span = ((r.frames.at(-1) ?? 0) - (r.frames[0] ?? 0)) / 1000;
  results.push({
    name: `${label}: frames per second (whole scroll; per-second windows for p95 = the slowest 5%)`,
    unit: 'fps',
    median: round(r.frames.length / span, 1),
    p95: sorted[Math.floor(sorted.length * 0.05)] ?? 0,
    runs: perSecond.length,
    goal: '≥ 58',
    note: `${r.reached ? 'reached the top' : 'did NOT reach the top'} in ${Math.round(r.ms / 1000)} s`,
  });
  const long = [...r.long].sort((a, b) => a - b);
  results.push({ name: `${label}: long tasks during the scroll (count; p95 = the longest, ms)`, unit: 'tasks', median: long.length, p95: round(long.at(-1) ?? 0, 0), goal: 'none > 50 ms' });
}

const rssMb = (pid: number): number => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;

try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.addInitScript(START_PROBE);
  const longThread = corpus.long;
  const newestLong = longThread.messageIds.at(-1)!;

  const starts: number[] = [];
  const coldLong: number[] = [];
  const coldShort: number[] = [];
  const warmLong: number[] = [];
  const wrongFrames: number[] = [];
  for (let run = 0; run < RUNS + 1; run++) {
    await page.goto(app.url);
    await page.locator('[data-testid="thread-item"]').first().waitFor();
    let start: number | undefined;
    while ((start = (await page.evaluate('window.__firstThread')) as number | undefined) === undefined);
    if (run === 0) continue; // the first load warms the server's caches and Chromium's code cache
    starts.push(start);
    if (!only.has('open')) continue;
    const opens: Array<{ seenAt: number; wrong: number }> = [];
    const short = corpus.short[corpus.short.length - run]!;
    for (const [t, m] of [
      [longThread.id, newestLong],
      [short.id, short.messageIds.at(-1)!],
      [longThread.id, newestLong],
    ] as const) {
      await page.locator(`[data-testid="thread-item"][data-thread-id="${t}"]`).waitFor();
      opens.push((await page.evaluate(openAndSample(t, m))) as { seenAt: number; wrong: number });
    }
    coldLong.push(opens[0]!.seenAt);
    coldShort.push(opens[1]!.seenAt);
    warmLong.push(opens[2]!.seenAt);
    wrongFrames.push(...opens.map((o) => o.wrong));
  }
  stats('start: 5,000 threads, navigation → first thread item clickable', starts, 'ms', '≤ 500 ms');
  if (only.has('open')) {
    stats('open: the 10,000-message thread, first time (click → newest message in view)', coldLong, 'ms', '≤ 100 ms');
    stats('open: a 20-message thread, first time (click → newest message in view)', coldShort, 'ms', '≤ 100 ms');
    stats('open: the 10,000-message thread again (click → newest message in view)', warmLong, 'ms', '≤ 100 ms');
    stats('open: frames showing the list elsewhere than its final place (per open)', wrongFrames, 'frames', '0');
  }

  if (only.has('scroll') || only.has('memory')) {
    await page.locator(`[data-testid="thread-item"][data-thread-id="${longThread.id}"] button.thread-item-main`).click();
    await page.locator(`[data-message-id="${newestLong}"]`).waitFor();
    const r = await wheelToTop(page, longThread.messageIds[0]!, 240_000);
    scrollResults('scroll: wheel from the bottom to the top of the 10,000-message thread', r);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    results.push({ name: 'memory: renderer JS heap after scrolling the whole 10,000-message thread, after GC', unit: 'MB', median: round(heap.usedSize / 2 ** 20, 1), goal: '≤ 300 MB' });
    await cdp.detach();
  }

  if (only.has('answer')) {
    await page.locator(`[data-testid="thread-item"][data-thread-id="${corpus.answer.id}"] button.thread-item-main`).click();
    await page.locator(`[data-message-id="${corpus.answer.messageIds[1]}"]`).waitFor();
    scrollResults('scroll: wheel through one 20,000-token answer (50 code blocks, tables)', await wheelToTop(page, corpus.answer.messageIds[0]!, 60_000));
  }

  if (only.has('memory')) {
    // Browse the thread list from top to bottom, opening a thread at 25 places, sampling the server's memory.
    const samples: number[] = [rssMb(app.child.pid!)];
    for (let k = 0; k < 25; k++) {
      await page.evaluate(`(() => { const sc = document.querySelector('.thread-list [data-virtuoso-scroller]'); sc.scrollTop = ${k / 24} * (sc.scrollHeight - sc.clientHeight); })()`);
      const item = page.locator('[data-testid="thread-item"]').nth(3);
      await item.waitFor();
      await item.locator('button.thread-item-main').click();
      await page.locator('.message-list [data-testid="message"]').first().waitFor();
      samples.push(rssMb(app.child.pid!));
    }
    stats('memory: browser-mode server RSS while browsing the 5,000 threads', samples, 'MB', '≤ 250 MB', 'p95 of 26 samples; the max is what counts');
  }
} finally {
  await browser.close();
  await app.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
report(out, results);
process.exit(0);
