// The thread's parameters, under the header: temperature, top_p, max tokens and (OpenAI format)
// reasoning effort. A blank field follows the default in Settings, shown as its placeholder; each
// field is saved when it loses focus or on Enter, and only when valid.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ReasoningEffort, type Thread, type ThreadParams } from '../../../shared/domain';
import { updateThread } from '../../stores/thread-actions';
import { useSettings } from '../../stores/settings';
import { parseDecimal, parsePositiveInt, RANGES, show } from './param-fields';

type Key = 'temperature' | 'topP' | 'maxTokens';

export function ParamsPanel({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const { t } = useTranslation();
  const defaults = useSettings((s) => s.settings);
  const params = thread.params ?? {};
  const initial = () => ({
    temperature: show(params.temperature),
    topP: show(params.topP),
    maxTokens: show(params.maxTokens),
  });
  const [text, setText] = useState(initial);
  // Another window, or a reset, changed the stored values: show them.
  useEffect(() => setText(initial()), [thread.id, params.temperature, params.topP, params.maxTokens]);

  const parse = (key: Key, value: string) =>
    key === 'maxTokens' ? parsePositiveInt(value) : parseDecimal(value, RANGES[key].min, RANGES[key].max);
  const invalid = (key: Key) => !parse(key, text[key]).ok;

  const save = (next: ThreadParams) => {
    const same = JSON.stringify(next) === JSON.stringify(params);
    if (!same) void updateThread(thread.id, { params: next });
  };
  const commit = (key: Key) => {
    const r = parse(key, text[key]);
    if (!r.ok) return;
    const next: ThreadParams = { ...params };
    if (r.value === null) delete next[key];
    else next[key] = r.value;
    save(next);
  };
  const placeholder = (v: number | null) => t('params.useDefault', { value: v === null ? t('params.notSent') : String(v) });

  const field = (key: Key, label: string, help: string, def: number | null, testId: string) => (
    <label className="field param-field">
      <span className="field-label">{label}</span>
      <input
        className={`input tabular${invalid(key) ? ' invalid' : ''}`}
        inputMode={key === 'maxTokens' ? 'numeric' : 'decimal'}
        value={text[key]}
        placeholder={placeholder(def)}
        aria-invalid={invalid(key)}
        onChange={(e) => setText((s) => ({ ...s, [key]: e.target.value }))}
        onBlur={() => commit(key)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') commit(key);
          if (e.key === 'Escape') onClose();
        }}
        data-testid={testId}
      />
      <span className={`field-help${invalid(key) ? ' error' : ''}`}>
        {invalid(key)
          ? key === 'maxTokens'
            ? t('params.invalidInteger')
            : t('params.invalidRange', RANGES[key as 'temperature' | 'topP'])
          : help}
      </span>
    </label>
  );

  return (
    <div className="params-panel" role="group" aria-label={t('params.title')} data-testid="params-panel">
      <div className="params-grid">
        {field('temperature', t('params.temperature'), t('params.temperatureHelp'), defaults.temperature, 'param-temperature')}
        {field('topP', t('params.topP'), t('params.topPHelp'), defaults.topP, 'param-top-p')}
        {field('maxTokens', t('params.maxTokens'), t('params.maxTokensHelp'), defaults.maxTokens, 'param-max-tokens')}
        {thread.protocol === 'openai-chat' && (
          <label className="field param-field">
            <span className="field-label">{t('params.reasoningEffort')}</span>
            <select
              className="select"
              value={params.reasoningEffort ?? ''}
              onChange={(e) => {
                const next: ThreadParams = { ...params };
                if (e.target.value === '') delete next.reasoningEffort;
                else next.reasoningEffort = e.target.value as ReasoningEffort;
                save(next);
              }}
              data-testid="param-reasoning-effort"
            >
              <option value="">
                {t('params.useDefault', {
                  value: defaults.reasoningEffort ? t(`params.efforts.${defaults.reasoningEffort}`) : t('params.notSent'),
                })}
              </option>
              {ReasoningEffort.options.map((e) => (
                <option key={e} value={e}>
                  {t(`params.efforts.${e}`)}
                </option>
              ))}
            </select>
            <span className="field-help">{t('params.reasoningEffortHelp')}</span>
          </label>
        )}
      </div>
      <div className="params-foot">
        <span className="field-help">{t('params.rejectedHint')}</span>
        <button
          type="button"
          className="btn btn-small"
          disabled={Object.keys(params).length === 0}
          onClick={() => save({})}
          data-testid="param-reset"
        >
          {t('params.reset')}
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          {t('params.close')}
        </button>
      </div>
    </div>
  );
}
