// Files dropped anywhere on the window, or pasted, become attachments. While files are dragged over
// the window a full-window overlay marks where they will go: the open thread's composer, or — over
// the thread list, or with no thread open — a new thread. Text drags and chip reordering are left
// alone, and a drop never navigates the window to the file.
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from '../../i18n/use-translation';
import { carriesFiles, filesOf, filesOfDrop, takeIn, type IntakeTarget } from './intake';
import { UploadIcon } from '../shell/icons';

/** Elements that start a new thread when files are dropped on them (the thread list). */
const NEW_THREAD_SELECTOR = '[data-drop-target="new-thread"]';
/** How long without a dragover before the overlay is taken down (Chromium sends one every ~50-350 ms). */
const WATCHDOG_MS = 1200;

interface Over {
  newThread: boolean;
  rect: { left: number; top: number; width: number; height: number };
}

const modalOpen = () => document.querySelector('[aria-modal="true"]') !== null;

export function DropZone({ threadKey }: { threadKey: string }) {
  const { t } = useTranslation();
  const [over, setOver] = useState<Over | null>(null);
  const keyRef = useRef(threadKey);
  keyRef.current = threadKey;

  useEffect(() => {
    let depth = 0;
    let watchdog: ReturnType<typeof setTimeout> | undefined;
    const hide = () => {
      depth = 0;
      clearTimeout(watchdog);
      setOver(null);
    };
    const newThreadZone = (e: Event): Element | null =>
      e.target instanceof Element ? e.target.closest(NEW_THREAD_SELECTOR) : null;
    const targetOf = (e: Event): IntakeTarget =>
      newThreadZone(e) ? { kind: 'new-thread' } : { kind: 'composer', threadKey: keyRef.current };
    const show = (e: DragEvent) => {
      const zone = newThreadZone(e) ?? document.querySelector('.chat-pane');
      const r = zone?.getBoundingClientRect();
      const rect = r ? { left: r.left, top: r.top, width: r.width, height: r.height } : { left: 0, top: 0, width: innerWidth, height: innerHeight };
      const newThread = Boolean(newThreadZone(e)) || !keyRef.current;
      setOver((prev) =>
        prev && prev.newThread === newThread && prev.rect.left === rect.left && prev.rect.width === rect.width && prev.rect.height === rect.height
          ? prev
          : { newThread, rect },
      );
      clearTimeout(watchdog);
      watchdog = setTimeout(hide, WATCHDOG_MS);
    };

    const onEnter = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      depth++;
      if (!modalOpen()) show(e);
    };
    const onOver = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault(); // accept the drop (and never let the window navigate to the file)
      if (modalOpen()) {
        e.dataTransfer!.dropEffect = 'none';
        return;
      }
      e.dataTransfer!.dropEffect = 'copy';
      show(e);
    };
    const onLeave = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) hide();
    };
    const onDrop = (e: DragEvent) => {
      if (!carriesFiles(e.dataTransfer)) return;
      e.preventDefault();
      hide();
      if (modalOpen()) return;
      const target = targetOf(e);
      void filesOfDrop(e.dataTransfer).then((files) => takeIn(files, target));
    };
    const onPaste = (e: ClipboardEvent) => {
      const data = e.clipboardData;
      const files = filesOf(data);
      if (!data || files.length === 0) return;
      const el = e.target instanceof Element ? e.target : null;
      const editable = el?.closest('input, textarea, select, [contenteditable]:not([contenteditable="false"])');
      // Other fields (settings, the playground's editors) keep their own paste.
      if (editable && !editable.classList.contains('composer-input')) return;
      if (!editable && modalOpen()) return;
      // Office apps put a picture of the copied cells next to their text: the text is what was meant.
      const types = [...data.types];
      if (types.includes('text/html') && types.includes('text/plain') && data.getData('text/plain').trim()) return;
      e.preventDefault();
      void takeIn(files, { kind: 'composer', threadKey: keyRef.current });
    };

    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    window.addEventListener('dragend', hide);
    window.addEventListener('blur', hide);
    window.addEventListener('paste', onPaste);
    return () => {
      clearTimeout(watchdog);
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
      window.removeEventListener('dragend', hide);
      window.removeEventListener('blur', hide);
      window.removeEventListener('paste', onPaste);
    };
  }, []);

  if (!over) return null;
  const { rect } = over;
  return createPortal(
    <div className="drop-overlay" data-testid="drop-zone" data-target={over.newThread ? 'new-thread' : 'thread'}>
      <div
        className={`drop-area${over.newThread ? ' new-thread' : ''}${rect.width < 420 ? ' narrow' : ''}`}
        style={{ left: rect.left + 10, top: rect.top + 10, width: Math.max(0, rect.width - 20), height: Math.max(0, rect.height - 20) }}
      >
        <div className="drop-card" role="status">
          <span className="drop-icon">
            <UploadIcon size={26} />
          </span>
          <strong>{t('attachments.dropTitle')}</strong>
          <span>{over.newThread ? t('attachments.dropNewThread') : t('attachments.dropThisThread')}</span>
          <small>{t('attachments.dropHint')}</small>
        </div>
      </div>
    </div>,
    document.body,
  );
}
