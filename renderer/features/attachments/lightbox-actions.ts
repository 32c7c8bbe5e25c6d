// The lightbox shows one image large: the thumbnail at once, then main's lightbox-size preview. For a draft
// image it also crops and rotates: main makes the edited copy from the full-size original (the renderer
// only has the preview and sends a rotation and a 0..1 rectangle).
import type { CSSProperties } from 'react';
import type { AppError } from '../../../shared/domain';
import type { RouteInput } from '../../../shared/contract';
import { getApi } from '../../api';
import { useAttachments, type Lightbox } from '../../stores/attachments';

export type Rotation = RouteInput<'attachments.edit'>['rotate'];
/** In percent of the (rotated) preview, integers: keyboard steps add up exactly. */
export interface CropRect {
  x: number;
  y: number;
  w: number;
  h: number;
}
export const FULL_CROP: CropRect = { x: 0, y: 0, w: 100, h: 100 };

export async function openLightbox(id: string, name: string, draft?: Lightbox['draft']): Promise<void> {
  const store = useAttachments.getState();
  store.setLightbox({ id, name, thumbnail: store.infos[id]?.thumbnail ?? null, dataUrl: null, failed: false, draft });
  const res = await getApi()['attachments.preview']({ id });
  // patchLightbox ignores an answer for a lightbox that was closed or moved on meanwhile
  if (res.ok) useAttachments.getState().patchLightbox(id, { dataUrl: res.value.dataUrl });
  else useAttachments.getState().patchLightbox(id, { failed: true });
}

export function closeLightbox(): void {
  useAttachments.getState().setLightbox(null);
}

function currentDraft() {
  const { lightbox, drafts } = useAttachments.getState();
  if (!lightbox?.draft) return null;
  const draft = drafts[lightbox.draft.threadKey]?.find((d) => d.key === lightbox.draft!.key);
  return draft?.id ? { lightbox, where: lightbox.draft, draft } : null;
}

/**
 * Crops/rotates the image the lightbox shows (edits build on each other); the draft then refers to the
 * edited copy and the lightbox shows it. Null when done, else what went wrong.
 */
export async function applyEdit(rotate: Rotation, crop: CropRect): Promise<Pick<AppError, 'code' | 'message' | 'reason'> | null> {
  const cur = currentDraft();
  if (!cur) return null;
  const whole = crop.x === 0 && crop.y === 0 && crop.w === 100 && crop.h === 100;
  const res = await getApi()['attachments.edit']({
    id: cur.draft.id!,
    rotate,
    crop: whole ? undefined : { x: crop.x / 100, y: crop.y / 100, w: crop.w / 100, h: crop.h / 100 },
  });
  if (!res.ok) return res.error;
  const store = useAttachments.getState();
  store.putInfos([res.value]);
  store.patchDraft(cur.where.threadKey, cur.where.key, { id: res.value.id, originalId: cur.draft.originalId ?? cur.draft.id });
  if (useAttachments.getState().lightbox === cur.lightbox) void openLightbox(res.value.id, cur.lightbox.name, cur.where);
  return null;
}

/** Back to the image as it was attached. */
export function resetEdit(): void {
  const cur = currentDraft();
  if (!cur?.draft.originalId) return;
  const original = cur.draft.originalId;
  useAttachments.getState().patchDraft(cur.where.threadKey, cur.where.key, { id: original, originalId: undefined });
  void openLightbox(original, cur.lightbox.name, cur.where);
}

/** The preview turned clockwise, for showing and cropping on (drawn on a canvas, preview size only). */
export async function rotatedPreview(src: string, rotate: Rotation): Promise<string> {
  if (rotate === 0) return src;
  const img = new Image();
  img.src = src;
  await img.decode();
  const swap = rotate === 90 || rotate === 270;
  const canvas = document.createElement('canvas');
  canvas.width = swap ? img.naturalHeight : img.naturalWidth;
  canvas.height = swap ? img.naturalWidth : img.naturalHeight;
  const g = canvas.getContext('2d');
  if (!g) return src;
  g.translate(canvas.width / 2, canvas.height / 2);
  g.rotate((rotate * Math.PI) / 180);
  g.drawImage(img, -img.naturalWidth / 2, -img.naturalHeight / 2);
  return canvas.toDataURL('image/jpeg', 0.9);
}

const STEP = 5;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Arrow keys move the rectangle; with Shift they resize it (right/down grow, left/up shrink). */
export function cropByKey(c: CropRect, key: string, resize: boolean): CropRect | null {
  const dx = key === 'ArrowRight' ? STEP : key === 'ArrowLeft' ? -STEP : 0;
  const dy = key === 'ArrowDown' ? STEP : key === 'ArrowUp' ? -STEP : 0;
  if (dx === 0 && dy === 0) return null;
  if (resize) return { ...c, w: clamp(c.w + dx, STEP, 100 - c.x), h: clamp(c.h + dy, STEP, 100 - c.y) };
  return { ...c, x: clamp(c.x + dx, 0, 100 - c.w), y: clamp(c.y + dy, 0, 100 - c.h) };
}

/** The rectangle between two points given in percent of the preview. */
export function cropBetween(a: { x: number; y: number }, b: { x: number; y: number }): CropRect {
  const x = clamp(Math.round(Math.min(a.x, b.x)), 0, 99);
  const y = clamp(Math.round(Math.min(a.y, b.y)), 0, 99);
  return { x, y, w: clamp(Math.round(Math.max(a.x, b.x)) - x, 1, 100 - x), h: clamp(Math.round(Math.max(a.y, b.y)) - y, 1, 100 - y) };
}

/**
 * The size the image is shown at, known before the preview arrives (so the thumbnail placeholder
 * and the preview take the same box): the preview's own size (main fits it in 2048 px on the long
 * edge and 768 px on the short one), shrunk to the window.
 */
export function previewBox(width: number, height: number): CSSProperties {
  const scale = Math.min(2048 / Math.max(width, height), 768 / Math.min(width, height), 1);
  const w = Math.round(width * scale);
  return { aspectRatio: `${width} / ${height}`, width: `min(92vw, calc(80vh * ${width / height}), ${w}px)`, height: 'auto' };
}
