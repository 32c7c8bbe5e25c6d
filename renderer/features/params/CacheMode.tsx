// The prompt-cache setting (shared/cache.ts): per thread in the parameters panel, and its default in
// Settings. Only Anthropic-format requests carry breakpoints; OpenAI format caches by itself, so an
// OpenAI-format thread says that instead of offering a choice.
import { useTranslation } from '../../i18n/use-translation';
import { CacheMode, type Protocol } from '../../../shared/domain';

interface ThreadFieldProps {
  protocol: Protocol;
  /** the thread's own setting; undefined follows the default */
  value: CacheMode | undefined;
  fallback: CacheMode;
  onChange: (value: CacheMode | undefined) => void;
}

export function ThreadCacheField({ protocol, value, fallback, onChange }: ThreadFieldProps) {
  const { t } = useTranslation();
  if (protocol !== 'anthropic-messages') {
    return (
      <div className="field param-field">
        <span className="field-label">{t('params.cache.mode')}</span>
        <span className="field-help">{t('params.cache.openaiAutomatic')}</span>
      </div>
    );
  }
  return (
    <label className="field param-field">
      <span className="field-label">{t('params.cache.mode')}</span>
      <select
        className="select"
        value={value ?? ''}
        onChange={(e) => onChange(e.target.value === '' ? undefined : (e.target.value as CacheMode))}
        data-testid="cache-mode"
      >
        <option value="">{t('params.useDefault', { value: t(`params.cache.modes.${fallback}`) })}</option>
        {CacheMode.options.map((m) => (
          <option key={m} value={m}>
            {t(`params.cache.modes.${m}`)}
          </option>
        ))}
      </select>
      <span className="field-help">{t('params.cache.modeHelp')}</span>
    </label>
  );
}

export function DefaultCacheField({ value, onChange }: { value: CacheMode; onChange: (value: CacheMode) => void }) {
  const { t } = useTranslation();
  return (
    <label className="field narrow">
      <span className="field-label">{t('params.cache.defaultMode')}</span>
      <select className="select" value={value} onChange={(e) => onChange(e.target.value as CacheMode)} data-testid="settings-default-cache-mode">
        {CacheMode.options.map((m) => (
          <option key={m} value={m}>
            {t(`params.cache.modes.${m}`)}
          </option>
        ))}
      </select>
      <span className="field-help">{t('params.cache.defaultModeHelp')}</span>
    </label>
  );
}
