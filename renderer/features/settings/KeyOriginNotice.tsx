// Shown when the base URL now points at another origin than the key was saved for: main sends the key
// nowhere else until it is entered again (the key field right below) or, in Electron, the user confirms
// in main's own dialog.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { KeyStatus } from '../../../shared/domain';
import { confirmKeyMove } from '../../stores/settings-actions';
import { useUi } from '../../stores/ui';
import { AlertIcon } from '../shell/icons';

interface Props {
  status: KeyStatus;
  /** the origin the base URL points at now */
  target: string;
  /** Electron: main owns a native dialog that may confirm the move */
  canConfirm: boolean;
}

export function KeyOriginNotice({ status, target, canConfirm }: Props) {
  const { t } = useTranslation();
  const notify = useUi((s) => s.showNotice);
  const [asking, setAsking] = useState(false);
  const saved = status.origin ?? '';
  const onConfirm = async () => {
    setAsking(true);
    const res = await confirmKeyMove();
    setAsking(false);
    if (!res.ok) notify(res.error);
  };
  return (
    <div className="callout warn key-origin-notice" role="alert" data-testid="settings-key-origin-notice" data-saved-origin={saved}>
      <AlertIcon size={14} />
      <div>
        <strong>{t('settings.keyOriginTitle', { target })}</strong>
        <div>{t(canConfirm ? 'settings.keyOriginBodyConfirm' : 'settings.keyOriginBody', { saved, target })}</div>
        {canConfirm && (
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void onConfirm()}
            disabled={asking}
            data-testid="settings-key-origin-confirm"
          >
            {t('settings.keyOriginConfirm', { target })}
          </button>
        )}
      </div>
    </div>
  );
}
