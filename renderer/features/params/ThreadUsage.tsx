// The thread's token totals and cost in the header (every answer, every branch: each was paid for), and
// when its answers touched the prompt cache, the hit rate and what caching saved (shared/cache.ts).
import { useTranslation } from '../../i18n/use-translation';
import type { CacheStats } from '../../../shared/cache';
import { useThreadUsage } from './use-thread-usage';
import { formatTokens, formatUsd } from './usage-format';

export function ThreadUsage({ threadId }: { threadId: string }) {
  const { t, i18n } = useTranslation();
  const { totals, cost, unpriced, answers, cache } = useThreadUsage(threadId);
  if (answers === 0) return null;
  const n = (v: number) => formatTokens(i18n.language, v);
  const title = [
    t('params.threadUsageTitle', { answers }),
    t('params.usageTitle', {
      input: n(cache.promptTokens),
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
    <span className="thread-usage tabular">
      <span className="thread-usage-tokens" title={title} data-testid="thread-usage">
        <span>{t('params.usageIn', { value: n(cache.promptTokens) })}</span>
        <span>{t('params.usageOut', { value: n(totals.outputTokens) })}</span>
        {cost !== null && (
          <span className="thread-cost" data-testid="thread-cost">
            {formatUsd(i18n.language, cost)}
          </span>
        )}
      </span>
      <ThreadCache stats={cache} />
    </span>
  );
}

function ThreadCache({ stats }: { stats: CacheStats }) {
  const { t, i18n } = useTranslation();
  if (stats.hitRate === null || (stats.cacheReadTokens === 0 && stats.cacheWriteTokens === 0)) return null;
  const n = (v: number) => formatTokens(i18n.language, v);
  const rate = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 }).format(stats.hitRate);
  const saved = stats.saved;
  return (
    <span
      className="thread-cache"
      title={t('params.cache.threadTitle', { read: n(stats.cacheReadTokens), prompt: n(stats.promptTokens), write: n(stats.cacheWriteTokens) })}
      data-testid="thread-cache"
      data-hit-rate={stats.hitRate.toFixed(4)}
    >
      <span>{t('params.cache.hitRate', { rate })}</span>
      {saved !== null && (
        <span className={saved < 0 ? 'thread-cache-lost' : 'thread-cache-saved'} data-testid="thread-cache-saved">
          {saved < 0
            ? t('params.cache.lost', { amount: formatUsd(i18n.language, -saved) })
            : t('params.cache.saved', { amount: formatUsd(i18n.language, saved) })}
        </span>
      )}
    </span>
  );
}
