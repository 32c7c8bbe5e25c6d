// Extended thinking for native Anthropic threads: on/off and the token budget (≥ 1024, below the
// answer's max tokens). Thinking text is shown collapsed in the answer and sent back unchanged.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Thread } from '../../../shared/domain';
import { updateThread } from '../../stores/thread-actions';
import { useSettings } from '../../stores/settings';

const MIN_BUDGET = 1024;

export function ThinkingToggle({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const enabled = !!thread.thinking?.enabled;
  const defaultBudget = useSettings((s) => s.settings.thinkingBudget);
  const [budget, setBudget] = useState(String(thread.thinking?.budgetTokens ?? defaultBudget));
  if (thread.protocol !== 'anthropic-messages') return null;
  const save = (on: boolean, raw = budget) => {
    const n = Math.max(MIN_BUDGET, Math.round(Number(raw) || MIN_BUDGET));
    setBudget(String(n));
    void updateThread(thread.id, { thinking: { enabled: on, budgetTokens: n } });
  };
  return (
    <span className="thinking-toggle">
      <label className="check" title={t('header.thinkingHelp')}>
        <input type="checkbox" checked={enabled} onChange={(e) => save(e.target.checked)} data-testid="thinking-toggle" />
        <span>{t('header.thinking')}</span>
      </label>
      {enabled && (
        <input
          className="input input-small tabular"
          type="number"
          min={MIN_BUDGET}
          step={512}
          value={budget}
          aria-label={t('header.thinkingBudget')}
          title={t('header.thinkingBudget')}
          onChange={(e) => setBudget(e.target.value)}
          onBlur={() => save(true)}
          data-testid="thinking-budget"
        />
      )}
    </span>
  );
}
