// "Describe each" (ARCHITECTURE.md § Batches) as a user does it: pick 20 photos (one a HEIC), Describe
// each, watch the table fill in while the gateway rate-limits some requests, export CSV, reload and
// restart; and Stop in the middle, then Retry.
import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import sharp from 'sharp';
import { errors, openaiText, stallAfter } from '../fixtures/gateway/scenarios';
import { startHarness, test, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { heicPhoto, parseCsv, photos, pickImages, rows, rowsWith } from './pages/batch';

let h: Harness;
let app: AppPage;
test.beforeEach(async ({ page }) => {
  h = await startHarness({ apiKey: 'sk-e2e-batch-secret-7731' });
  app = new AppPage(page);
  await page.goto(h.app.url);
});
test.afterEach(async () => {
  await h.close();
});

const chatRequests = () => h.gateway.requests.filter((r) => r.path === '/v1/chat/completions');
const imageParts = (json: unknown) =>
  (json as { messages: Array<{ content: unknown }> }).messages
    .flatMap((m) => (Array.isArray(m.content) ? (m.content as Array<{ type: string }>) : []))
    .filter((p) => p.type === 'image_url').length;

test('20 photos with a HEIC: a table that fills in, 3 at a time, through 429s; CSV export; still there after reload and restart', async ({ page }) => {
  test.setTimeout(240_000);
  await app.newThread();
  const files = [...(await photos(19)), await heicPhoto()];
  await pickImages(page, files);
  for (let i = 0; i < 20; i++) {
    if (i % 5 === 3) h.gateway.queue(errors.rateLimit({ retryAfterMs: 150 }));
    h.gateway.queue(openaiText(`Photo ${i + 1}: a calm scene, with "quotes", commas.`, { delayMs: 15, chunkSize: 6 }));
  }
  await app.byId('batch-describe').click();

  await expect(app.byId('batch-view')).toBeVisible();
  await expect(rows(page)).toHaveCount(20);
  await expect(rowsWith(page, 'done')).toHaveCount(20, { timeout: 120_000 });
  await expect(app.byId('batch-stop')).toBeHidden();
  // The composer's images went into the batch, not into a message.
  expect(chatRequests()).toHaveLength(24); // 20 answers + 4 rate-limited tries
  expect(h.gateway.concurrency().max).toBeLessThanOrEqual(3);
  for (const r of chatRequests()) expect(imageParts(r.json)).toBe(1);
  const heicRow = rows(page).filter({ hasText: 'IMG_4242.HEIC' });
  await expect(heicRow.getByTestId('batch-description')).toContainText(/^Photo \d+: a calm scene/);
  await expect(heicRow.locator('img')).toHaveAttribute('src', /^data:image\/webp;base64,/);

  const download = page.waitForEvent('download');
  await app.byId('batch-export-csv').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.csv$/);
  const bytes = await readFile((await file.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const table = parseCsv(bytes.subarray(3).toString('utf8'));
  expect(table).toHaveLength(21);
  expect(table.slice(1).map((r) => r[0]).sort()).toEqual(files.map((f) => f.name).sort());
  expect(table.slice(1).every((r) => /^Photo \d+: a calm scene, with "quotes", commas\.$/.test(r[1]!) && r[3] === 'done')).toBe(true);
  expect(bytes.toString('utf8')).not.toContain('sk-e2e-batch-secret-7731');

  // A batch is not a thread; it is in the Batches list, and reopens after a reload and a restart.
  await expect(app.byId('thread-item')).toHaveCount(1);
  for (const again of [() => page.reload(), async () => page.goto((await h.restart()).url)]) {
    await again();
    await expect(app.byId('batch-item')).toHaveCount(1);
    await app.byId('batch-item').click();
    await expect(rowsWith(page, 'done')).toHaveCount(20);
    await expect(heicRow.getByTestId('batch-description')).toContainText('a calm scene');
  }
});

test('Stop in the middle keeps what is done and sends nothing more; Retry runs a stopped row again', async ({ page }) => {
  test.setTimeout(120_000);
  await app.newThread();
  await pickImages(page, await photos(6));
  h.gateway.queue(openaiText('The first one, described.'), { ...stallAfter('openai', 3), times: 3 });
  await app.byId('batch-describe').click();
  await expect(rowsWith(page, 'done')).toHaveCount(1);
  // Three at a time: the finished row's slot went to the fourth.
  await expect(rowsWith(page, 'streaming')).toHaveCount(3);
  await expect(rowsWith(page, 'streaming').first().getByTestId('batch-description')).toContainText('word1 word2 word3');
  await expect(rowsWith(page, 'queued')).toHaveCount(2);

  await app.byId('batch-stop').click();
  await expect(rowsWith(page, 'stopped')).toHaveCount(5);
  await expect(rowsWith(page, 'done')).toHaveCount(1);
  await expect(rowsWith(page, 'done').getByTestId('batch-description')).toHaveText('The first one, described.');
  // The partial text of a stopped answer is kept.
  await expect(rowsWith(page, 'stopped').getByTestId('batch-description')).toHaveCount(3);
  await Promise.all(chatRequests().map((r) => r.finished));
  expect(chatRequests()).toHaveLength(4);

  h.gateway.queue(openaiText('Described on the second try.'));
  const last = rows(page).last();
  await last.getByTestId('batch-retry').click();
  await expect(last).toHaveAttribute('data-status', 'done');
  await expect(last.getByTestId('batch-description')).toHaveText('Described on the second try.');
  expect(chatRequests()).toHaveLength(5);
});

test('more than 200 files at once: 200 are taken, the rest refused with a message that says so', async ({ page }) => {
  await app.newThread();
  const files = await Promise.all(
    Array.from({ length: 203 }, async (_, i) => ({
      name: `tiny-${i}.png`,
      mimeType: 'image/png',
      buffer: await sharp({ create: { width: 2, height: 2, channels: 3, background: { r: i % 256, g: Math.floor(i / 256), b: 7 } } }).png().toBuffer(),
    })),
  );
  await page.getByTestId('composer-file-input').setInputFiles(files);
  await expect(page.getByTestId('composer-attachments').getByTestId('attachment-chip')).toHaveCount(200);
  await expect(app.byId('attachment-error')).toContainText('At most 200 files can be attached at once: 3 more were left out.');
});
