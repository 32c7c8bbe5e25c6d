// A connection profile's own balance (its gateway, its key) and how much it moved this session: each
// profile is its own account, so its number is never the default profile's. Read on request only, so
// opening the editor sends nothing to the profile's gateway.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError, Balance } from '../../../shared/domain';
import { getApi } from '../../api';
import { errorReason } from '../../i18n';
import { formatBalance } from '../../lib/format';
import { SessionMove } from '../params/BalanceSession';
import { RefreshIcon } from '../shell/icons';

export function ProfileBalance({ profileId }: { profileId: string }) {
  const { t, i18n } = useTranslation();
  const [state, setState] = useState<{ loading: boolean; value: Balance | null; error: AppError | null }>({ loading: false, value: null, error: null });
  const load = async () => {
    setState((s) => ({ ...s, loading: true }));
    const res = await getApi()['gateway.balance']({ profileId });
    setState(res.ok ? { loading: false, value: res.value, error: null } : { loading: false, value: null, error: res.error });
  };
  return (
    <div className="profile-balance" title={t('params.profileBalanceHelp')}>
      <button
        type="button"
        className={`btn btn-small${state.loading ? ' spinning' : ''}`}
        disabled={state.loading}
        onClick={() => void load()}
        data-testid="profile-balance-refresh"
      >
        <RefreshIcon size={13} />
        <span>{t('params.profileBalance')}</span>
      </button>
      {state.value ? (
        <span className="tabular" role="status" data-testid="profile-balance">
          {t('params.profileBalanceValue', { amount: formatBalance(t, i18n.language, state.value) })}
        </span>
      ) : state.error ? (
        <span className="field-help error" role="status" data-testid="profile-balance">
          {errorReason(t, state.error)}
        </span>
      ) : null}
      <SessionMove balance={state.value} testId="profile-balance-session" />
    </div>
  );
}
