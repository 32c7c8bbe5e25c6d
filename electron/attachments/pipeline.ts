import sharp from 'sharp';
import { AttachmentError } from './errors';
import { isSrgbProfile } from './icc';
import { base64Length, type Limits, scaleSize, type Size } from './limits';

/** Upright, sRGB, 8-bit pixels: the one decode a thumbnail and upload images derive from. */
export interface RawImage extends Size {
  data: Buffer;
  channels: 1 | 2 | 3 | 4;
}

export interface Encoded extends Size {
  mime: 'image/jpeg' | 'image/png';
  data: Buffer;
  quality?: number;
}

function inputOptions(maxPixels: number): sharp.SharpOptions {
  return {
    limitInputPixels: maxPixels, // second line of defence after probeImage's header check
    failOn: 'truncated', // a cut-off file is corrupt; phones' harmless "extraneous bytes" warnings are not
    sequentialRead: true, // stream the file top to bottom instead of mapping it whole
  };
}

/**
 * Decode the original once: EXIF orientation applied, converted to 8-bit sRGB (ICC profiles honoured, then
 * dropped), first frame only, and, given `size`, shrunk on load (JPEG/WebP decode at 1/2, 1/4, 1/8 scale)
 * before the final resize, so a 24 MP photo never exists at full size in memory.
 */
export async function decodeUpright(input: string | Buffer, maxPixels: number, size?: Size): Promise<RawImage> {
  try {
    const m = await sharp(input, { limitInputPixels: false }).metadata(); // header only
    const srgbTagged = m.hasProfile && isSrgbProfile(m.icc);
    const orientation = m.orientation ?? 1;
    if (size && m.space === 'srgb' && m.depth === 'uchar' && ((m.hasProfile && !srgbTagged) || orientation !== 1)) {
      // any trouble there (an EXIF block libvips will not write back, say): the plain path decides
      const late = await decodeResizeFirst(input, maxPixels, size, orientation, m.hasProfile).catch(() => null);
      if (late) return late;
    }
    let p = sharp(input, { ...inputOptions(maxPixels), ignoreIcc: srgbTagged }).rotate();
    if (size) p = p.resize(size.width, size.height, { fit: 'fill', fastShrinkOnLoad: true });
    return await toRaw(p.toColourspace('srgb'));
  } catch (e) {
    throw decodeError(e);
  }
}

/**
 * sharp applies the embedded ICC profile and the EXIF rotation right after decoding, on the image as shrunk
 * on load: for a 24 MP phone photo that is 6 MP through lcms and a 6 MP transpose, together more than the
 * resize itself. Here the image is decoded and resized first, in its stored orientation with its profile
 * ignored (but kept), into a lossless intermediate (PNG, no compression, profile and orientation attached);
 * only then is it rotated and colour-converted, on the target's pixels (1.6 MP for Anthropic) instead.
 * 8-bit RGB only; CMYK, grey and 16-bit take the plain path. `null` when the intermediate lost what it
 * had to carry.
 */
export async function decodeResizeFirst(
  input: string | Buffer,
  maxPixels: number,
  size: Size,
  orientation: number,
  hasProfile: boolean,
): Promise<RawImage | null> {
  const stored = orientation >= 5 ? { width: size.height, height: size.width } : size; // 5–8 swap the axes
  const mid = await sharp(input, { ...inputOptions(maxPixels), ignoreIcc: true })
    .resize(stored.width, stored.height, { fit: 'fill', fastShrinkOnLoad: true })
    .keepIccProfile()
    .keepExif() // carries the orientation (EXIF or TIFF tag)
    .png({ compressionLevel: 0 })
    .toBuffer();
  const m = await sharp(mid).metadata();
  if ((m.orientation ?? 1) !== orientation || m.hasProfile !== hasProfile) return null;
  return toRaw(sharp(mid, { ignoreIcc: isSrgbProfile(m.icc) }).rotate().toColourspace('srgb'));
}

async function toRaw(p: sharp.Sharp): Promise<RawImage> {
  const { data, info } = await p.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels };
}

export function decodeError(e: unknown): AttachmentError {
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) return new AttachmentError('too_many_pixels', message, {}, { cause: e });
  return new AttachmentError('corrupt', `cannot decode: ${message}`, {}, { cause: e });
}

function fromRaw(img: RawImage): sharp.Sharp {
  return sharp(img.data, { raw: { width: img.width, height: img.height, channels: img.channels } });
}

export async function resizeRaw(img: RawImage, size: Size): Promise<RawImage> {
  if (size.width === img.width && size.height === img.height) return img;
  return toRaw(fromRaw(img).resize(size.width, size.height, { fit: 'fill' }));
}

/** Real transparency: an alpha channel with at least one pixel below 255 (not merely an alpha channel). */
export function hasTransparency(img: RawImage): boolean {
  if (img.channels !== 2 && img.channels !== 4) return false;
  const { data, channels } = img;
  for (let i = channels - 1; i < data.length; i += channels) if (data[i]! < 255) return true;
  return false;
}

/** WebP, long edge ≤ `edge`, no metadata (sharp writes none unless asked). */
export async function thumbnailFromRaw(img: RawImage, edge: number): Promise<{ data: Buffer } & Size> {
  const { data, info } = await fromRaw(img)
    .resize(edge, edge, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75, alphaQuality: 80 })
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Thumbnail straight from the original: JPEG/WebP decode at 1/8 scale, cheaper than a full decode. */
export async function thumbnailFromInput(input: string | Buffer, maxPixels: number, edge: number): Promise<{ data: Buffer } & Size> {
  try {
    const { data, info } = await sharp(input, inputOptions(maxPixels))
      .rotate()
      .resize(edge, edge, { fit: 'inside', withoutEnlargement: true, fastShrinkOnLoad: true })
      .toColourspace('srgb')
      .webp({ quality: 75, alphaQuality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw decodeError(e);
  }
}

function qualitySteps(l: Limits): number[] {
  const steps: number[] = [];
  for (let q = l.jpegQuality; q > l.minJpegQuality; q -= 10) steps.push(q);
  steps.push(l.minJpegQuality);
  return steps;
}

async function encodeJpeg(img: RawImage, quality: number): Promise<Buffer> {
  let p = fromRaw(img);
  if (img.channels === 2 || img.channels === 4) p = p.removeAlpha(); // opaque alpha: drop it
  return p.jpeg({ quality, chromaSubsampling: '4:2:0' }).toBuffer();
}

async function encodePng(img: RawImage, compressionLevel: number): Promise<Buffer> {
  return fromRaw(img).png({ compressionLevel, adaptiveFiltering: compressionLevel >= 9 }).toBuffer();
}

/** Below this long edge an image is no longer worth sending: give up instead. */
const MIN_LONG_EDGE = 64;
const MAX_SCALE_STEPS = 10;

/**
 * Encode `base` (already at its target size) under `limits.maxBase64Bytes`: PNG when it has real
 * transparency, else JPEG at jpegQuality stepping down by 10 to minJpegQuality; if even that is too big,
 * scale down (from `base`, not from the last attempt, so quality does not degrade twice) by a factor
 * estimated from how far over the budget the smallest encoding was, and try again.
 */
export async function encodeWithinLimits(base: RawImage, l: Limits): Promise<Encoded> {
  const transparent = hasTransparency(base);
  const fits = (n: number) => base64Length(n) <= l.maxBase64Bytes;
  let img = base;
  let smallest = 0;
  for (let step = 0; step < MAX_SCALE_STEPS; step++) {
    if (transparent) {
      let data = await encodePng(img, 6);
      // within reach of the budget: the slower, stronger compression may avoid a resize
      if (!fits(data.length) && base64Length(data.length) < l.maxBase64Bytes * 1.25) data = await encodePng(img, 9);
      if (fits(data.length)) return { mime: 'image/png', data, width: img.width, height: img.height };
      smallest = data.length;
    } else {
      for (const quality of qualitySteps(l)) {
        const data = await encodeJpeg(img, quality);
        if (fits(data.length)) return { mime: 'image/jpeg', data, quality, width: img.width, height: img.height };
        smallest = data.length;
      }
    }
    // bytes scale roughly with area: aim 5 % under the budget, by at least 10 % and at most 50 % a step
    const factor = Math.min(0.9, Math.max(0.5, Math.sqrt(l.maxBase64Bytes / base64Length(smallest)) * 0.95));
    const next = scaleSize(img, factor);
    if (Math.max(next.width, next.height) < MIN_LONG_EDGE) break;
    img = await resizeRaw(base, next);
  }
  throw new AttachmentError('cannot_shrink', 'cannot make the image small enough', {
    maxBase64Bytes: l.maxBase64Bytes,
    smallestBase64Bytes: base64Length(smallest),
  });
}
