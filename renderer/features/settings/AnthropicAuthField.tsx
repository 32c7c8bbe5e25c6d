// How the key is sent on native Anthropic requests: the gateway documents Bearer; Anthropic's own
// API wants x-api-key. Applied at once, like the other preferences.
import { useTranslation } from '../../i18n/use-translation';
import { AnthropicAuth } from '../../../shared/domain';
import { updateSettings } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';

export function AnthropicAuthField() {
  const { t } = useTranslation();
  const value = useSettings((s) => s.settings.anthropicAuth);
  const notify = useUi((s) => s.showNotice);
  return (
    <label className="field">
      <span className="field-label">{t('settings.anthropicAuth')}</span>
      <select
        className="select"
        value={value}
        onChange={(e) =>
          void updateSettings({ anthropicAuth: e.target.value as AnthropicAuth }).then((r) => {
            if (!r.ok) notify(r.error);
          })
        }
        data-testid="settings-anthropic-auth"
      >
        {AnthropicAuth.options.map((a) => (
          <option key={a} value={a}>
            {t(`settings.anthropicAuths.${a}`)}
          </option>
        ))}
      </select>
      <span className="field-help">{t('settings.anthropicAuthHelp')}</span>
    </label>
  );
}
