// Editing a sent question in place: Save sends the new text as a sibling of the old message (the old
// one and its answer stay a branch); Escape or Cancel leaves everything as it was.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { messageText } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { editMessage } from '../../stores/chat-actions';

export function MessageEditor({ message, onDone }: { message: Message; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState(() => messageText(message));
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(el.value.length, el.value.length);
  }, []);
  const hasOther = message.parts.some((p) => p.type !== 'text');
  const canSave = !busy && (text.trim().length > 0 || hasOther);
  const save = async () => {
    if (!canSave) return;
    setBusy(true);
    const ok = await editMessage(message.id, text);
    setBusy(false);
    if (ok) onDone();
  };
  return (
    <div className="message-edit">
      <textarea
        ref={field}
        className="message-edit-input"
        value={text}
        rows={Math.min(12, Math.max(2, text.split('\n').length))}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onDone();
          } else if (e.key === 'Enter' && !e.shiftKey && !e.nativeEvent.isComposing) {
            e.preventDefault();
            void save();
          }
        }}
        aria-label={t('actions.editLabel')}
        data-testid="message-edit-input"
      />
      <div className="message-edit-actions">
        <button type="button" className="btn btn-small" onClick={onDone} data-testid="message-edit-cancel">
          {t('confirm.cancel')}
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={!canSave} onClick={() => void save()} data-testid="message-edit-save">
          {t('actions.saveAndSend')}
        </button>
      </div>
    </div>
  );
}
