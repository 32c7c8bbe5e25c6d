// One image, large, over everything: the thumbnail at once (blurred), then main's preview.
// Escape, a click anywhere or the close button closes it; focus returns where it was. A draft image
// (not yet sent) can be cropped and rotated there (CropRotate): its buttons, and a drag on the image,
// do not close it.
import { useEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n/use-translation';
import { useAttachmentInfo, useAttachments } from '../../stores/attachments';
import { CloseIcon } from '../shell/icons';
import { describeInfo } from './format';
import { CropRotate } from './CropRotate';
import { closeLightbox, previewBox } from './lightbox-actions';

export function Lightbox() {
  const lightbox = useAttachments((s) => s.lightbox);
  if (!lightbox) return null;
  return createPortal(<LightboxView key={lightbox.id} />, document.body);
}

function LightboxView() {
  const { t } = useTranslation();
  const lightbox = useAttachments((s) => s.lightbox)!;
  const info = useAttachmentInfo(lightbox.id);
  const where = lightbox.draft;
  const draft = useAttachments((s) => (where ? s.drafts[where.threadKey]?.find((d) => d.key === where.key) : undefined));
  const closeBtn = useRef<HTMLButtonElement>(null);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    closeBtn.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        closeLightbox();
      } else if (e.key === 'Tab') {
        // keep focus inside: cycle through the dialog's controls
        e.preventDefault();
        const all = [...(root.current?.querySelectorAll<HTMLElement>('button:not(:disabled), [tabindex="0"]') ?? [])];
        const i = all.indexOf(document.activeElement as HTMLElement);
        (all[(i + (e.shiftKey ? all.length - 1 : 1)) % all.length] ?? closeBtn.current)?.focus();
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
  const editable = Boolean(draft?.id === lightbox.id && lightbox.dataUrl && info?.width && info.height);
  return (
    <div
      ref={root}
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
        {editable ? (
          <CropRotate
            src={lightbox.dataUrl!}
            name={lightbox.name}
            width={info!.width!}
            height={info!.height!}
            edited={Boolean(draft?.originalId)}
          />
        ) : src ? (
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
