// HEIC intake: libheif-js in a worker thread decodes what this sharp build cannot (HEVC), with a pixel cap
// from the header, a time limit, and the app's event loop free meanwhile.
import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, createAttachmentStore, isAttachmentError } from '../../../electron/attachments';
import { disposeHeifDecoder } from '../../../electron/attachments/heif';
import { HEIC_FIXTURE, HEIC_FIXTURE_QUADRANTS, isClose, makeTempDir, quadrants } from './fixtures';

let store: AttachmentStore;
let dir: string;
let cleanup: () => Promise<void>;
let heic: Buffer;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
  heic = await readFile(HEIC_FIXTURE);
});
afterAll(async () => {
  await disposeHeifDecoder();
  await cleanup();
});

async function refusal(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!isAttachmentError(e)) throw new Error(`expected an AttachmentError, got ${String(e)}`);
  return e;
}

/** The fixture with the primary image's `ispe` (its declared size) rewritten. */
function withDeclaredSize(bytes: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(bytes);
  const at = out.indexOf('ispe', 0, 'latin1'); // the first one is the primary image's (1280×854)
  expect(out.readUInt32BE(at + 8)).toBe(1280);
  out.writeUInt32BE(width, at + 8);
  out.writeUInt32BE(height, at + 12);
  return out;
}

describe('HEIC', () => {
  it('decodes the primary image upright and becomes a JPEG upload image, without metadata, for both protocols', async () => {
    const a = await store.ingest({ name: 'IMG_0001.HEIC', bytes: heic, prepareFor: [{ protocol: 'anthropic-messages', imageCountInRequest: 1 }] });
    expect(a).toMatchObject({ kind: 'image', mime: 'image/heic', width: 1280, height: 854 });
    const expected = { 'anthropic-messages': [1280, 854], 'openai-chat': [1151, 768] } as const;
    for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
      const out = await store.prepare(a.id, { protocol, imageCountInRequest: 1 });
      const buf = Buffer.from(out.base64, 'base64');
      const m = await sharp(buf).metadata();
      expect([out.mime, m.format, m.width, m.height]).toEqual(['image/jpeg', 'jpeg', ...expected[protocol]]);
      expect([m.exif, m.xmp, m.icc, m.orientation]).toEqual([undefined, undefined, undefined, undefined]);
      const q = await quadrants(buf);
      q.forEach((rgb, i) => expect(isClose(rgb, HEIC_FIXTURE_QUADRANTS[i]!, 10), `quadrant ${i}: ${rgb.join(',')}`).toBe(true));
    }
    const thumb = await store.thumbnail(a.id);
    expect([thumb?.width, thumb?.height]).toEqual([256, 171]);
    const tq = await quadrants(thumb!.bytes);
    tq.forEach((rgb, i) => expect(isClose(rgb, HEIC_FIXTURE_QUADRANTS[i]!, 12)).toBe(true));
  });

  it('streams from a dropped file on disk the same way', async () => {
    const a = await store.ingestFile(HEIC_FIXTURE, { name: 'IMG_0002.HEIC' });
    expect([a.mime, a.width, a.height]).toEqual(['image/heic', 1280, 854]);
  });

  it('a truncated HEIC is refused as heic_corrupt', async () => {
    const cut = heic.subarray(0, Math.floor(heic.length * 0.3)); // inside the primary image's data
    const e = await refusal(store.ingest({ name: 'cut.heic', bytes: cut }));
    expect(e.code).toBe('heic_corrupt');
  });

  it('a HEIC with flipped bytes is refused as heic_corrupt', async () => {
    const flipped = Buffer.from(heic);
    for (let i = 100; i < 140; i++) flipped[i]! ^= 0xff; // the item location table
    const e = await refusal(store.ingest({ name: 'flipped.heic', bytes: flipped }));
    expect(e.code).toBe('heic_corrupt');
  });

  it('a huge declared size is refused from the header, before any pixel is decoded', async () => {
    // cut right after the boxes: had it been decoded, the missing image data would make it heic_corrupt
    const bomb = withDeclaredSize(heic, 20000, 20000).subarray(0, 4000);
    const e = await refusal(store.ingest({ name: 'bomb.heic', bytes: bomb }));
    expect(e.code).toBe('too_many_pixels');
    expect(e.details).toMatchObject({ width: 20000, height: 20000, maxPixels: 100_000_000 });
  });

  it('the event loop stays responsive while a HEIC decodes (a timer scheduled at the start fires within 100 ms)', async () => {
    const fresh = createAttachmentStore({ dir: `${dir}/responsive` });
    await disposeHeifDecoder(); // include starting the worker
    const started = performance.now();
    let firedAfter = Number.POSITIVE_INFINITY;
    const timer = setTimeout(() => (firedAfter = performance.now() - started), 0);
    const a = await fresh.ingest({ name: 'IMG_0003.HEIC', bytes: heic });
    clearTimeout(timer);
    expect(a.width).toBe(1280);
    expect(firedAfter).toBeLessThan(100);
  });

  it('a decode over its time limit is stopped and refused as heic_corrupt; the next decode gets a fresh worker', async () => {
    const hasty = createAttachmentStore({ dir: `${dir}/hasty`, heifTimeoutMs: 1 });
    const e = await refusal(hasty.ingest({ name: 'slow.heic', bytes: heic }));
    expect(e.code).toBe('heic_corrupt');
    expect(e.message).toMatch(/longer than 1 ms/);
    const patient = createAttachmentStore({ dir: `${dir}/patient` });
    expect((await patient.ingest({ name: 'ok.heic', bytes: heic })).width).toBe(1280);
  });
});
