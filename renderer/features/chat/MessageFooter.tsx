// Under an answer: model, token usage, status, and actions (copy; retry when stopped or interrupted).
import { useTranslation } from '../../i18n/use-translation';
import type { Message } from '../../../shared/domain';
import { retryMessage } from '../../stores/chat-actions';
import { RefreshIcon } from '../shell/icons';
import { BranchNav } from './BranchNav';
import { LinkCopyButton } from './LinkCopyButton';
import { MessageActions } from './MessageActions';
import { TraceOpenButton } from '../traces/TraceOpenButton';
import { AnswerUsage } from '../params/AnswerUsage';

export function MessageFooter({ message }: { message: Message }) {
  const { t } = useTranslation();
  const streaming = message.status === 'streaming';
  // Failed answers offer Retry in their error box; these end without an error to show.
  const retryable = message.status === 'stopped' || message.status === 'interrupted';
  return (
    <div className="message-footer">
      <BranchNav messageId={message.id} />
      {message.model && <span className="message-model">{message.model}</span>}
      <AnswerUsage message={message} />
      <span
        className={`message-status status-${message.status}`}
        data-testid="message-status"
        title={message.status === 'interrupted' ? t('message.interruptedHint') : undefined}
      >
        {t(`message.status.${message.status}`)}
      </span>
      <TraceOpenButton messageId={message.id} threadId={message.threadId} />
      {!streaming && (
        <span className="message-actions">
          <MessageActions message={message} />
          <LinkCopyButton threadId={message.threadId} messageId={message.id} />
          {retryable && (
            <button
              type="button"
              className="copy-btn"
              onClick={(e) => {
                // Retry goes away once the answer restarts: the focus stays on the message, not lost to the page.
                e.currentTarget.closest<HTMLElement>('[data-testid="message"]')?.focus();
                void retryMessage(message.id);
              }}
              data-testid="message-retry"
            >
              <RefreshIcon size={13} />
              <span>{t('message.retry')}</span>
            </button>
          )}
        </span>
      )}
    </div>
  );
}
