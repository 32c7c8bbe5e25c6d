// A message's own actions, shown on hover and reachable with Tab: copy (markdown, or plain text for an
// answer), edit a question, regenerate an answer, delete. Edit and regenerate keep the old version as a
// sibling branch (BranchNav).
import { useTranslation } from '../../i18n/use-translation';
import { messageText } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { markdownToPlainText } from '../../lib/plain-text';
import { regenerateMessage } from '../../stores/chat-actions';
import { useUi } from '../../stores/ui';
import { PencilIcon, RefreshIcon, TrashIcon } from '../shell/icons';
import { CopyButton } from './CopyButton';

export function MessageActions({ message, onEdit }: { message: Message; onEdit?: () => void }) {
  const { t } = useTranslation();
  const askConfirm = useUi((s) => s.askConfirm);
  const streaming = message.status === 'streaming';
  const assistant = message.role === 'assistant';
  return (
    <>
      <CopyButton getText={() => messageText(message)} label={assistant ? t('actions.copyMarkdown') : t('message.copy')} testId="message-copy" />
      {assistant && (
        <CopyButton
          getText={() => markdownToPlainText(messageText(message))}
          label={t('actions.copyPlain')}
          caption={t('actions.plain')}
          testId="message-copy-plain"
        />
      )}
      {message.role === 'user' && onEdit && (
        <button type="button" className="copy-btn" onClick={onEdit} title={t('actions.edit')} data-testid="message-edit">
          <PencilIcon size={13} />
          <span>{t('actions.edit')}</span>
        </button>
      )}
      {assistant && !streaming && (
        <button
          type="button"
          className="copy-btn"
          onClick={() => void regenerateMessage(message.id)}
          title={t('actions.regenerate')}
          data-testid="message-regenerate"
        >
          <RefreshIcon size={13} />
          <span>{t('actions.regenerate')}</span>
        </button>
      )}
      {!streaming && (
        <button
          type="button"
          className="copy-btn"
          onClick={() => askConfirm({ kind: 'delete-message', messageId: message.id })}
          aria-label={t('actions.delete')}
          title={t('actions.delete')}
          data-testid="message-delete"
        >
          <TrashIcon size={13} />
        </button>
      )}
    </>
  );
}
