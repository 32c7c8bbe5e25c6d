// Memory bounds, in their own file (vitest runs each file in its own process), measured as peak RSS growth.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, createAttachmentStore, isAttachmentError } from '../../../electron/attachments';
import { decodeUpright } from '../../../electron/attachments/pipeline';
import { makeTempDir, noisyJpegFileInChild, peakRssGrowth, pngBomb } from './fixtures';

let store: AttachmentStore;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
  // warm up libvips (thread pool, codecs) so its one-off allocations are not counted below
  const warm = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#888' } }).jpeg().toBuffer();
  const w = await store.ingest({ name: 'warm.jpg', bytes: warm });
  await store.prepare(w.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
});
afterAll(() => cleanup());

describe('memory', () => {
  it('a 20000×20000 PNG bomb is refused from its header: RSS grows far less than its 400 MP', async () => {
    const bomb = await pngBomb(20_000, 20_000);
    const header = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([header.width, header.height]).toEqual([20_000, 20_000]); // a real 400 MP image, ≥ 400 MB decoded
    const { result, growthMb } = await peakRssGrowth(() => store.ingest({ name: 'bomb.png', bytes: bomb }).catch((e: unknown) => e));
    expect(isAttachmentError(result) && result.code).toBe('too_many_pixels');
    console.info(`[attachments] bomb refusal: peak RSS growth ${growthMb.toFixed(1)} MB`);
    expect(growthMb).toBeLessThan(300);
  });

  it('the decoder refuses over-limit pixels too (second line of defence)', async () => {
    const path = join(dir, 'mid.png');
    await writeFile(path, await sharp({ create: { width: 200, height: 200, channels: 3, background: '#000' } }).png().toBuffer());
    const err = await decodeUpright(path, 10_000).catch((e: unknown) => e);
    expect(isAttachmentError(err) && err.code).toBe('too_many_pixels');
  });

  it('a 24 MP photo (6000×4000, rotated, with GPS) is ingested and prepared for both protocols in bounded memory', async () => {
    const path = join(dir, 'IMG_24MP.jpg');
    await noisyJpegFileInChild(path, 6000, 4000, { orientation: 6, gps: true });
    const photo = await readFile(path);
    const { result, growthMb } = await peakRssGrowth(async () => {
      const a = await store.ingest({ name: 'IMG_24MP.jpg', bytes: photo });
      const anthropic = await store.prepare(a.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
      const openai = await store.prepare(a.id, { protocol: 'openai-chat', imageCountInRequest: 1 });
      return { a, anthropic, openai };
    });
    expect([result.a.width, result.a.height]).toEqual([4000, 6000]);
    expect([result.anthropic.width, result.anthropic.height]).toEqual([1045, 1568]);
    expect([result.openai.width, result.openai.height]).toEqual([768, 1152]);
    console.info(
      `[attachments] 24 MP (${(photo.length / 1e6).toFixed(1)} MB JPEG): peak RSS growth ${growthMb.toFixed(1)} MB ` +
        `(the decoded image alone would be ${((6000 * 4000 * 3) / 2 ** 20).toFixed(0)} MB)`,
    );
    expect(growthMb).toBeLessThan(600);
  }, 60_000);
});
