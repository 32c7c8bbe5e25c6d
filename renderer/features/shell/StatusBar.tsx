// The bottom bar: gateway host, the model in use, balance (with refresh) and key status.
import { useTranslation } from '../../i18n/use-translation';
import { normalizeBaseUrl } from '../../../shared/url';
import { formatBalance, hostOf } from '../../lib/format';
import { errorDetail, errorReason } from '../../i18n';
import { refreshBalance } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useSelectedThread } from '../../stores/threads';
import { useUi } from '../../stores/ui';
import { KeyIcon, RefreshIcon } from './icons';

export function StatusBar() {
  const { t, i18n } = useTranslation();
  const baseUrl = useSettings((s) => s.settings.baseUrl);
  const defaultModel = useSettings((s) => s.settings.model);
  const demo = useSettings((s) => Boolean(s.appInfo?.demo));
  const balance = useSettings((s) => s.balance);
  const keyStatus = useSettings((s) => s.keyStatus);
  const thread = useSelectedThread();
  const openSettings = useUi((s) => s.openSettings);
  const host = hostOf(normalizeBaseUrl(baseUrl)) || baseUrl;

  let keyText = t('status.keyMissing');
  let keyClass = 'status-key missing';
  if (keyStatus?.hasKey) {
    keyClass = keyStatus.backend === 'memory' ? 'status-key warn' : 'status-key ok';
    keyText =
      keyStatus.backend === 'environment'
        ? t('status.keyEnvironment')
        : keyStatus.backend === 'memory'
          ? t('status.keyMemory')
          : `${t('status.keySet')} ${keyStatus.hint ?? ''}`;
    if (keyStatus.originMatches === false) {
      keyClass = 'status-key warn';
      keyText = t('status.keyOtherOrigin');
    }
  } else if (demo) {
    keyText = t('status.demo');
    keyClass = 'status-key ok';
  }

  const balanceText = balance.value
    ? formatBalance(t, i18n.language, balance.value)
    : balance.error
      ? t('settings.balanceUnavailable')
      : '—';

  return (
    <footer className="status-bar">
      <span className="status-item" title={t('status.gateway')}>
        <span className="status-dot" aria-hidden="true" />
        <span className="status-label">{t('status.gateway')}</span>
        <span className="status-value" data-testid="status-gateway">
          {host}
        </span>
      </span>
      <span className="status-item">
        <span className="status-label">{t('status.model')}</span>
        <span className="status-value" data-testid="status-model">
          {thread?.model ?? defaultModel}
        </span>
      </span>
      <span className="status-spacer" />
      <span className="status-item" title={balance.error ? [errorReason(t, balance.error), errorDetail(balance.error)].filter(Boolean).join(' — ') : undefined}>
        <span className="status-label">{t('status.balance')}</span>
        <span className="status-value tabular" data-testid="balance">
          {balanceText}
        </span>
        <button
          type="button"
          className={`icon-btn tiny ${balance.loading ? 'spinning' : ''}`}
          onClick={() => void refreshBalance()}
          aria-label={t('status.refreshBalance')}
          title={t('status.refreshBalance')}
          data-testid="balance-refresh"
        >
          <RefreshIcon size={13} />
        </button>
      </span>
      <button type="button" className={`status-item ${keyClass}`} onClick={() => openSettings(true)} data-testid="status-key">
        <KeyIcon size={13} />
        <span>{keyText}</span>
      </button>
    </footer>
  );
}
