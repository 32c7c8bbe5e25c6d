// The thread's token totals and cost in the header (every answer, every branch: each was paid for).
import { useTranslation } from 'react-i18next';
import { useThreadUsage } from './use-thread-usage';
import { formatTokens, formatUsd } from './usage-format';

export function ThreadUsage({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const { totals, cost, unpriced, answers } = useThreadUsage(threadId);
  if (answers === 0) return null;
  const n = (v: number) => formatTokens(i18n.language, v);
  const title = [
    t('params.threadUsageTitle', { answers }),
    t('params.usageTitle', {
      input: n(totals.inputTokens),
      output: n(totals.outputTokens),
      cached: n(totals.cacheReadTokens),
      cacheWrite: n(totals.cacheWriteTokens),
      reasoning: n(totals.reasoningTokens),
    }),
    unpriced > 0 ? t('params.threadUsageUnpriced', { count: unpriced }) : '',
  ]
    .filter(Boolean)
    .join('\n');
  return (
    <span className="thread-usage tabular" title={title} data-testid="thread-usage">
      <span>{t('params.usageIn', { value: n(totals.inputTokens) })}</span>
      <span>{t('params.usageOut', { value: n(totals.outputTokens) })}</span>
      {cost !== null && (
        <span className="thread-cost" data-testid="thread-cost">
          {formatUsd(i18n.language, cost)}
        </span>
      )}
    </span>
  );
}
