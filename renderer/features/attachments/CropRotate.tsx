// Crop and rotate a draft image in the lightbox. Works on the preview only: the rotation is shown on a
// canvas copy of it, the crop rectangle is kept in percent of what is shown, and "Apply" asks main for the
// edited copy (made from the full-size original). Pointer: drag on the image to draw the rectangle.
// Keyboard: the rectangle is focusable; arrow keys move it, Shift + arrow keys resize it.
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorReason } from '../../i18n';
import {
  applyEdit,
  cropBetween,
  cropByKey,
  type CropRect,
  FULL_CROP,
  previewBox,
  resetEdit,
  rotatedPreview,
  type Rotation,
} from './lightbox-actions';

interface Props {
  src: string;
  name: string;
  /** of the image shown, upright, before this rotation */
  width: number;
  height: number;
  /** the draft is an edited copy: "Original" goes back to the image as attached */
  edited: boolean;
}

const isFull = (c: CropRect) => c.x === 0 && c.y === 0 && c.w === 100 && c.h === 100;

export function CropRotate({ src, name, width, height, edited }: Props) {
  const { t } = useTranslation();
  const [rotate, setRotate] = useState<Rotation>(0);
  const [crop, setCrop] = useState<CropRect>(FULL_CROP);
  const [shown, setShown] = useState(src);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const stage = useRef<HTMLDivElement>(null);
  const dragFrom = useRef<{ x: number; y: number } | null>(null);
  /** a drag drew a rectangle: the click that ends it must not close the lightbox (a plain click does) */
  const drew = useRef(false);

  useEffect(() => {
    let live = true;
    rotatedPreview(src, rotate).then(
      (url) => live && setShown(url),
      () => live && setShown(src),
    );
    return () => {
      live = false;
    };
  }, [src, rotate]);

  const changed = rotate !== 0 || !isFull(crop);
  const swap = rotate === 90 || rotate === 270;

  const at = (e: ReactPointerEvent) => {
    const r = stage.current!.getBoundingClientRect();
    return { x: ((e.clientX - r.left) / r.width) * 100, y: ((e.clientY - r.top) / r.height) * 100 };
  };
  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.preventDefault();
    dragFrom.current = at(e);
    e.currentTarget.setPointerCapture(e.pointerId);
  };
  const onPointerMove = (e: ReactPointerEvent<HTMLDivElement>) => {
    const from = dragFrom.current;
    if (!from) return;
    const to = at(e);
    if (Math.abs(to.x - from.x) >= 2 && Math.abs(to.y - from.y) >= 2) {
      drew.current = true;
      setCrop(cropBetween(from, to));
    }
  };
  const onPointerUp = () => {
    dragFrom.current = null;
  };

  const apply = async () => {
    setSaving(true);
    setError(null);
    const err = await applyEdit(rotate, crop);
    // on success the lightbox moves on to the edited copy (this view is replaced)
    if (err) {
      setSaving(false);
      setError(t('attachments.lightboxEditFailed', { message: errorReason(t, err) }));
    }
  };
  const turn = () => {
    setRotate(((rotate + 90) % 360) as Rotation);
    setCrop(FULL_CROP); // the rectangle was drawn on the other orientation
  };
  const reset = () => {
    setRotate(0);
    setCrop(FULL_CROP);
    setError(null);
    if (edited) resetEdit();
  };

  return (
    <>
      <div
        ref={stage}
        className="lightbox-stage"
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onClick={(e) => {
          if (drew.current) e.stopPropagation();
          drew.current = false;
        }}
      >
        <img
          className="lightbox-image"
          src={shown}
          alt={name}
          draggable={false}
          style={previewBox(swap ? height : width, swap ? width : height)}
          data-testid="lightbox-image"
          data-rotation={shown === src ? 0 : rotate}
        />
        <div
          className={`lightbox-crop${isFull(crop) ? ' full' : ''}`}
          style={{ left: `${crop.x}%`, top: `${crop.y}%`, width: `${crop.w}%`, height: `${crop.h}%` }}
          tabIndex={0}
          role="group"
          aria-label={t('attachments.lightboxCrop')}
          title={t('attachments.lightboxCrop')}
          data-testid="lightbox-crop"
          data-crop={`${crop.x},${crop.y},${crop.w},${crop.h}`}
          onKeyDown={(e) => {
            const next = cropByKey(crop, e.key, e.shiftKey);
            if (!next) return;
            e.preventDefault();
            e.stopPropagation();
            setCrop(next);
          }}
        />
      </div>
      <div className="lightbox-tools" onClick={(e) => e.stopPropagation()}>
        <button type="button" onClick={turn} disabled={saving} title={t('attachments.lightboxRotate')} data-testid="lightbox-rotate">
          {t('attachments.lightboxRotate')}
        </button>
        <button
          type="button"
          onClick={reset}
          disabled={saving || (!changed && !edited)}
          title={t('attachments.lightboxResetHint')}
          data-testid="lightbox-crop-reset"
        >
          {t('attachments.lightboxReset')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void apply()}
          disabled={saving || !changed}
          title={t('attachments.lightboxApplyHint')}
          data-testid="lightbox-crop-apply"
        >
          {saving ? t('attachments.lightboxSaving') : t('attachments.lightboxApply')}
        </button>
      </div>
      {error && (
        <span className="lightbox-status failed" role="alert" onClick={(e) => e.stopPropagation()}>
          {error}
        </span>
      )}
    </>
  );
}
