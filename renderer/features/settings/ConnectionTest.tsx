// "Test connection": saves pending changes first (the test uses what is stored), then asks the
// gateway for its models and says how many, or why it failed.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import { testConnection } from '../../stores/settings-actions';
import { AlertIcon, CheckIcon } from '../shell/icons';

type TestState = { kind: 'idle' } | { kind: 'testing' } | { kind: 'ok'; count: number } | { kind: 'error'; error: AppError };

export function ConnectionTest({ beforeTest, disabled }: { beforeTest: () => Promise<boolean>; disabled: boolean }) {
  const { t } = useTranslation();
  const [state, setState] = useState<TestState>({ kind: 'idle' });
  const run = async () => {
    setState({ kind: 'testing' });
    if (!(await beforeTest())) {
      setState({ kind: 'idle' });
      return;
    }
    const res = await testConnection();
    setState(res.ok ? { kind: 'ok', count: res.value.modelCount } : { kind: 'error', error: res.error });
  };
  return (
    <div className="connection-test">
      <button
        type="button"
        className="btn"
        onClick={() => void run()}
        disabled={disabled || state.kind === 'testing'}
        data-testid="settings-test-connection"
      >
        {state.kind === 'testing' ? t('settings.testing') : t('settings.test')}
      </button>
      {(state.kind === 'ok' || state.kind === 'error') && (
        <div
          className={`connection-result ${state.kind}`}
          role="status"
          data-testid="settings-connection-result"
          data-ok={state.kind === 'ok' ? 'true' : 'false'}
          data-error-code={state.kind === 'error' ? state.error.code : undefined}
        >
          {state.kind === 'ok' ? <CheckIcon size={14} /> : <AlertIcon size={14} />}
          {state.kind === 'ok' ? (
            <span>{t('settings.connected', { count: state.count })}</span>
          ) : (
            <span>
              <strong>{errorReason(t, state.error)}</strong>
              {errorDetail(state.error) && <small>{errorDetail(state.error)}</small>}
            </span>
          )}
        </div>
      )}
    </div>
  );
}
