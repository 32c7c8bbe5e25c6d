// Crop and rotate before sending: a new image made from the upright original, stored as an attachment of
// its own (content-addressed like any other), so the original stays as it was and "reset" is just using
// its id again. The renderer only ever sees previews: it sends a rotation and a crop rectangle in 0..1 of
// the rotated image, and the rectangle becomes pixels here, on the full-size original.
import sharp from 'sharp';
import { hasTransparency, type RawImage } from './pipeline';

export type Rotation = 0 | 90 | 180 | 270;

export interface ImageEdit {
  /** clockwise, applied first */
  rotate: Rotation;
  /** of the rotated image, each 0..1; absent = the whole image */
  crop?: { x: number; y: number; w: number; h: number };
}

/** The crop rectangle in pixels of a `width`×`height` image, at least 1×1 and inside it. */
export function cropPixels(width: number, height: number, crop: NonNullable<ImageEdit['crop']>) {
  const finite = [crop.x, crop.y, crop.w, crop.h].every((v) => Number.isFinite(v) && v >= 0 && v <= 1);
  if (!finite || crop.w <= 0 || crop.h <= 0) throw new RangeError('crop: x, y, w, h must be in 0..1, w and h above 0');
  const left = Math.min(width - 1, Math.round(crop.x * width));
  const top = Math.min(height - 1, Math.round(crop.y * height));
  const right = Math.max(left + 1, Math.min(width, Math.round((crop.x + crop.w) * width)));
  const bottom = Math.max(top + 1, Math.min(height, Math.round((crop.y + crop.h) * height)));
  return { left, top, width: right - left, height: bottom - top };
}

/**
 * The edited image, encoded for storage: PNG when it has real transparency, else JPEG at quality 95 with
 * full-resolution colour (it is an original from now on; the upload image is derived from it as usual).
 * No metadata is written.
 */
export async function renderEdit(img: RawImage, edit: ImageEdit): Promise<Buffer> {
  const raw = { width: img.width, height: img.height, channels: img.channels };
  let out: RawImage = img;
  if (edit.rotate !== 0) {
    const { data, info } = await sharp(img.data, { raw }).rotate(edit.rotate).raw().toBuffer({ resolveWithObject: true });
    out = { data, width: info.width, height: info.height, channels: info.channels };
  }
  let p = sharp(out.data, { raw: { width: out.width, height: out.height, channels: out.channels } });
  if (edit.crop) p = p.extract(cropPixels(out.width, out.height, edit.crop));
  const { data, info } = await p.raw().toBuffer({ resolveWithObject: true });
  const cropped: RawImage = { data, width: info.width, height: info.height, channels: info.channels };
  const q = sharp(cropped.data, { raw: { width: cropped.width, height: cropped.height, channels: cropped.channels } });
  if (hasTransparency(cropped)) return q.png({ compressionLevel: 6 }).toBuffer();
  if (cropped.channels === 2 || cropped.channels === 4) return q.removeAlpha().jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
  return q.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
}

/** Refuses a nonsensical edit before anything is decoded (the contract's schema already should). */
export function checkEdit(edit: ImageEdit): void {
  if (![0, 90, 180, 270].includes(edit.rotate)) throw new RangeError('rotate must be 0, 90, 180 or 270');
  if (edit.crop) cropPixels(1000, 1000, edit.crop);
}
