import sharp from 'sharp';
import { AttachmentError } from './errors';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif' | 'heic';

export const IMAGE_MIME: Readonly<Record<ImageFormat, string>> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
  tiff: 'image/tiff',
  avif: 'image/avif',
  heic: 'image/heic',
};

/**
 * Magic numbers. Only used to tell "corrupt" from "not supported" when the decoder gives up: the
 * decoder's own sniffing (sharp metadata) decides what a file is.
 */
export function magicFormat(head: Uint8Array): ImageFormat | null {
  const b = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 32));
  const ascii = (from: number, to: number) => b.toString('latin1', from, to);
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (ascii(0, 6) === 'GIF87a' || ascii(0, 6) === 'GIF89a') return 'gif';
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP') return 'webp';
  if (ascii(0, 4) === 'II*\0' || ascii(0, 4) === 'MM\0*') return 'tiff';
  if (ascii(4, 8) === 'ftyp') {
    const brand = ascii(8, 12);
    if (brand === 'avif' || brand === 'avis') return 'avif';
    if (['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis'].includes(brand)) return 'heic';
    if (brand === 'mif1' || brand === 'msf1') {
      // the generic HEIF brands: the compatible brands after them say which codec
      const compatible = ftypBrands(Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 256)));
      return compatible.some((c) => c === 'avif' || c === 'avis') ? 'avif' : 'heic';
    }
  }
  return null;
}

function ftypBrands(b: Buffer): string[] {
  const size = Math.min(b.length, b.readUInt32BE(0));
  const out: string[] = [];
  for (let at = 16; at + 4 <= size; at += 4) out.push(b.toString('latin1', at, at + 4));
  return out;
}

/**
 * HEIC (HEVC-coded HEIF) that this sharp cannot read goes to libheif-js in a worker (heif.ts). The
 * WebAssembly libheif has no AV1 decoder, so AVIF stays with sharp (or is refused as decoder_unavailable).
 */
export function decodesWithHeif(format: ImageFormat | null): boolean {
  return format === 'heic' && !canDecode('heic');
}

/**
 * Whether this sharp build decodes a format. The prebuilt libvips ships libheif with AV1 only: its heif
 * loader lists `.avif` and not `.heic`, so HEIC (HEVC) photos are decoded by libheif-js instead
 * (decodesWithHeif); a format nothing here decodes is refused as not_supported with
 * `details.reason = 'decoder_unavailable'` rather than reported as corrupt.
 */
export function canDecode(format: ImageFormat): boolean {
  const f = sharp.format;
  switch (format) {
    case 'avif':
      return f.heif?.input.file === true;
    case 'heic':
      return f.heif?.input.file === true && (f.heif.input.fileSuffix ?? []).includes('.heic');
    default:
      return f[format]?.input.file === true;
  }
}

export interface ImageProbe {
  format: ImageFormat;
  mime: string;
  /** upright: EXIF orientation applied */
  width: number;
  height: number;
  orientation: number;
  /** frames (GIF/WebP animation, TIFF pages); only the first is used */
  pages: number;
}

/**
 * Reads the header only (no pixels). Refuses what is not an image we take, and decompression bombs, from
 * the declared dimensions: a 20000×20000 PNG of a few kB is refused here before anything is allocated.
 */
export async function probeImage(input: string | Buffer, head: Uint8Array, maxPixels: number): Promise<ImageProbe> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch (e) {
    const magic = magicFormat(head);
    if (magic) throw new AttachmentError('corrupt', `cannot read the ${magic} header`, { format: magic }, { cause: e });
    throw new AttachmentError('not_supported', 'not an image or PDF', {}, { cause: e });
  }
  const format = formatOf(meta);
  if (!format) {
    throw new AttachmentError('not_supported', `format not accepted: ${meta.format}`, { format: meta.format });
  }
  if (!canDecode(format)) {
    throw new AttachmentError('not_supported', `this build cannot decode ${format}`, {
      format,
      reason: 'decoder_unavailable',
    });
  }
  const { width, height } = meta;
  if (!(width > 0 && height > 0)) throw new AttachmentError('corrupt', 'image has no dimensions', { format });
  if (width * height > maxPixels) {
    throw new AttachmentError('too_many_pixels', `${width}×${height} px is over the limit`, {
      width,
      height,
      maxPixels,
    });
  }
  return {
    format,
    mime: IMAGE_MIME[format],
    width: meta.autoOrient?.width ?? width,
    height: meta.autoOrient?.height ?? height,
    orientation: meta.orientation ?? 1,
    pages: meta.pages ?? 1,
  };
}

function formatOf(meta: sharp.Metadata): ImageFormat | null {
  switch (meta.format) {
    case 'jpeg':
    case 'png':
    case 'webp':
    case 'gif':
    case 'tiff':
      return meta.format;
    case 'heif':
      return meta.compression === 'av1' ? 'avif' : 'heic';
    default:
      return null; // svg, raw, vips, pdf (via poppler), magick…: not something we send as an image
  }
}
