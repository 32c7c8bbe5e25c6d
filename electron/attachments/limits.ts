import type { Protocol } from '../../shared/domain';

/** What one uploaded image may be, for one protocol. All sizes in px, bytes as the API counts them. */
export interface Limits {
  /** long edge of the uploaded image */
  maxLongEdge: number;
  /** short edge; null = no cap */
  maxShortEdge: number | null;
  /** the box the image must fit whatever the edges say */
  maxWidth: number;
  maxHeight: number;
  /**
   * width × height cap; null = none. Off by default. Anthropic also resizes server-side above ~1.15 MP
   * (~1600 tokens), so `1_150_000` there saves upload bytes without changing what the model sees.
   */
  maxArea: number | null;
  /** cap on the base64 text of one image (the APIs measure the encoded string, 4/3 of the bytes) */
  maxBase64Bytes: number;
  /** images one request may carry; null = no documented cap */
  maxImagesPerRequest: number | null;
  /** first JPEG quality tried; stepped down by 10 to minJpegQuality before the image is scaled down */
  jpegQuality: number;
  minJpegQuality: number;
}

/**
 * Anthropic (docs.claude.com, vision): larger than 1568 px on the long edge is downscaled server-side anyway,
 * so do it here and save upload and tokens; > 8000×8000 is rejected, > 2000×2000 when the request has more
 * than 20 images; 5 MB per image (5 242 880 characters of base64, the number its 400 error quotes); 100 images.
 * OpenAI (`detail: high`): the image is fitted into 2048×2048, then its short edge to 768 px; ~20 MB per image.
 */
export const DEFAULT_LIMITS: Readonly<Record<Protocol, Readonly<Limits>>> = {
  'anthropic-messages': {
    maxLongEdge: 1568,
    maxShortEdge: null,
    maxWidth: 8000,
    maxHeight: 8000,
    maxArea: null,
    maxBase64Bytes: 5 * 1024 * 1024,
    maxImagesPerRequest: 100,
    jpegQuality: 85,
    minJpegQuality: 50,
  },
  'openai-chat': {
    maxLongEdge: 2048,
    maxShortEdge: 768,
    maxWidth: 2048,
    maxHeight: 2048,
    maxArea: null,
    maxBase64Bytes: 20 * 1024 * 1024,
    maxImagesPerRequest: null,
    jpegQuality: 85,
    minJpegQuality: 50,
  },
};

/** Anthropic's rule for requests with many images: above this count every image must fit this box. */
export const ANTHROPIC_MANY_IMAGES = { over: 20, box: 2000 } as const;

export interface Size {
  width: number;
  height: number;
}

/**
 * Defaults ← store-wide overrides ← per-call overrides, then the protocol's hard rules on top (a setting cannot
 * lift Anthropic's 2000 px box for > 20 images, since the API would refuse the request).
 */
export function resolveLimits(
  protocol: Protocol,
  imageCountInRequest: number,
  ...overrides: Array<Partial<Limits> | undefined>
): Limits {
  const l: Limits = { ...DEFAULT_LIMITS[protocol] };
  for (const o of overrides) {
    if (!o) continue;
    for (const [k, v] of Object.entries(o) as Array<[keyof Limits, Limits[keyof Limits] | undefined]>) {
      if (v !== undefined) (l as unknown as Record<string, unknown>)[k] = v;
    }
  }
  if (protocol === 'anthropic-messages' && imageCountInRequest > ANTHROPIC_MANY_IMAGES.over) {
    const box = ANTHROPIC_MANY_IMAGES.box;
    l.maxWidth = Math.min(l.maxWidth, box);
    l.maxHeight = Math.min(l.maxHeight, box);
    l.maxLongEdge = Math.min(l.maxLongEdge, box);
  }
  validate(l);
  return l;
}

function validate(l: Limits): void {
  const positive = ['maxLongEdge', 'maxWidth', 'maxHeight', 'maxBase64Bytes'] as const;
  for (const k of positive) {
    if (!Number.isInteger(l[k]) || l[k] < 1) throw new RangeError(`limits.${k} must be a positive integer`);
  }
  for (const k of ['maxShortEdge', 'maxArea'] as const) {
    const v = l[k];
    if (v !== null && (!Number.isInteger(v) || v < 1)) throw new RangeError(`limits.${k} must be a positive integer or null`);
  }
  if (!(l.minJpegQuality >= 1 && l.jpegQuality <= 100 && l.minJpegQuality <= l.jpegQuality)) {
    throw new RangeError('limits: need 1 <= minJpegQuality <= jpegQuality <= 100');
  }
}

/** The largest size ≤ every cap with the image's aspect ratio (never enlarged). */
export function fitWithin(src: Size, l: Limits): Size {
  const long = Math.max(src.width, src.height);
  const short = Math.min(src.width, src.height);
  const scale = Math.min(
    1,
    l.maxLongEdge / long,
    l.maxShortEdge === null ? 1 : l.maxShortEdge / short,
    l.maxWidth / src.width,
    l.maxHeight / src.height,
    l.maxArea === null ? 1 : Math.sqrt(l.maxArea / (src.width * src.height)),
  );
  if (scale >= 1) return { width: src.width, height: src.height };
  let width = Math.max(1, Math.round(src.width * scale));
  let height = Math.max(1, Math.round(src.height * scale));
  // rounding may overshoot a cap by one pixel: clamp
  width = Math.min(width, l.maxWidth);
  height = Math.min(height, l.maxHeight);
  if (width >= height) {
    width = Math.min(width, l.maxLongEdge);
    if (l.maxShortEdge !== null) height = Math.min(height, l.maxShortEdge);
  } else {
    height = Math.min(height, l.maxLongEdge);
    if (l.maxShortEdge !== null) width = Math.min(width, l.maxShortEdge);
  }
  if (l.maxArea !== null && width * height > l.maxArea) {
    if (width >= height) width = Math.max(1, Math.floor(l.maxArea / height));
    else height = Math.max(1, Math.floor(l.maxArea / width));
  }
  return { width, height };
}

export function scaleSize(s: Size, factor: number): Size {
  return { width: Math.max(1, Math.floor(s.width * factor)), height: Math.max(1, Math.floor(s.height * factor)) };
}

/** Length of the base64 text for n bytes. */
export function base64Length(n: number): number {
  return 4 * Math.ceil(n / 3);
}

/** Stable text of the limits for cache keys (fixed key order). */
export function limitsKey(l: Limits): string {
  return JSON.stringify([
    l.maxLongEdge,
    l.maxShortEdge,
    l.maxWidth,
    l.maxHeight,
    l.maxArea,
    l.maxBase64Bytes,
    l.jpegQuality,
    l.minJpegQuality,
  ]);
}
