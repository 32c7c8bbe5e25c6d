// The balance in settings, with refresh (gateway.balance).
import { useTranslation } from '../../i18n/use-translation';
import { errorDetail, errorReason } from '../../i18n';
import { formatBalance } from '../../lib/format';
import { refreshBalance } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { RefreshIcon } from '../shell/icons';

export function BalanceView() {
  const { t, i18n } = useTranslation();
  const balance = useSettings((s) => s.balance);
  return (
    <div className="balance-view">
      <span className="balance-amount tabular" data-testid="settings-balance">
        {balance.value ? formatBalance(t, i18n.language, balance.value) : balance.error ? t('settings.balanceUnavailable') : '—'}
      </span>
      {balance.error && !balance.value && (
        <small className="muted" title={errorDetail(balance.error)}>
          {errorReason(t, balance.error)}
        </small>
      )}
      <button
        type="button"
        className={`btn btn-small${balance.loading ? ' spinning' : ''}`}
        onClick={() => void refreshBalance()}
        disabled={balance.loading}
        data-testid="settings-balance-refresh"
      >
        <RefreshIcon size={13} />
        <span>{t('settings.refresh')}</span>
      </button>
    </div>
  );
}
