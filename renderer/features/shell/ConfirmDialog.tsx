// The one confirmation dialog (deleting a thread, or one message).
import { useTranslation } from '../../i18n/use-translation';
import { deleteMessage } from '../../stores/chat-actions';
import { deleteThread } from '../../stores/thread-actions';
import { useUi } from '../../stores/ui';
import { Modal } from './Modal';

export function ConfirmDialog() {
  const { t } = useTranslation();
  const confirm = useUi((s) => s.confirm);
  const askConfirm = useUi((s) => s.askConfirm);
  if (!confirm) return null;
  const close = () => askConfirm(null);
  const ok = () => {
    close();
    if (confirm.kind === 'delete-message') void deleteMessage(confirm.messageId);
    else void deleteThread(confirm.threadId);
  };
  const message = confirm.kind === 'delete-message';
  return (
    <Modal labelledBy="confirm-title" onClose={close} className="confirm" testId="confirm-dialog">
      <h2 id="confirm-title" className="modal-title">
        {message ? t('confirm.deleteMessageTitle') : t('confirm.deleteThreadTitle')}
      </h2>
      <p className="confirm-body">
        {confirm.kind === 'delete-message'
          ? t('confirm.deleteMessageBody')
          : t('confirm.deleteThreadBody', { title: confirm.title || t('threads.untitled') })}
      </p>
      <div className="modal-actions">
        <button type="button" className="btn" onClick={close} data-testid="confirm-cancel" data-autofocus>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="btn btn-danger" onClick={ok} data-testid="confirm-ok">
          {t('confirm.delete')}
        </button>
      </div>
    </Modal>
  );
}
