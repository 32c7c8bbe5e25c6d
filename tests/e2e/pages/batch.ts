// "Describe each" for the batch specs: images made with sharp, picked through the composer's
// multi-select input, a batch started and its table read through § Stable handles.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
import type { Gateway, Scenario } from '../../fixtures/gateway';
import { errors, openaiText, stallAfter } from '../../fixtures/gateway/scenarios';
import type { TestFile } from './attachments';

/** `n` small photos, JPEG and PNG mixed, each its own colour (so each is a different attachment). */
export async function photos(n: number, prefix = 'IMG_'): Promise<TestFile[]> {
  const out: TestFile[] = [];
  for (let i = 0; i < n; i++) {
    const img = sharp({ create: { width: 320 + i, height: 240, channels: 3, background: { r: (i * 37) % 256, g: (i * 91) % 256, b: 160 } } });
    const png = i % 3 === 2;
    const buffer = png ? await img.png().toBuffer() : await img.jpeg({ quality: 80 }).toBuffer();
    out.push({ name: `${prefix}${String(i + 1).padStart(4, '0')}.${png ? 'png' : 'jpg'}`, mimeType: png ? 'image/png' : 'image/jpeg', buffer });
  }
  return out;
}

export async function heicPhoto(name = 'IMG_4242.HEIC'): Promise<TestFile> {
  const buffer = await readFile(fileURLToPath(new URL('../../fixtures/images/example.heic', import.meta.url)));
  return { name, mimeType: 'image/heic', buffer };
}

/** Picks the files with the composer's multi-select input and waits until every chip is ready. */
export async function pickImages(page: Page, files: TestFile[]): Promise<void> {
  await page.getByTestId('composer-file-input').setInputFiles(files);
  const chips = page.getByTestId('composer-attachments').getByTestId('attachment-chip');
  await expect(chips).toHaveCount(files.length);
  await expect(chips.and(page.locator('[data-state="ready"]'))).toHaveCount(files.length, { timeout: 60_000 });
}

export const rows = (page: Page) => page.getByTestId('batch-row');
export const rowsWith = (page: Page, status: string) => page.locator(`[data-testid="batch-row"][data-status="${status}"]`);

/** RFC 4180 with quoted fields that may hold commas, doubled quotes and line breaks. */
export { parseCsv } from '../../unit/batch-csv';

const SCENES = [
  { sky: ['#ff9a5a', '#ffd27a'], ground: '#3b4a6b', sun: '#fff2c4' }, // sunset over hills
  { sky: ['#7ec8ff', '#d8f0ff'], ground: '#2f7d4a', sun: '#ffffff' }, // meadow at noon
  { sky: ['#1d2b64', '#6a7fdb'], ground: '#101828', sun: '#f5f3ce' }, // night, moon
  { sky: ['#9be7e0', '#e9fffb'], ground: '#1f6f8b', sun: '#fffbe6' }, // sea
  { sky: ['#f6d5f7', '#fbe9d7'], ground: '#8a5a44', sun: '#ffffff' }, // desert dawn
  { sky: ['#b6c7d6', '#eef3f7'], ground: '#55606e', sun: '#f2f4f7' }, // city fog
];

/** A small landscape "photo" (sky, sun, hills), so thumbnails in screenshots look like photos. */
export async function scenePhoto(i: number, name: string): Promise<TestFile> {
  const s = SCENES[i % SCENES.length]!;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="480" height="320">
    <defs><linearGradient id="g" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="${s.sky[0]}"/><stop offset="1" stop-color="${s.sky[1]}"/></linearGradient></defs>
    <rect width="480" height="320" fill="url(#g)"/>
    <circle cx="${120 + ((i * 70) % 240)}" cy="${90 + (i % 3) * 20}" r="${28 + (i % 4) * 6}" fill="${s.sun}" opacity="0.95"/>
    <path d="M0 ${230 - (i % 3) * 15} Q 120 ${170 + (i % 5) * 10} 240 ${220} T 480 ${200 - (i % 2) * 30} V 320 H 0 Z" fill="${s.ground}" opacity="0.85"/>
    <path d="M0 270 Q 160 ${240 + (i % 4) * 8} 300 265 T 480 255 V 320 H 0 Z" fill="${s.ground}"/>
  </svg>`;
  const buffer = await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
  return { name, mimeType: 'image/jpeg', buffer };
}

const DESCRIPTIONS = {
  en: [
    'A sunset over rolling hills: the sky fades from orange to pale gold, and the low sun sits just above the dark ridge.',
    'A green meadow under a clear midday sky, with a small white sun and soft hills in the distance.',
    'A quiet night scene: a pale moon over a deep blue sky and black hills, with no lights visible.',
  ],
  'zh-CN': [
    '连绵山丘上的日落：天空从橙色渐变为淡金色，低垂的太阳正落在深色山脊之上。',
    '晴朗正午天空下的一片绿色草地，远处是柔和的山丘，太阳小而明亮。',
    '宁静的夜景：深蓝色天空中挂着一轮淡淡的月亮，山丘一片漆黑，看不到灯光。',
  ],
} as const;

/**
 * A batch with a row in every status (done, error, stopped, streaming, queued), for the a11y spec and
 * the screenshots: 8 photos, 3 at a time; 3 described, 1 refused by the gateway, the rest stalled and
 * stopped; then 3 retried one at a time, so one streams and two wait.
 */
export async function batchInEveryStatus(page: Page, gateway: Gateway, lang: 'en' | 'zh-CN'): Promise<void> {
  const names = ['IMG_2041.jpg', 'IMG_2042.jpg', 'IMG_2043.jpg', 'DSC_0117.jpg', 'DSC_0118.jpg', 'IMG_2050.jpg', 'IMG_2051.jpg', 'IMG_2052.jpg'];
  const files = await Promise.all(names.map((n, i) => scenePhoto(i, n)));
  await pickImages(page, files);
  const texts = DESCRIPTIONS[lang];
  gateway.queue(
    openaiText(texts[0], { chunkSize: 12 }),
    openaiText(texts[1], { chunkSize: 12 }),
    openaiText(texts[2], { chunkSize: 12 }),
    errors.server(500, { 'x-should-retry': 'false' }),
    { ...stallAfter('openai', 0), times: 3 },
  );
  await page.getByTestId('batch-describe').click();
  await expect(rowsWith(page, 'done')).toHaveCount(3);
  await expect(rowsWith(page, 'error')).toHaveCount(1);
  await expect(rowsWith(page, 'streaming')).toHaveCount(3);
  await page.getByTestId('batch-stop').click();
  await expect(rowsWith(page, 'stopped')).toHaveCount(4);
  await page.getByTestId('batch-concurrency').fill('1');
  await expect(page.getByTestId('batch-concurrency')).toHaveValue('1');
  const partial = lang === 'en' ? 'A city street in light fog: grey buildings fade into' : '薄雾中的城市街道：灰色的建筑渐渐隐入';
  gateway.queue({ ...stallWithText(partial) });
  const stopped = rowsWith(page, 'stopped');
  await stopped.nth(1).getByTestId('batch-retry').click();
  await expect(rowsWith(page, 'streaming')).toHaveCount(1);
  await expect(rowsWith(page, 'streaming').getByTestId('batch-description')).toContainText(partial);
  await rowsWith(page, 'stopped').nth(1).getByTestId('batch-retry').click();
  await rowsWith(page, 'stopped').nth(1).getByTestId('batch-retry').click();
  await expect(rowsWith(page, 'queued')).toHaveCount(2);
  // The Retry clicks scrolled the table down: back to its top, as it opens.
  await page.locator('.batch-table-wrap').evaluate((el) => el.scrollTo(0, 0));
}

/**
 * An OpenAI stream that shows `text` and then only keeps the connection alive (a row caught
 * mid-description): SSE comments every few seconds, so the idle timeout never ends it during a test.
 */
function stallWithText(text: string): Scenario {
  const full = openaiText(text, { chunkSize: 10 });
  const pings = Array.from({ length: 120 }, () => [{ delayMs: 4000 }, ': keep-alive\n\n']).flat();
  // Drop the tail (finish, usage, [DONE]).
  return { chunks: [...full.chunks!.slice(0, -3), ...pings] };
}
