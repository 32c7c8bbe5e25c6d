// "Describe each" for the batch specs: images made with sharp, picked through the composer's
// multi-select input, a batch started and its table read through § Stable handles.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { expect, type Page } from '@playwright/test';
import sharp from 'sharp';
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
