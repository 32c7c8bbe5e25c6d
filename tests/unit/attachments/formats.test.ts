import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, canDecode, createAttachmentStore, isAttachmentError } from '../../../electron/attachments';
import { BLUE, HEIC_FIXTURE, halvesRaw, isClose, makeTempDir, pixelAt, RED } from './fixtures';

const W = 300;
const H = 200;

let store: AttachmentStore;
let cleanup: () => Promise<void>;
let dir: string;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
});
afterAll(() => cleanup());

function halves(): sharp.Sharp {
  const { data, raw } = halvesRaw(W, H, RED, BLUE);
  return sharp(data, { raw });
}

async function roundTrip(bytes: Buffer, name: string, mime: string, firstFrameOnly = false) {
  const a = await store.ingest({ name, bytes });
  expect(a).toMatchObject({ kind: 'image', mime, name, size: bytes.length, width: W, height: H });
  expect(a.id).toMatch(/^[0-9a-f]{64}$/);

  const thumb = await store.thumbnail(a.id);
  expect(thumb?.mime).toBe('image/webp');
  const tm = await sharp(thumb!.bytes).metadata();
  expect(tm.format).toBe('webp');
  expect(Math.max(tm.width, tm.height)).toBe(256);

  for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
    const out = await store.prepare(a.id, { protocol, imageCountInRequest: 1 });
    expect(out.mime).toBe('image/jpeg'); // opaque: JPEG whatever came in
    const buf = Buffer.from(out.base64, 'base64');
    const m = await sharp(buf).metadata();
    expect([m.format, m.width, m.height]).toEqual(['jpeg', W, H]); // small enough: never enlarged
    expect(m.pages ?? 1).toBe(1);
    expect(isClose(await pixelAt(buf, 10, H / 2), RED)).toBe(true);
    const right = await pixelAt(buf, W - 10, H / 2);
    expect(isClose(right, firstFrameOnly ? RED : BLUE)).toBe(true);
  }
}

describe('formats in and out', () => {
  it('JPEG', async () => {
    await roundTrip(await halves().jpeg({ quality: 95 }).toBuffer(), 'a.jpg', 'image/jpeg');
  });

  it('PNG', async () => {
    await roundTrip(await halves().png().toBuffer(), 'a.png', 'image/png');
  });

  it('WebP', async () => {
    await roundTrip(await halves().webp({ quality: 95 }).toBuffer(), 'a.webp', 'image/webp');
  });

  it('GIF: animated, only the first frame is used', async () => {
    const red = await sharp({ create: { width: W, height: H, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const { data, raw } = halvesRaw(W, H, BLUE, BLUE);
    const blue = await sharp(data, { raw }).png().toBuffer();
    const gif = await sharp([red, blue], { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);
    await roundTrip(gif, 'a.gif', 'image/gif', true);
  });

  it('TIFF', async () => {
    await roundTrip(await halves().tiff().toBuffer(), 'a.tiff', 'image/tiff');
  });

  it.skipIf(!canDecode('avif') || !sharp.format.heif.output.buffer)(
    'AVIF (runs where this sharp build reads and writes it)',
    async () => {
      await roundTrip(await halves().avif({ quality: 90 }).toBuffer(), 'a.avif', 'image/avif');
    },
  );

  it('HEIC: a real phone photo (HEVC, which this sharp build cannot read) is decoded in the HEIF worker', async () => {
    const heic = await readFile(HEIC_FIXTURE);
    const a = await store.ingest({ name: 'IMG_0001.HEIC', bytes: heic });
    expect(a).toMatchObject({ kind: 'image', mime: 'image/heic', width: 1280, height: 854, size: heic.length });
    const thumb = await store.thumbnail(a.id);
    expect([thumb?.mime, thumb?.width, thumb?.height]).toEqual(['image/webp', 256, 171]);
    for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
      const out = await store.prepare(a.id, { protocol, imageCountInRequest: 1 });
      const m = await sharp(Buffer.from(out.base64, 'base64')).metadata();
      expect([out.mime, m.format]).toEqual(['image/jpeg', 'jpeg']);
      expect(m.width / m.height).toBeCloseTo(1280 / 854, 2);
    }
  });

  it('CMYK JPEG, 16-bit PNG and greyscale come out as 8-bit sRGB', async () => {
    const cmyk = await halves().toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe('cmyk');
    const c = await store.ingest({ name: 'print.jpg', bytes: cmyk });
    const p = await store.prepare(c.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
    const cOut = Buffer.from(p.base64, 'base64');
    const cm = await sharp(cOut).metadata();
    expect([cm.space, cm.channels, cm.width, cm.height]).toEqual(['srgb', 3, W, H]);
    // pure sRGB blue is outside CMYK's gamut: compare with sharp's own conversion of the same file
    const ref = await sharp(cmyk).toColourspace('srgb').png().toBuffer();
    expect(isClose(await pixelAt(cOut, 10, H / 2), await pixelAt(ref, 10, H / 2), 12)).toBe(true);
    expect(isClose(await pixelAt(cOut, W - 10, H / 2), await pixelAt(ref, W - 10, H / 2), 12)).toBe(true);

    const deep = await halves().toColourspace('rgb16').png().toBuffer();
    expect((await sharp(deep).metadata()).depth).toBe('ushort');
    await roundTrip(deep, 'deep.png', 'image/png');

    const grey = await sharp({ create: { width: W, height: H, channels: 3, background: '#808080' } }).greyscale().png().toBuffer();
    const a = await store.ingest({ name: 'grey.png', bytes: grey });
    const out = Buffer.from((await store.prepare(a.id, { protocol: 'openai-chat', imageCountInRequest: 1 })).base64, 'base64');
    expect(isClose(await pixelAt(out, 5, 5), [128, 128, 128], 6)).toBe(true);
  });

  it('sniffs the type from the bytes, not the name or the declared type', async () => {
    const png = await halves().png({ compressionLevel: 1 }).toBuffer();
    const a = await store.ingest({ name: 'photo.jpg', bytes: png, declaredMime: 'image/jpeg' });
    expect(a.mime).toBe('image/png');
  });
});
