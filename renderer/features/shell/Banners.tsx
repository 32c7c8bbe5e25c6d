// Bars above the app: the demo notice (always shown in demo mode, no close button) and the
// browser-mode connection state.
import { useTranslation } from '../../i18n/use-translation';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { AlertIcon, SparkIcon } from './icons';

export function DemoBanner() {
  const { t } = useTranslation();
  const demo = useSettings((s) => Boolean(s.appInfo?.demo));
  if (!demo) return null;
  return (
    <div className="banner banner-demo" role="status" data-testid="demo-banner">
      <SparkIcon />
      <span>{t('app.demoBanner')}</span>
    </div>
  );
}

export function ConnectionBanner() {
  const { t } = useTranslation();
  const connection = useUi((s) => s.connection);
  if (connection === 'open') return null;
  return (
    <div className="banner banner-warn" role="status" data-testid="connection-banner">
      <AlertIcon />
      <span>{connection === 'connecting' ? t('app.connecting') : t('app.offline')}</span>
    </div>
  );
}
