import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ATTACHMENT_ERROR_CODES,
  type AttachmentErrorCode,
  type AttachmentStore,
  createAttachmentStore,
  isAttachmentError,
} from '../../../electron/attachments';
import { makeTempDir, noisyJpeg, pngBomb } from './fixtures';

let store: AttachmentStore;
let dir: string;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
});
afterAll(() => cleanup());

async function refusal(p: Promise<unknown>): Promise<{ code: AttachmentErrorCode; details: object }> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isAttachmentError(e)) throw new Error(`expected an AttachmentError, got ${String(e)}`);
  expect(ATTACHMENT_ERROR_CODES).toContain(e.code);
  return { code: e.code, details: e.details };
}

describe('refused input', () => {
  it('zero bytes → empty', async () => {
    expect((await refusal(store.ingest({ name: 'a.png', bytes: new Uint8Array(0) }))).code).toBe('empty');
  });

  it('text → not_supported', async () => {
    const bytes = Buffer.from('hello, this is a text file\n'.repeat(20));
    expect((await refusal(store.ingest({ name: 'notes.png', bytes, declaredMime: 'image/png' }))).code).toBe('not_supported');
  });

  it('SVG (decodable, but not something we send) → not_supported', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><rect width="10" height="10"/></svg>');
    const r = await refusal(store.ingest({ name: 'a.svg', bytes: svg }));
    expect(r).toMatchObject({ code: 'not_supported', details: { format: 'svg' } });
  });

  it('a JPEG cut inside its header → corrupt', async () => {
    const jpeg = await noisyJpeg(200, 100);
    expect((await refusal(store.ingest({ name: 'a.jpg', bytes: jpeg.subarray(0, 120) }))).code).toBe('corrupt');
  });

  it('a JPEG cut in the middle of its pixels → corrupt', async () => {
    const jpeg = await noisyJpeg(400, 300);
    expect((await refusal(store.ingest({ name: 'a.jpg', bytes: jpeg.subarray(0, jpeg.length >> 1) }))).code).toBe('corrupt');
  });

  it('a PNG with a broken header → corrupt', async () => {
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#0f0' } }).png().toBuffer();
    expect((await refusal(store.ingest({ name: 'a.png', bytes: png.subarray(0, 30) }))).code).toBe('corrupt');
  });

  it('over the size cap → too_large', async () => {
    const small = createAttachmentStore({ dir: join(dir, 'small'), maxFileBytes: 1000 });
    const jpeg = await noisyJpeg(200, 200);
    expect(jpeg.length).toBeGreaterThan(1000);
    expect(await refusal(small.ingest({ name: 'a.jpg', bytes: jpeg }))).toMatchObject({
      code: 'too_large',
      details: { size: jpeg.length, max: 1000 },
    });
  });

  it('over the pixel cap → too_many_pixels (configurable)', async () => {
    const capped = createAttachmentStore({ dir: join(dir, 'capped'), maxPixels: 1_000_000 });
    const bytes = await sharp({ create: { width: 1001, height: 1000, channels: 3, background: '#00f' } }).png().toBuffer();
    expect(await refusal(capped.ingest({ name: 'a.png', bytes }))).toMatchObject({
      code: 'too_many_pixels',
      details: { width: 1001, height: 1000, maxPixels: 1_000_000 },
    });
  });

  it('a 20000×20000 PNG bomb → too_many_pixels at the default 100 MP cap', async () => {
    const bomb = await pngBomb(20_000, 20_000);
    expect(bomb.length).toBeLessThan(200_000);
    expect(await refusal(store.ingest({ name: 'bomb.png', bytes: bomb }))).toMatchObject({
      code: 'too_many_pixels',
      details: { width: 20_000, height: 20_000 },
    });
  });

  it('nothing refused is kept on disk', async () => {
    expect(await readdir(join(dir, 'originals'))).toEqual([]);
    expect(await readdir(join(dir, 'meta'))).toEqual([]);
    expect(await readdir(join(dir, 'thumbs'))).toEqual([]);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('unknown and malformed ids → not_found; get/has say no', async () => {
    for (const id of ['0'.repeat(64), '../../../etc/passwd', 'ABC', '']) {
      expect((await refusal(store.prepare(id, { protocol: 'openai-chat', imageCountInRequest: 1 }))).code).toBe('not_found');
      expect((await refusal(store.thumbnail(id))).code).toBe('not_found');
      expect((await refusal(store.prepareDocument(id))).code).toBe('not_found');
      expect(await store.get(id)).toBeNull();
      expect(await store.has(id)).toBe(false);
    }
  });
});
