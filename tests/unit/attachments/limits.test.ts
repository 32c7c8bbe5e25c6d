import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AttachmentStore,
  createAttachmentStore,
  DEFAULT_LIMITS,
  fitWithin,
  isAttachmentError,
  type PreparedImage,
  resolveLimits,
} from '../../../electron/attachments';
import { halvesRaw, makeTempDir, noisyJpeg, noisyRaw } from './fixtures';

const FIVE_MB = 5 * 1024 * 1024;

let store: AttachmentStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
});
afterAll(() => cleanup());

async function decoded(p: PreparedImage) {
  const buf = Buffer.from(p.base64, 'base64');
  expect(buf.length).toBe(p.bytes);
  const m = await sharp(buf).metadata();
  expect([m.width, m.height]).toEqual([p.width, p.height]);
  return m;
}

describe('limit rules', () => {
  it('Anthropic: long edge 1568; more than 20 images caps a configured larger edge at 2000×2000', () => {
    expect(fitWithin({ width: 6000, height: 4000 }, resolveLimits('anthropic-messages', 1))).toEqual({ width: 1568, height: 1045 });
    const big = { maxLongEdge: 4000 };
    expect(fitWithin({ width: 6000, height: 4000 }, resolveLimits('anthropic-messages', 20, big))).toEqual({ width: 4000, height: 2667 });
    expect(fitWithin({ width: 6000, height: 4000 }, resolveLimits('anthropic-messages', 21, big))).toEqual({ width: 2000, height: 1333 });
    expect(fitWithin({ width: 1000, height: 9000 }, resolveLimits('anthropic-messages', 1, { maxLongEdge: 10_000 }))).toEqual({ width: 889, height: 8000 });
  });

  it('OpenAI: fit 2048×2048, then short edge 768', () => {
    const l = resolveLimits('openai-chat', 1);
    expect(fitWithin({ width: 6000, height: 4000 }, l)).toEqual({ width: 1152, height: 768 });
    expect(fitWithin({ width: 1000, height: 3000 }, l)).toEqual({ width: 683, height: 2048 });
    expect(fitWithin({ width: 4000, height: 500 }, l)).toEqual({ width: 2048, height: 256 });
    expect(fitWithin({ width: 700, height: 500 }, l)).toEqual({ width: 700, height: 500 }); // never enlarged
  });

  it('optional area cap (Anthropic’s ~1.15 MP server-side threshold)', () => {
    const l = resolveLimits('anthropic-messages', 1, { maxArea: 1_150_000 });
    expect(fitWithin({ width: 6000, height: 4000 }, l)).toEqual({ width: 1312, height: 876 });
    expect(fitWithin({ width: 3000, height: 3000 }, l)).toEqual({ width: 1072, height: 1072 });
    for (const [w, h] of [[4000, 3000], [1568, 1568], [5000, 1000], [1001, 1149]] as const) {
      const s = fitWithin({ width: w, height: h }, l);
      expect(s.width * s.height, `${w}×${h}`).toBeLessThanOrEqual(1_150_000);
    }
    expect(resolveLimits('anthropic-messages', 1).maxArea).toBeNull(); // off by default
  });

  it('rounding never breaks a cap', () => {
    const l = resolveLimits('openai-chat', 1);
    for (let w = 769; w < 5000; w += 37) {
      for (const h of [769, 1001, 2047, 3333]) {
        const s = fitWithin({ width: w, height: h }, l);
        expect(Math.max(s.width, s.height)).toBeLessThanOrEqual(2048);
        expect(Math.min(s.width, s.height)).toBeLessThanOrEqual(768);
      }
    }
  });

  it('refuses nonsense limits', () => {
    expect(() => resolveLimits('openai-chat', 1, { maxLongEdge: 0 })).toThrow(RangeError);
    expect(() => resolveLimits('openai-chat', 1, { jpegQuality: 40, minJpegQuality: 50 })).toThrow(RangeError);
  });
});

describe('prepared images meet the limits', () => {
  let photoId: string;
  beforeAll(async () => {
    // 3000×2000 photo-like
    photoId = (await store.ingest({ name: 'photo.jpg', bytes: await noisyJpeg(3000, 2000) })).id;
  });

  it('Anthropic: ≤ 1568 px long edge, base64 ≤ 5 MB', async () => {
    const p = await store.prepare(photoId, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
    await decoded(p);
    expect([p.mime, p.width, p.height]).toEqual(['image/jpeg', 1568, 1045]);
    expect(p.base64.length).toBeLessThanOrEqual(FIVE_MB);
  });

  it('Anthropic with 25 images and a configured 3000 px edge: fits 2000×2000', async () => {
    const p = await store.prepare(photoId, {
      protocol: 'anthropic-messages',
      imageCountInRequest: 25,
      limits: { maxLongEdge: 3000 },
    });
    await decoded(p);
    expect([p.width, p.height]).toEqual([2000, 1333]);
  });

  it('OpenAI: inside 2048×2048 and short edge ≤ 768', async () => {
    const p = await store.prepare(photoId, { protocol: 'openai-chat', imageCountInRequest: 1 });
    await decoded(p);
    expect([p.mime, p.width, p.height]).toEqual(['image/jpeg', 1152, 768]);
    expect(p.base64.length).toBeLessThanOrEqual(DEFAULT_LIMITS['openai-chat'].maxBase64Bytes);
  });

  it('a noisy 6000×4000 kept at full size needs quality steps to get under 5 MB of base64', async () => {
    const jpeg = await noisyJpeg(6000, 4000, { quality: 92 });
    expect(jpeg.length * (4 / 3)).toBeGreaterThan(FIVE_MB); // the original would not do
    const { id } = await store.ingest({ name: 'noise.jpg', bytes: jpeg });
    const p = await store.prepare(id, {
      protocol: 'anthropic-messages',
      imageCountInRequest: 1,
      limits: { maxLongEdge: 8000 },
    });
    const m = await decoded(p);
    expect(m.format).toBe('jpeg');
    expect(p.base64.length).toBeLessThanOrEqual(FIVE_MB);
    expect(p.quality).toBeLessThan(85); // stepped down from the first quality
    expect(Math.max(p.width, p.height)).toBeGreaterThanOrEqual(3000); // not thrown away: quality first, then size
  });

  it('steps the size down when quality alone is not enough', async () => {
    const { data, raw } = noisyRaw(1000, 1000);
    const { id } = await store.ingest({ name: 'n.png', bytes: await sharp(data, { raw }).png().toBuffer() });
    const p = await store.prepare(id, { protocol: 'openai-chat', imageCountInRequest: 1, limits: { maxBase64Bytes: 40_000 } });
    await decoded(p);
    expect(p.base64.length).toBeLessThanOrEqual(40_000);
    expect(p.width).toBeLessThan(768);
    // after a size step the quality starts again from the top: size and quality are traded, not both lost
    expect(p.quality).toBeGreaterThanOrEqual(DEFAULT_LIMITS['openai-chat'].minJpegQuality);
  });

  it('cannot_shrink when no step fits', async () => {
    const err = await store
      .prepare(photoId, { protocol: 'openai-chat', imageCountInRequest: 1, limits: { maxBase64Bytes: 200 } })
      .catch((e: unknown) => e);
    expect(isAttachmentError(err) && err.code).toBe('cannot_shrink');
  });

  it('too_many_images over Anthropic’s 100 per request', async () => {
    const err = await store.prepare(photoId, { protocol: 'anthropic-messages', imageCountInRequest: 101 }).catch((e: unknown) => e);
    expect(isAttachmentError(err) && err.code).toBe('too_many_images');
    expect(isAttachmentError(err) && err.details).toMatchObject({ count: 101, max: 100 });
  });
});

describe('PNG or JPEG', () => {
  it('real transparency keeps PNG (with its alpha)', async () => {
    const { data, raw } = halvesRaw(3000, 1000, [255, 0, 0, 255], [0, 0, 255, 128]);
    const { id } = await store.ingest({ name: 'a.png', bytes: await sharp(data, { raw }).png().toBuffer() });
    for (const protocol of ['anthropic-messages', 'openai-chat'] as const) {
      const p = await store.prepare(id, { protocol, imageCountInRequest: 1 });
      const m = await decoded(p);
      expect([p.mime, m.format, m.hasAlpha]).toEqual(['image/png', 'png', true]);
      const { data: px } = await sharp(Buffer.from(p.base64, 'base64')).raw().toBuffer({ resolveWithObject: true });
      expect(px[px.length - 1]).toBeGreaterThan(100); // the right half is half transparent, not flattened
      expect(px[px.length - 1]).toBeLessThan(160);
    }
  });

  it('an opaque PNG becomes JPEG, even with an alpha channel that is all 255', async () => {
    for (const channels of [3, 4] as const) {
      const { data, raw } = halvesRaw(800, 600, channels === 4 ? [255, 0, 0, 255] : [255, 0, 0], channels === 4 ? [0, 0, 255, 255] : [0, 0, 255]);
      const png = await sharp(data, { raw }).png().toBuffer();
      expect((await sharp(png).metadata()).hasAlpha).toBe(channels === 4);
      const { id } = await store.ingest({ name: 'opaque.png', bytes: png });
      const p = await store.prepare(id, { protocol: 'anthropic-messages', imageCountInRequest: 1 });
      const m = await decoded(p);
      expect([p.mime, m.format, m.hasAlpha]).toEqual(['image/jpeg', 'jpeg', false]);
    }
  });

  it('a GIF with a transparent colour stays PNG', async () => {
    const { data, raw } = halvesRaw(64, 64, [255, 0, 0, 255], [0, 0, 0, 0]);
    const gif = await sharp(data, { raw }).gif().toBuffer();
    const { id, mime } = await store.ingest({ name: 'sticker.gif', bytes: gif });
    expect(mime).toBe('image/gif');
    const p = await store.prepare(id, { protocol: 'openai-chat', imageCountInRequest: 1 });
    expect(p.mime).toBe('image/png');
  });
});
