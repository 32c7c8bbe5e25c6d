// Decoding an original into upright sRGB pixels, whichever decoder its format needs: sharp for what this
// build of libvips reads, libheif-js in a worker (heif.ts) for HEIC. Callers get the same RawImage either way,
// so thumbnails and upload images go through one pipeline (pipeline.ts).
import { readFile } from 'node:fs/promises';
import { heifDecoder } from './heif';
import type { Size } from './limits';
import { decodeUpright, type RawImage, resizeRaw, thumbnailFromInput, thumbnailFromRaw } from './pipeline';
import { decodesWithHeif, IMAGE_MIME } from './sniff';

export interface OriginalOptions {
  maxPixels: number;
  /** per HEIC decode (default 10 s) */
  heifTimeoutMs?: number;
}

/** Whether a stored original of this (sniffed) MIME type decodes in the HEIF worker. */
export function storedWithHeif(mime: string): boolean {
  return mime === IMAGE_MIME.heic && decodesWithHeif('heic');
}

/**
 * The whole primary image, upright: libheif applies the irot/imir boxes itself and the pixels carry no EXIF,
 * so nothing downstream rotates them again (a phone's EXIF orientation tag inside a HEIC is ignored, as
 * libheif's own tools do).
 */
export async function decodeHeifOriginal(input: string | Buffer, o: OriginalOptions): Promise<RawImage> {
  const bytes = typeof input === 'string' ? await readFile(input) : input;
  return heifDecoder().decode(bytes, { maxPixels: o.maxPixels, timeoutMs: o.heifTimeoutMs });
}

/** Upright pixels at `size` (from the stored, upright dimensions), or full size. */
export async function decodeOriginal(input: string | Buffer, mime: string, o: OriginalOptions, size?: Size): Promise<RawImage> {
  if (!storedWithHeif(mime)) return decodeUpright(input, o.maxPixels, size);
  const raw = await decodeHeifOriginal(input, o);
  return size ? resizeRaw(raw, size) : raw;
}

/** A thumbnail made again from the original (the stored one was lost). */
export async function thumbnailOfOriginal(input: string | Buffer, mime: string, o: OriginalOptions, edge: number) {
  if (!storedWithHeif(mime)) return thumbnailFromInput(input, o.maxPixels, edge);
  return thumbnailFromRaw(await decodeHeifOriginal(input, o), edge);
}
