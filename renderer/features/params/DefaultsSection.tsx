// Settings → defaults for threads: temperature, top_p, reasoning effort and the system prompt of new
// threads (max tokens stays in Preferences). Each field is stored when it loses focus, if valid; a
// blank number means "not sent".
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { ReasoningEffort, type Settings } from '../../../shared/domain';
import { updateSettings } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { parseDecimal, parsePositiveInt, RANGES, show } from './param-fields';
import { DefaultCacheField } from './CacheMode';

const MIN_BUDGET = 1024;

export function DefaultsSection() {
  const { t } = useTranslation();
  const saved = useSettings((s) => s.settings);
  const notify = useUi((s) => s.showNotice);
  const [temperature, setTemperature] = useState(show(saved.temperature));
  const [topP, setTopP] = useState(show(saved.topP));
  const [systemPrompt, setSystemPrompt] = useState(saved.systemPrompt);
  const [budget, setBudget] = useState(String(saved.thinkingBudget));
  const apply = async (patch: Partial<Settings>) => {
    const res = await updateSettings(patch);
    if (!res.ok) notify(res.error);
  };
  const tParsed = parseDecimal(temperature, RANGES.temperature.min, RANGES.temperature.max);
  const pParsed = parseDecimal(topP, RANGES.topP.min, RANGES.topP.max);
  const bParsed = parsePositiveInt(budget);
  const budgetOk = bParsed.ok && bParsed.value !== null && bParsed.value >= MIN_BUDGET;

  return (
    <section className="settings-section">
      <h3>{t('params.defaults')}</h3>
      <p className="field-help">{t('params.defaultsHelp')}</p>
      <div className="field-row three">
        <label className="field">
          <span className="field-label">{t('params.temperature')}</span>
          <input
            className={`input tabular${tParsed.ok ? '' : ' invalid'}`}
            inputMode="decimal"
            value={temperature}
            placeholder={t('params.notSent')}
            aria-invalid={!tParsed.ok}
            onChange={(e) => setTemperature(e.target.value)}
            onBlur={() => tParsed.ok && tParsed.value !== saved.temperature && void apply({ temperature: tParsed.value })}
            data-testid="settings-default-temperature"
          />
          {!tParsed.ok && <span className="field-help error">{t('params.invalidRange', RANGES.temperature)}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('params.topP')}</span>
          <input
            className={`input tabular${pParsed.ok ? '' : ' invalid'}`}
            inputMode="decimal"
            value={topP}
            placeholder={t('params.notSent')}
            aria-invalid={!pParsed.ok}
            onChange={(e) => setTopP(e.target.value)}
            onBlur={() => pParsed.ok && pParsed.value !== saved.topP && void apply({ topP: pParsed.value })}
            data-testid="settings-default-top-p"
          />
          {!pParsed.ok && <span className="field-help error">{t('params.invalidRange', RANGES.topP)}</span>}
        </label>
        <label className="field">
          <span className="field-label">{t('params.reasoningEffort')}</span>
          <select
            className="select"
            value={saved.reasoningEffort ?? ''}
            onChange={(e) => void apply({ reasoningEffort: e.target.value === '' ? null : (e.target.value as ReasoningEffort) })}
            data-testid="settings-default-reasoning-effort"
          >
            <option value="">{t('params.notSent')}</option>
            {ReasoningEffort.options.map((e) => (
              <option key={e} value={e}>
                {t(`params.efforts.${e}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <label className="field narrow">
        <span className="field-label">{t('header.thinkingBudget')}</span>
        <input
          className={`input tabular${budgetOk ? '' : ' invalid'}`}
          inputMode="numeric"
          value={budget}
          aria-invalid={!budgetOk}
          onChange={(e) => setBudget(e.target.value)}
          onBlur={() => budgetOk && bParsed.value !== saved.thinkingBudget && void apply({ thinkingBudget: bParsed.value! })}
          data-testid="settings-default-thinking-budget"
        />
        <span className={`field-help${budgetOk ? '' : ' error'}`}>{t('params.thinkingBudgetHelp', { min: MIN_BUDGET })}</span>
      </label>
      <DefaultCacheField value={saved.cacheMode} onChange={(cacheMode) => void apply({ cacheMode })} />
      <label className="field">
        <span className="field-label">{t('params.defaultSystemPrompt')}</span>
        <textarea
          className="input"
          rows={2}
          value={systemPrompt}
          placeholder={t('params.defaultSystemPromptPlaceholder')}
          onChange={(e) => setSystemPrompt(e.target.value)}
          onBlur={() => systemPrompt !== saved.systemPrompt && void apply({ systemPrompt })}
          data-testid="settings-default-system-prompt"
        />
      </label>
    </section>
  );
}
