// Beside the balance in Settings: how much it moved since this run of the app first read it.
import { useTranslation } from 'react-i18next';
import { useSettings } from '../../stores/settings';

export function BalanceSession() {
  const { t, i18n } = useTranslation();
  const balance = useSettings((s) => s.balance.value);
  if (!balance || balance.remaining === null || balance.sessionStart === null || balance.sessionStart === undefined) return null;
  const moved = balance.remaining - balance.sessionStart;
  // Balances are in the site's display unit, shown with two decimals like the balance itself.
  const amount = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
    signDisplay: 'exceptZero',
  }).format(moved);
  return (
    <small className="muted tabular" title={t('params.balanceSessionHelp')} data-testid="settings-balance-session">
      {t('params.balanceSession', { amount })}
    </small>
  );
}
