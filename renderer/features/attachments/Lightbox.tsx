// One image, large, over everything: the thumbnail at once (blurred), then main's preview.
// Escape, a click anywhere or the close button closes it; focus returns where it was.
import { useEffect, useRef, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { useAttachmentInfo, useAttachments } from '../../stores/attachments';
import { CloseIcon } from '../shell/icons';
import { describeInfo } from './format';
import { closeLightbox } from './lightbox-actions';

/**
 * The size the image is shown at, known before the preview arrives (so the thumbnail placeholder
 * and the preview take the same box): the preview's own size (main fits it in 2048 px on the long
 * edge and 768 px on the short one), shrunk to the window.
 */
function previewBox(width: number, height: number): CSSProperties {
  const scale = Math.min(2048 / Math.max(width, height), 768 / Math.min(width, height), 1);
  const w = Math.round(width * scale);
  return { aspectRatio: `${width} / ${height}`, width: `min(92vw, calc(80vh * ${width / height}), ${w}px)`, height: 'auto' };
}

export function Lightbox() {
  const lightbox = useAttachments((s) => s.lightbox);
  if (!lightbox) return null;
  return createPortal(<LightboxView key={lightbox.id} />, document.body);
}

function LightboxView() {
  const { t } = useTranslation();
  const lightbox = useAttachments((s) => s.lightbox)!;
  const info = useAttachmentInfo(lightbox.id);
  const closeBtn = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeBtn.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeLightbox();
      } else if (e.key === 'Tab') {
        // the close button is the one control: keep focus on it
        e.preventDefault();
        closeBtn.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey, true);
    return () => {
      window.removeEventListener('keydown', onKey, true);
      before?.focus?.();
    };
  }, []);

  const src = lightbox.dataUrl ?? lightbox.thumbnail;
  const loading = !lightbox.dataUrl && !lightbox.failed;
  return (
    <div
      className="lightbox"
      role="dialog"
      aria-modal="true"
      aria-label={lightbox.name}
      data-testid="lightbox"
      data-loaded={lightbox.dataUrl ? 'true' : 'false'}
      onClick={closeLightbox}
    >
      <button
        ref={closeBtn}
        type="button"
        className="lightbox-close"
        onClick={closeLightbox}
        aria-label={t('attachments.lightboxClose')}
        title={t('attachments.lightboxClose')}
        data-testid="lightbox-close"
      >
        <CloseIcon size={20} />
      </button>
      <figure className="lightbox-figure">
        {src ? (
          <img
            className={`lightbox-image${lightbox.dataUrl ? '' : ' placeholder'}`}
            src={src}
            alt={lightbox.name}
            style={info?.width && info.height ? previewBox(info.width, info.height) : undefined}
            data-testid="lightbox-image"
          />
        ) : (
          <div className="lightbox-empty" />
        )}
        <figcaption className="lightbox-caption">
          <span className="lightbox-name">{lightbox.name}</span>
          {info && <span className="lightbox-detail">{describeInfo(t, info)}</span>}
          {loading && (
            <span className="lightbox-status" role="status">
              {t('attachments.lightboxLoading')}
            </span>
          )}
          {lightbox.failed && (
            <span className="lightbox-status failed" role="alert">
              {t('attachments.lightboxFailed')}
            </span>
          )}
        </figcaption>
      </figure>
    </div>
  );
}
