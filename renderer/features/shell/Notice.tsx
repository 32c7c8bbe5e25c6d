// A transient error notice for actions that have no place of their own (rename, delete, retry…).
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorDetail, errorReason } from '../../i18n';
import { useUi } from '../../stores/ui';
import { CloseIcon } from './icons';

const SHOW_MS = 8000;

export function Notice() {
  const { t } = useTranslation();
  const notice = useUi((s) => s.notice);
  const showNotice = useUi((s) => s.showNotice);

  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => showNotice(null), SHOW_MS);
    return () => clearTimeout(timer);
  }, [notice, showNotice]);

  if (!notice) return null;
  return (
    <div className="notice" role="alert" data-testid="notice">
      <div className="notice-text">
        <strong>{errorReason(t, notice.error)}</strong>
        {errorDetail(notice.error) && <small>{errorDetail(notice.error)}</small>}
      </div>
      <button type="button" className="icon-btn" onClick={() => showNotice(null)} aria-label={t('app.dismiss')}>
        <CloseIcon />
      </button>
    </div>
  );
}
