// The header's compact summary of the parameters a thread sends (its own over the defaults); a
// click opens the panel. Values the thread sets itself are shown in full colour.
import { useTranslation } from '../../i18n/use-translation';
import type { Thread } from '../../../shared/domain';
import { effectiveParams } from '../../../shared/params';
import { effectiveCacheMode } from '../../../shared/cache';
import { useSettings } from '../../stores/settings';
import { ChevronIcon } from '../shell/icons';

export function ParamsButton({ thread, open, onToggle }: { thread: Thread; open: boolean; onToggle: () => void }) {
  const { t, i18n } = useTranslation();
  const settings = useSettings((s) => s.settings);
  const eff = effectiveParams(thread, settings);
  const own = thread.params ?? {};
  const num = (n: number) => new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2 }).format(n);
  const bits: Array<{ key: string; text: string; own: boolean }> = [];
  if (eff.temperature !== undefined) bits.push({ key: 't', text: t('params.summaryTemperature', { value: num(eff.temperature) }), own: own.temperature !== undefined });
  if (eff.topP !== undefined) bits.push({ key: 'p', text: t('params.summaryTopP', { value: num(eff.topP) }), own: own.topP !== undefined });
  bits.push({ key: 'm', text: t('params.summaryMaxTokens', { value: num(eff.maxTokens) }), own: own.maxTokens !== undefined });
  if (thread.protocol === 'openai-chat' && eff.reasoningEffort)
    bits.push({ key: 'e', text: t('params.summaryEffort', { value: t(`params.efforts.${eff.reasoningEffort}`) }), own: own.reasoningEffort !== undefined });
  const cacheMode = effectiveCacheMode(thread, settings);
  if (thread.protocol === 'anthropic-messages' && cacheMode !== 'off')
    bits.push({ key: 'c', text: t('params.cache.summary', { value: t(`params.cache.summaryModes.${cacheMode}`) }), own: own.cacheMode !== undefined });
  return (
    <button
      type="button"
      className={`btn btn-small btn-ghost params-toggle${open ? ' open' : ''}`}
      aria-expanded={open}
      title={t('params.buttonHelp')}
      onClick={onToggle}
      data-testid="thread-params"
    >
      <ChevronIcon size={14} className="disclosure" />
      <span>{t('params.button')}</span>
      <span className="params-summary tabular">
        {bits.map((b) => (
          <span key={b.key} className={b.own ? 'own' : undefined}>
            {b.text}
          </span>
        ))}
      </span>
    </button>
  );
}
