import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, createAttachmentStore } from '../../../electron/attachments';
import { isSrgbProfile } from '../../../electron/attachments/icc';
import { decodeResizeFirst } from '../../../electron/attachments/pipeline';
import {
  BLUE,
  exifTags,
  halvesRaw,
  isClose,
  makeTempDir,
  MARKERS,
  pixelAt,
  PRIVATE_EXIF,
  RED,
  rotatedPhoto,
  withoutIccSegments,
} from './fixtures';

let store: AttachmentStore;
let dir: string;
let cleanup: () => Promise<void>;
let photo: Buffer;

beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
  photo = await rotatedPhoto(400, 200);
});
afterAll(() => cleanup());

const GPS_IFD_POINTER = 0x8825;

function containsAnyMarker(buf: Buffer): string[] {
  return [MARKERS.gps, MARKERS.artist, MARKERS.xmp, 'Exif\0\0'].filter((m) => buf.includes(Buffer.from(m, 'latin1')));
}

describe('the fixture carries what must be removed (so these tests can fail)', () => {
  it('orientation 6, GPS IFD with a position, Artist, XMP, ICC', async () => {
    const m = await sharp(photo).metadata();
    expect([m.width, m.height, m.orientation]).toEqual([400, 200, 6]);
    expect(m.exif).toBeDefined();
    const tags = exifTags(m.exif!);
    expect(tags.ifd0).toContain(GPS_IFD_POINTER);
    expect(tags.gps).toEqual(expect.arrayContaining([1, 2, 3, 4])); // GPSLatitudeRef, GPSLatitude, …Ref, GPSLongitude
    expect(m.xmp).toBeDefined();
    expect(m.icc).toBeDefined();
    expect(containsAnyMarker(photo)).toEqual([MARKERS.gps, MARKERS.artist, MARKERS.xmp, 'Exif\0\0']);
    // upright, red is on top
    const upright = await sharp(photo).rotate().png().toBuffer();
    expect(isClose(await pixelAt(upright, 100, 5), RED)).toBe(true);
  });
});

describe('EXIF orientation', () => {
  it('a photo stored landscape with Orientation 6 comes out portrait, red half on top', async () => {
    const a = await store.ingest({ name: 'IMG_1234.JPG', bytes: photo });
    expect([a.width, a.height]).toEqual([200, 400]); // upright dimensions

    for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
      const out = Buffer.from((await store.prepare(a.id, { protocol, imageCountInRequest: 1 })).base64, 'base64');
      const m = await sharp(out).metadata();
      expect([m.width, m.height]).toEqual([200, 400]);
      expect(m.orientation).toBeUndefined(); // pixels rotated, no tag left to rotate them again
      expect(isClose(await pixelAt(out, 100, 10), RED)).toBe(true); // top
      expect(isClose(await pixelAt(out, 100, 390), BLUE)).toBe(true); // bottom
      expect(isClose(await pixelAt(out, 10, 100), RED)).toBe(true); // top half, left edge
      expect(isClose(await pixelAt(out, 190, 100), RED)).toBe(true); // top half, right edge
    }

    const thumb = (await store.thumbnail(a.id))!;
    expect([thumb.width, thumb.height]).toEqual([128, 256]);
    expect(isClose(await pixelAt(thumb.bytes, 64, 5), RED)).toBe(true);
    expect(isClose(await pixelAt(thumb.bytes, 64, 250), BLUE)).toBe(true);
  });

  it('every orientation 1–8 gives the same upright picture', async () => {
    // the upright picture: 60×40, red left half, blue right half; store it as each orientation would
    const { data, raw } = halvesRaw(60, 40, RED, BLUE);
    const upright = await sharp(data, { raw }).png().toBuffer();
    // how a camera stores the upright picture for each tag (the inverse of what the tag says to do);
    // one operation per pipeline, since sharp applies its operations in its own order, not the chain's
    const rot = async (b: Buffer, deg: number) => sharp(b).rotate(deg).png().toBuffer();
    const flop = async (b: Buffer) => sharp(b).flop().png().toBuffer();
    const flip = async (b: Buffer) => sharp(b).flip().png().toBuffer();
    const stored: Record<number, (b: Buffer) => Promise<Buffer>> = {
      1: async (b) => b,
      2: flop,
      3: (b) => rot(b, 180),
      4: flip,
      5: async (b) => flop(await rot(b, 90)), // transpose
      6: (b) => rot(b, -90),
      7: async (b) => flop(await rot(b, -90)), // transverse
      8: (b) => rot(b, 90),
    };
    for (let o = 1; o <= 8; o++) {
      const storedPixels = await stored[o]!(upright);
      const tagged = await sharp(storedPixels).jpeg({ quality: 95 }).withMetadata({ orientation: o }).toBuffer();
      // with withMetadata's sRGB profile, and without any profile (as many Android cameras write)
      for (const [variant, jpeg] of [
        ['icc', tagged],
        ['no icc', withoutIccSegments(tagged)],
      ] as const) {
        const m = await sharp(jpeg).metadata();
        expect([m.orientation, m.hasProfile]).toEqual([o, variant === 'icc']);
        const a = await store.ingest({ name: `o${o}.jpg`, bytes: jpeg });
        const what = `orientation ${o}, ${variant}`;
        expect([a.width, a.height], what).toEqual([60, 40]);
        // at full size (oriented while decoding) and downscaled (resized first, then oriented and
        // colour-converted on the small image: decodeResizeFirst)
        for (const maxLongEdge of [2048, 30]) {
          const p = await store.prepare(a.id, { protocol: 'openai-chat', imageCountInRequest: 1, limits: { maxLongEdge } });
          const out = Buffer.from(p.base64, 'base64');
          const w = p.width;
          expect([p.width, p.height]).toEqual(maxLongEdge === 30 ? [30, 20] : [60, 40]);
          expect(isClose(await pixelAt(out, 2, p.height / 2), RED), `${what}: left, ${w} px`).toBe(true);
          expect(isClose(await pixelAt(out, w - 3, p.height / 2), BLUE), `${what}: right, ${w} px`).toBe(true);
        }
        // and that path really was taken where it applies, not its fallback
        if (variant === 'icc' || o !== 1) {
          const late = await decodeResizeFirst(join(dir, 'originals', a.id), 1e8, { width: 30, height: 20 }, o, variant === 'icc');
          expect(late && [late.width, late.height], what).toEqual([30, 20]);
        }
      }
    }
  });
});

describe('metadata is stripped', () => {
  it('no EXIF (GPS), XMP, ICC or orientation in prepared images and thumbnails', async () => {
    const a = await store.ingest({ name: 'gps.jpg', bytes: photo });
    const outputs: Array<[string, Buffer]> = [['thumbnail', (await store.thumbnail(a.id))!.bytes]];
    for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
      const p = await store.prepare(a.id, { protocol, imageCountInRequest: 1 });
      outputs.push([protocol, Buffer.from(p.base64, 'base64')]);
    }
    for (const [what, buf] of outputs) {
      const m = await sharp(buf).metadata();
      expect(m.exif, what).toBeUndefined();
      expect(m.xmp, what).toBeUndefined();
      expect(m.icc, what).toBeUndefined();
      expect(m.iptc, what).toBeUndefined();
      expect(m.orientation, what).toBeUndefined();
      expect(containsAnyMarker(buf), what).toEqual([]);
    }
    // and what is on disk for the renderer or the upload carries none of it either
    for (const sub of ['thumbs', 'derived']) {
      for (const f of await readdir(join(dir, sub), { recursive: true })) {
        const path = join(dir, sub, f);
        if (!/\.(webp|bin)$/.test(path)) continue;
        expect(containsAnyMarker(await readFile(path)), path).toEqual([]);
      }
    }
  });

  it('a Display P3 photo is converted to sRGB before its profile is dropped', async () => {
    const srgb = [200, 60, 40];
    for (const [w, h] of [
      [2400, 1600], // resized: the profile is applied after the resize
      [300, 200], // kept at size: applied while decoding
    ] as const) {
      const p3 = await sharp({ create: { width: w, height: h, channels: 3, background: { r: srgb[0]!, g: srgb[1]!, b: srgb[2]! } } })
        .withIccProfile('p3')
        .jpeg({ quality: 95 })
        .toBuffer();
      const stored = await pixelAt(await sharp(p3, { ignoreIcc: true }).png().toBuffer(), 10, 10);
      expect(isClose(stored, srgb, 8)).toBe(false); // the numbers in the file are P3, not sRGB
      const a = await store.ingest({ name: `p3-${w}.jpg`, bytes: p3 });
      const p = await store.prepare(a.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
      const out = Buffer.from(p.base64, 'base64');
      expect((await sharp(out).metadata()).icc).toBeUndefined();
      expect(isClose(await pixelAt(out, 10, 10), srgb, 8), `${w}×${h}`).toBe(true);
    }
  });

  it('recognises sRGB profiles (their transform is skipped as a no-op) and only those', async () => {
    const iccOf = async (profile: string) =>
      (await sharp(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#f00' } }).withIccProfile(profile).jpeg().toBuffer()).metadata()).icc;
    expect(isSrgbProfile(await iccOf('srgb'))).toBe(true); // v4, `mluc` description
    expect(isSrgbProfile(await iccOf('p3'))).toBe(false);
    expect(isSrgbProfile(await iccOf('cmyk'))).toBe(false);
    expect(isSrgbProfile(undefined)).toBe(false);
    // v2, ASCII `desc`, as most cameras write it
    const v2 = (desc: string) => {
      const text = Buffer.from(desc + '\0', 'latin1');
      const tag = Buffer.concat([Buffer.from('desc\0\0\0\0', 'latin1'), Buffer.alloc(4), text]);
      tag.writeUInt32BE(text.length, 8);
      const head = Buffer.alloc(144);
      head.write('RGB ', 16, 'latin1');
      head.writeUInt32BE(1, 128);
      head.write('desc', 132, 'latin1');
      head.writeUInt32BE(144, 136);
      head.writeUInt32BE(tag.length, 140);
      return Buffer.concat([head, tag]);
    };
    expect(isSrgbProfile(v2('sRGB IEC61966-2.1'))).toBe(true);
    expect(isSrgbProfile(v2('Adobe RGB (1998)'))).toBe(false);
  });

  it('a transparent PNG with EXIF/GPS stays PNG and loses the metadata', async () => {
    const { data, raw } = halvesRaw(120, 80, [255, 0, 0, 255], [0, 0, 255, 0]);
    const png = await sharp(data, { raw }).png().withExif(PRIVATE_EXIF).toBuffer();
    const inMeta = await sharp(png).metadata();
    expect(inMeta.exif && exifTags(inMeta.exif).gps.length).toBeGreaterThan(0);

    const a = await store.ingest({ name: 'cutout.png', bytes: png });
    const out = Buffer.from((await store.prepare(a.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 })).base64, 'base64');
    const m = await sharp(out).metadata();
    expect(m.format).toBe('png');
    expect(m.hasAlpha).toBe(true);
    expect(m.exif).toBeUndefined();
    expect(containsAnyMarker(out)).toEqual([]);
  });
});
