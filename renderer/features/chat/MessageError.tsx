// Why an answer failed, in the user's words, the server's own message in small text, and Retry.
import { useTranslation } from '../../i18n/use-translation';
import type { AppError, MessageStatus } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import { retryMessage } from '../../stores/chat-actions';
import { AlertIcon, RefreshIcon } from '../shell/icons';

interface Props {
  messageId: string;
  status: MessageStatus;
  error: AppError | null;
}

export function MessageError({ messageId, status, error }: Props) {
  const { t } = useTranslation();
  const shown: AppError = error ?? { code: status === 'truncated' ? 'truncated' : 'unknown', message: '' };
  const detail = [shown.status ? t('errors.httpStatus', { status: shown.status }) : null, errorDetail(shown)]
    .filter(Boolean)
    .join(' · ');
  return (
    // No role=alert: the window's live region already says the answer failed (stores/announcer.ts).
    <div className="message-error" data-testid="message-error" data-error-code={shown.code}>
      <AlertIcon size={15} className="message-error-icon" />
      <div className="message-error-text">
        <strong>{errorReason(t, shown)}</strong>
        {detail && <small>{detail}</small>}
      </div>
      <button
        type="button"
        className="btn btn-small"
        onClick={(e) => {
          // Retry goes away with the error: the focus stays on the message, not lost to the page.
          e.currentTarget.closest<HTMLElement>('[data-testid="message"]')?.focus();
          void retryMessage(messageId);
        }}
        data-testid="message-retry"
      >
        <RefreshIcon size={13} />
        <span>{t('message.retry')}</span>
      </button>
    </div>
  );
}
