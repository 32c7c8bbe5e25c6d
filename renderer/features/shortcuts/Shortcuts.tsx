// Listens for the app's keyboard shortcuts on the window and shows their sheet (`?`).
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useUi } from '../../stores/ui';
import { KeyboardIcon } from '../shell/icons';
import { Modal } from '../shell/Modal';
import { runShortcut } from './actions';
import { isMacPlatform, keyCaps, SHORTCUTS, shortcutFor } from './keymap';

const MAC = isMacPlatform(typeof navigator === 'undefined' ? '' : navigator.platform);

function inTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type !== 'checkbox');
}

export function Shortcuts() {
  const open = useUi((s) => s.shortcutsOpen);
  const setOpen = useUi((s) => s.openShortcuts);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      // A dialog (settings, confirm, lightbox, trace) has the keyboard; so has an IME composing text.
      if (e.defaultPrevented || e.isComposing || document.querySelector('[aria-modal="true"]')) return;
      const inField = inTextField(e.target);
      const id = shortcutFor(e, MAC, inField);
      // Esc in another field (a rename, a custom model name) means "cancel that", not "stop the answer".
      if (id === 'stop' && inField && !(e.target as HTMLElement).matches('[data-testid="composer-input"]')) return;
      if (id && runShortcut(id, () => setOpen(true))) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [setOpen]);
  return open ? <ShortcutSheet onClose={() => setOpen(false)} /> : null;
}

function ShortcutSheet({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  // The sheet's own Escape closes it (Modal), and leaves the composer's focus request for after.
  useEffect(() => () => useUi.getState().requestComposerFocus(), []);
  return (
    <Modal labelledBy="shortcut-title" onClose={onClose} className="shortcut-sheet" testId="shortcut-sheet">
      <h2 id="shortcut-title" className="modal-title">
        {t('shortcuts.title')}
      </h2>
      <dl className="shortcut-list">
        {SHORTCUTS.map(({ id }) => (
          <div key={id} style={{ display: 'contents' }} data-shortcut={id}>
            <dt>{t(`shortcuts.${id}`)}</dt>
            <dd>
              {keyCaps(id, MAC).map((k) => (
                <kbd key={k}>{k}</kbd>
              ))}
            </dd>
          </div>
        ))}
      </dl>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={onClose} data-testid="shortcut-sheet-close" data-autofocus>
          {t('shortcuts.close')}
        </button>
      </div>
    </Modal>
  );
}

/** Opens the sheet with the mouse, for those who do not know `?` yet. */
export function ShortcutSheetButton() {
  const { t } = useTranslation();
  const openShortcuts = useUi((s) => s.openShortcuts);
  return (
    <button
      type="button"
      className="btn btn-ghost shortcut-open"
      onClick={() => openShortcuts(true)}
      aria-label={t('shortcuts.open')}
      title={t('shortcuts.open')}
      data-testid="shortcut-sheet-open"
    >
      <KeyboardIcon />
    </button>
  );
}
