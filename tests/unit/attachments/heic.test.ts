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

/**
 * The fixture with an `irot` (rotation) property added to its primary image, as phones mark a photo taken
 * in portrait: `turns` quarter turns anti-clockwise. Box surgery on this one file's layout (meta, then the
 * image data): the property goes at the end of ipco, its association into the primary's ipma entry, the
 * enclosing sizes grow, and iloc's offsets move by the bytes inserted before the image data.
 */
function withRotation(bytes: Buffer, turns: 1 | 2 | 3): Buffer {
  const box = (type: string) => {
    const at = bytes.indexOf(type, 0, 'latin1') - 4;
    return { at, size: bytes.readUInt32BE(at) };
  };
  const [ipco, ipma, iloc] = [box('ipco'), box('ipma'), box('iloc')];
  const primary = bytes.readUInt16BE(box('pitm').at + 12);
  let count = 0;
  for (let at = ipco.at + 8; at < ipco.at + ipco.size; at += bytes.readUInt32BE(at)) count++;
  let entry = ipma.at + 16; // version 0: 2-byte item ids, 1-byte associations
  while (bytes.readUInt16BE(entry) !== primary) entry += 3 + bytes[entry + 2]!;
  const insertAt = entry + 3 + bytes[entry + 2]!;
  const irot = Buffer.from([0, 0, 0, 9, ...Buffer.from('irot'), turns]);
  const ipcoEnd = ipco.at + ipco.size;
  const out = Buffer.concat([bytes.subarray(0, ipcoEnd), irot, bytes.subarray(ipcoEnd, insertAt), Buffer.from([0x80 | (count + 1)]), bytes.subarray(insertAt)]);
  const grow = (at: number, by: number) => out.writeUInt32BE(out.readUInt32BE(at) + by, at);
  grow(ipco.at, 9);
  grow(ipma.at + 9, 1);
  grow(box('iprp').at, 10);
  grow(box('meta').at, 10);
  out[entry + 9 + 2]! += 1;
  // iloc version 0 with 4-byte offsets, lengths and base offsets: move each item's base offset
  expect([bytes[iloc.at + 8], bytes[iloc.at + 12], bytes[iloc.at + 13]]).toEqual([0, 0x44, 0x40]);
  const items = bytes.readUInt16BE(iloc.at + 14);
  for (let i = 0, at = iloc.at + 16; i < items; i++) {
    grow(at + 4, 10);
    at += 10 + 8 * bytes.readUInt16BE(at + 8);
  }
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

  it('a portrait photo marked by an irot box comes out upright, rotated once (libheif applies it, nothing else does)', async () => {
    const portrait = withRotation(heic, 1); // a quarter turn anti-clockwise
    const a = await store.ingest({ name: 'IMG_0005.HEIC', bytes: portrait });
    expect([a.width, a.height]).toEqual([854, 1280]);
    const out = Buffer.from((await store.prepare(a.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 })).base64, 'base64');
    const m = await sharp(out).metadata();
    expect([m.width, m.height, m.orientation]).toEqual([854, 1280, undefined]);
    // turned anti-clockwise: the top right corner goes to the top left, and so on
    const [tl, tr, bl, br] = HEIC_FIXTURE_QUADRANTS;
    const want = [tr, br, tl, bl];
    const q = await quadrants(out);
    q.forEach((rgb, i) => expect(isClose(rgb, want[i]!, 10), `quadrant ${i}: ${rgb.join(',')}`).toBe(true));
    const upsideDown = await store.ingest({ name: 'IMG_0006.HEIC', bytes: withRotation(heic, 2) });
    expect([upsideDown.width, upsideDown.height]).toEqual([1280, 854]);
    const half = Buffer.from((await store.prepare(upsideDown.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 })).base64, 'base64');
    (await quadrants(half)).forEach((rgb, i) => expect(isClose(rgb, [br, bl, tr, tl][i]!, 10)).toBe(true));
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
