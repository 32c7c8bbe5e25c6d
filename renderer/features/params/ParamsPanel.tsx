// The thread's parameters, under the header: temperature, top_p, max tokens and (OpenAI format)
// reasoning effort. A blank field follows the default in Settings, shown as its placeholder; each
// field is saved when it loses focus or on Enter, and only when valid.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { ReasoningEffort, type Thread, type ThreadParams } from '../../../shared/domain';
import { updateThread } from '../../stores/thread-actions';
import { useSettings } from '../../stores/settings';
import { parseDecimal, parsePositiveInt, RANGES, show } from './param-fields';
import { ThreadCacheField } from './CacheMode';

type Key = 'temperature' | 'topP' | 'maxTokens';

function parseField(key: Key, value: string) {
  return key === 'maxTokens' ? parsePositiveInt(value) : parseDecimal(value, RANGES[key].min, RANGES[key].max);
}

function numberOf(key: Key, value: string): number | null {
  const r = parseField(key, value);
  return r.ok ? r.value : null;
}

export function ParamsPanel({ thread, onClose }: { thread: Thread; onClose: () => void }) {
  const { t } = useTranslation();
  const defaults = useSettings((s) => s.settings);
  const params = thread.params ?? {};
  const [text, setText] = useState(() => ({
    temperature: show(params.temperature),
    topP: show(params.topP),
    maxTokens: show(params.maxTokens),
  }));
  // A stored value changed (this panel saved it, a reset, another window): show it in its own field only,
  // so a field being typed in is never overwritten by another field's save.
  const sync = (key: Key, value: number | undefined) =>
    setText((s) => (parseField(key, s[key]).ok && numberOf(key, s[key]) === (value ?? null) ? s : { ...s, [key]: show(value) }));
  useEffect(() => sync('temperature', params.temperature), [thread.id, params.temperature]);
  useEffect(() => sync('topP', params.topP), [thread.id, params.topP]);
  useEffect(() => sync('maxTokens', params.maxTokens), [thread.id, params.maxTokens]);

  const invalid = (key: Key) => !parseField(key, text[key]).ok;

  // What was last asked to be stored: fields saved in quick succession build on each other even before
  // main has answered the first save (each save sends the whole set).
  const latest = useRef<ThreadParams>(params);
  const inFlight = useRef(0);
  useEffect(() => {
    if (inFlight.current === 0) latest.current = thread.params ?? {};
  }, [thread.id, thread.params]);
  const save = (next: ThreadParams) => {
    if (JSON.stringify(next) === JSON.stringify(latest.current)) return;
    latest.current = next;
    inFlight.current++;
    void updateThread(thread.id, { params: next }).finally(() => inFlight.current--);
  };
  const commit = (key: Key) => {
    const r = parseField(key, text[key]);
    if (!r.ok) return;
    const next: ThreadParams = { ...latest.current };
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
                const next: ThreadParams = { ...latest.current };
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
        <ThreadCacheField
          protocol={thread.protocol}
          value={params.cacheMode}
          fallback={defaults.cacheMode}
          onChange={(mode) => {
            const next: ThreadParams = { ...latest.current };
            if (mode === undefined) delete next.cacheMode;
            else next.cacheMode = mode;
            save(next);
          }}
        />
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
