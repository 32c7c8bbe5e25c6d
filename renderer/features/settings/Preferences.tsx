// Language and theme: applied as soon as they are picked (settings.update), no Save needed.
import { useTranslation } from '../../i18n/use-translation';
import type { Settings } from '../../../shared/domain';
import { updateSettings } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';

const LOCALES: Settings['locale'][] = ['system', 'zh-CN', 'en'];
const THEMES: Settings['theme'][] = ['system', 'light', 'dark'];

export function Preferences() {
  const { t } = useTranslation();
  const locale = useSettings((s) => s.settings.locale);
  const theme = useSettings((s) => s.settings.theme);
  const notify = useUi((s) => s.showNotice);
  const apply = async (patch: Partial<Settings>) => {
    const res = await updateSettings(patch);
    if (!res.ok) notify(res.error);
  };
  return (
    <div className="field-row two">
      <label className="field">
        <span className="field-label">{t('settings.language')}</span>
        <select
          className="select"
          value={locale}
          onChange={(e) => void apply({ locale: e.target.value as Settings['locale'] })}
          data-testid="settings-language"
        >
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {t(`settings.languages.${l}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span className="field-label">{t('settings.theme')}</span>
        <select
          className="select"
          value={theme}
          onChange={(e) => void apply({ theme: e.target.value as Settings['theme'] })}
          data-testid="settings-theme"
        >
          {THEMES.map((th) => (
            <option key={th} value={th}>
              {t(`settings.themes.${th}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
