// The message box: Enter sends, Shift+Enter is a new line, Enter while an IME is composing is
// left to the IME. Stop replaces Send while the thread's last answer streams. A failed send
// keeps the text and says why next to the box.
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorDetail, errorReason } from '../../i18n';
import { sendDraft, stopMessage } from '../../stores/chat-actions';
import { useStreamingMessageId } from '../../stores/messages';
import { useUi } from '../../stores/ui';
import { AlertIcon, PaperclipIcon, SendIcon, StopIcon } from '../shell/icons';
import { ATTACHMENTS_ENABLED, takeInAttachments } from './attachments';
import { useAutoGrow } from './use-auto-grow';

export function Composer({ threadKey }: { threadKey: string }) {
  const { t } = useTranslation();
  const draft = useUi((s) => s.drafts[threadKey] ?? '');
  const setDraft = useUi((s) => s.setDraft);
  const sendError = useUi((s) => s.sendErrors[threadKey] ?? null);
  const focusTick = useUi((s) => s.focusComposer);
  const streamingId = useStreamingMessageId(threadKey || null);
  const [sending, setSending] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  useAutoGrow(input, draft);

  useEffect(() => {
    input.current?.focus();
  }, [focusTick, threadKey]);

  const canSend = draft.trim() !== '' && !sending && !streamingId;

  const submit = async () => {
    if (!canSend) return;
    setSending(true);
    try {
      await sendDraft(threadKey);
    } finally {
      setSending(false);
      input.current?.focus();
    }
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    // keyCode 229: the Enter that confirms an IME candidate in some browsers.
    if (e.key !== 'Enter' || e.shiftKey || e.nativeEvent.isComposing || e.keyCode === 229) return;
    e.preventDefault();
    void submit();
  };

  return (
    <div className="composer-wrap">
      {sendError && (
        <div className="composer-error" role="alert" data-testid="composer-error" data-error-code={sendError.code}>
          <AlertIcon size={14} />
          <span>
            <strong>{errorReason(t, sendError)}</strong>
            {errorDetail(sendError) && <small>{errorDetail(sendError)}</small>}
          </span>
        </div>
      )}
      <div className={`composer${sending ? ' busy' : ''}`}>
        <button
          type="button"
          className="icon-btn composer-attach"
          onClick={() => fileInput.current?.click()}
          disabled={!ATTACHMENTS_ENABLED}
          aria-label={t('composer.attach')}
          title={ATTACHMENTS_ENABLED ? t('composer.attach') : t('composer.attachLater')}
          data-testid="composer-attach"
        >
          <PaperclipIcon size={17} />
        </button>
        <input
          ref={fileInput}
          type="file"
          multiple
          accept="image/*,application/pdf"
          hidden
          onChange={(e) => {
            takeInAttachments(threadKey, [...(e.target.files ?? [])]);
            e.target.value = '';
          }}
          data-testid="composer-file-input"
        />
        <textarea
          ref={input}
          className="composer-input"
          rows={1}
          value={draft}
          placeholder={t('composer.placeholder')}
          aria-label={t('composer.label')}
          onChange={(e) => setDraft(threadKey, e.target.value)}
          onKeyDown={onKeyDown}
          data-testid="composer-input"
        />
        {streamingId ? (
          <button
            type="button"
            className="composer-btn stop"
            onClick={() => void stopMessage(streamingId)}
            aria-label={t('composer.stop')}
            title={t('composer.stop')}
            data-testid="composer-stop"
          >
            <StopIcon size={16} />
          </button>
        ) : (
          <button
            type="button"
            className="composer-btn send"
            onClick={() => void submit()}
            disabled={!canSend}
            aria-label={t('composer.send')}
            title={t('composer.send')}
            data-testid="composer-send"
          >
            <SendIcon size={16} />
          </button>
        )}
      </div>
    </div>
  );
}
