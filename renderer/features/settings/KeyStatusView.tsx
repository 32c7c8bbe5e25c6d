// What the app knows about the key: only its hint and where it is kept; Remove; and a warning
// when no keychain is reachable (the key lives in memory and is forgotten at exit).
import { useTranslation } from '../../i18n/use-translation';
import type { KeyStatus } from '../../../shared/domain';
import { AlertIcon, KeyIcon } from '../shell/icons';

interface Props {
  status: KeyStatus | null;
  demo: boolean;
  onRemove: () => void;
  removing: boolean;
}

export function KeyStatusView({ status, demo, onRemove, removing }: Props) {
  const { t } = useTranslation();
  const hint = status?.hint ?? '';
  let text = demo ? `${t('settings.keyNone')} · ${t('settings.keyDemo')}` : t('settings.keyNone');
  if (status?.hasKey) {
    text = {
      keychain: t('settings.keyKeychain', { hint }),
      'encrypted-file': t('settings.keyEncryptedFile', { hint }),
      memory: t('settings.keyMemory', { hint }),
      environment: t('settings.keyEnvironment', { hint }),
    }[status.backend];
    if (status.origin) text = `${text} · ${t('settings.keyFor', { origin: status.origin })}`;
  }
  return (
    <>
      <div className={`key-status${status?.hasKey ? ' has-key' : ''}`}>
        <KeyIcon size={14} />
        <span
          data-testid="settings-key-status"
          data-has-key={status?.hasKey ? 'true' : 'false'}
          data-backend={status?.backend}
          data-origin={status?.origin ?? undefined}
          data-origin-matches={status?.hasKey ? String(status.originMatches !== false) : undefined}
        >
          {text}
        </span>
        {status?.hasKey && status.backend !== 'environment' && (
          <button type="button" className="btn btn-small btn-danger-quiet" onClick={onRemove} disabled={removing} data-testid="settings-key-remove">
            {t('settings.removeKey')}
          </button>
        )}
      </div>
      {status?.backend === 'memory' && (
        <div className="callout warn" role="note" data-testid="settings-key-memory-warning">
          <AlertIcon size={14} />
          <span>{t('settings.keyMemoryWarning')}</span>
        </div>
      )}
    </>
  );
}
