// Beside a balance in Settings: how much it moved since this run of the app first read it, per account
// (the default profile's here, each other profile's in its editor: ProfileBalance.tsx).
import { useTranslation } from '../../i18n/use-translation';
import type { Balance } from '../../../shared/domain';
import { useSettings } from '../../stores/settings';

export function BalanceSession() {
  const balance = useSettings((s) => s.balance.value);
  return <SessionMove balance={balance} testId="settings-balance-session" />;
}

/** How far `balance` moved since its account's first reading this run (main keeps one per profile and key). */
export function SessionMove({ balance, testId }: { balance: Balance | null | undefined; testId: string }) {
  const { t, i18n } = useTranslation();
  if (!balance || balance.remaining === null || balance.sessionStart === null || balance.sessionStart === undefined) return null;
  const moved = balance.remaining - balance.sessionStart;
  // Balances are in the site's display unit, shown with two decimals like the balance itself.
  const amount = new Intl.NumberFormat(i18n.language, {
    minimumFractionDigits: 2,
    maximumFractionDigits: 4,
    signDisplay: 'exceptZero',
  }).format(moved);
  return (
    <small className="muted tabular" title={t('params.balanceSessionHelp')} data-testid={testId}>
      {t('params.balanceSession', { amount })}
    </small>
  );
}
