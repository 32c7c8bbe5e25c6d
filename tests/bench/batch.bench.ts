// "Describe each" end to end against the mock gateway: 20 mixed photos (two HEICs, one of them 12 MP,
// and 18 phone-sized JPEGs) taken in two at a time as the renderer does, then one batch, 3 at a time,
// with the gateway answering 429 (retry-after) to some. Also how long main's event loop was blocked at
// worst meanwhile (a frozen main would show here).
// Run: npx tsx tests/bench/batch.bench.ts [out.json]
import { readFile, rm } from 'node:fs/promises';
import sharp from 'sharp';
import type { EventName, EventPayload } from '../../shared/contract';
import { errors, openaiText } from '../fixtures/gateway/scenarios';
import { startCore } from '../integration/core-harness';
import { report, round, type BenchResult } from './stats';

const out = process.argv[2] ?? '.bench/results.json';
const results: BenchResult[] = [];
const h = await startCore();

/** The longest gap between 5 ms ticks, minus the tick: how long main was blocked at worst. */
function lagMonitor(): () => number {
  let last = performance.now();
  let worst = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last - 5);
    last = now;
  }, 5);
  return () => {
    clearInterval(timer);
    return Math.max(0, worst);
  };
}

try {
  const files: Array<{ name: string; mime: string; bytes: Buffer }> = [
    { name: 'IMG_0001.HEIC', mime: 'image/heic', bytes: await readFile(new URL('../fixtures/images/photo-12mp.heic', import.meta.url)) },
    { name: 'IMG_0002.HEIC', mime: 'image/heic', bytes: await readFile(new URL('../fixtures/images/example.heic', import.meta.url)) },
  ];
  for (let i = 3; i <= 20; i++) {
    const bytes = await sharp({ create: { width: 4032, height: 3024, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 100 + i, sigma: 30 } } })
      .jpeg({ quality: 85 })
      .toBuffer();
    files.push({ name: `IMG_${String(i).padStart(4, '0')}.JPG`, mime: 'image/jpeg', bytes });
  }
  const inputMb = files.reduce((n, f) => n + f.bytes.length, 0) / 1e6;

  // 1. Intake, two at a time (renderer/features/attachments/intake.ts).
  const lagIntake = lagMonitor();
  const t0 = performance.now();
  const images: Array<{ attachmentId: string; name: string }> = new Array(files.length);
  let next = 0;
  await Promise.all(
    [0, 1].map(async () => {
      for (let i = next++; i < files.length; i = next++) {
        const f = files[i]!;
        const a = await h.ok('attachments.add', { name: f.name, mime: f.mime, data: f.bytes.toString('base64') });
        images[i] = { attachmentId: a.id, name: f.name };
      }
    }),
  );
  const intakeMs = performance.now() - t0;
  const intakeLag = lagIntake();
  results.push({ name: 'batch: take in 20 mixed photos (2 HEIC, 18 × 12 MP JPEG)', unit: 'ms', median: round(intakeMs), note: `${inputMb.toFixed(1)} MB in` });
  results.push({ name: 'batch: main event loop blocked at worst during intake', unit: 'ms', median: round(intakeLag) });

  // 2. The batch: 3 at a time, 4 of the 24 requests rate-limited.
  for (let i = 0; i < 20; i++) {
    if (i % 5 === 2) h.gateway.queue(errors.rateLimit({ retryAfterMs: 100 }));
    h.gateway.queue(openaiText(`Photo ${i + 1}: a description of about forty words, streamed in small pieces as a model would send it to the app.`, { chunkSize: 6, delayMs: 8 }));
  }
  const finished = new Promise<void>((resolve) => {
    h.core.clients.attach('bench', <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event === 'batch.updated' && (payload as EventPayload<'batch.updated'>).batch.counts.done === 20) resolve();
    });
  });
  const lagBatch = lagMonitor();
  const t1 = performance.now();
  const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
  await h.ok('batches.create', { threadId: thread.id, images, prompt: 'Describe {name}.', concurrency: 3 });
  await finished;
  const batchMs = performance.now() - t1;
  const bodies = h.gateway.requests.filter((r) => r.path === '/v1/chat/completions').map((r) => r.body.length);
  results.push({ name: 'batch: 20 photos described end to end (3 at a time, 4 × 429)', unit: 'ms', median: round(batchMs), note: 'retry waits skipped by the harness' });
  results.push({ name: 'batch: requests in flight at most', unit: 'requests', median: h.gateway.concurrency().max });
  results.push({ name: 'batch: largest request body', unit: 'KB', median: round(Math.max(...bodies) / 1024), note: 'one image per request, resized per protocol' });
  results.push({ name: 'batch: main event loop blocked at worst during the batch', unit: 'ms', median: round(lagBatch()) });
  const csv = await measureExport(h);
  results.push({ name: 'batch: CSV export of 20 rows', unit: 'ms', median: round(csv) });
} finally {
  await h.close().catch(() => undefined);
  await rm(h.dir, { recursive: true, force: true });
}
report(out, results);
process.exit(0);

async function measureExport(harness: typeof h): Promise<number> {
  const [b] = await harness.ok('batches.list', {});
  const t = performance.now();
  await harness.ok('batches.export', { id: b!.id, format: 'csv' });
  return performance.now() - t;
}
