// The one confirmation dialog (deleting a thread).
import { useTranslation } from 'react-i18next';
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
    void deleteThread(confirm.threadId);
  };
  return (
    <Modal labelledBy="confirm-title" onClose={close} className="confirm" testId="confirm-dialog">
      <h2 id="confirm-title" className="modal-title">
        {t('confirm.deleteThreadTitle')}
      </h2>
      <p className="confirm-body">{t('confirm.deleteThreadBody', { title: confirm.title || t('threads.untitled') })}</p>
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
