// Under an answer: its input (every input token, cached ones included, in both protocols), output,
// cache-write and cache-read, and reasoning tokens, and its cost when the model has a price in Settings.
import { useTranslation } from '../../i18n/use-translation';
import { promptTokens } from '../../../shared/cache';
import { priceFor, usageCost } from '../../../shared/cost';
import type { Message } from '../../../shared/domain';
import { useSettings } from '../../stores/settings';
import { formatTokens, formatUsd } from './usage-format';

export function AnswerUsage({ message }: { message: Message }) {
  const { t, i18n } = useTranslation();
  const price = useSettings((s) => priceFor(s.settings.prices, message.model));
  const u = message.usage;
  if (!u || (u.inputTokens === undefined && u.outputTokens === undefined)) return null;
  const n = (v: number | undefined) => formatTokens(i18n.language, v ?? 0);
  return (
    <span
      className="message-usage tabular"
      data-testid="message-usage"
      title={t('params.usageTitle', {
        input: n(promptTokens(u)),
        output: n(u.outputTokens),
        cached: n(u.cacheReadTokens),
        cacheWrite: n(u.cacheWriteTokens),
        reasoning: n(u.reasoningTokens),
      })}
    >
      <span>{t('params.usageIn', { value: n(promptTokens(u)) })}</span>
      <span>{t('params.usageOut', { value: n(u.outputTokens) })}</span>
      {(!!u.cacheReadTokens || !!u.cacheWriteTokens) && (
        <span
          className="usage-cache"
          data-testid="usage-cache"
          data-cache-read={u.cacheReadTokens ?? 0}
          data-cache-write={u.cacheWriteTokens ?? 0}
          title={t('params.cache.answerTitle', { write: n(u.cacheWriteTokens), read: n(u.cacheReadTokens) })}
        >
          {/* OpenAI format reports no writes (its caching is automatic): only reads are shown there. */}
          {!u.cacheInInput && <span>{t('params.usageCacheWrite', { value: n(u.cacheWriteTokens) })}</span>}
          <span>{t('params.usageCached', { value: n(u.cacheReadTokens) })}</span>
        </span>
      )}
      {!!u.reasoningTokens && <span>{t('params.usageReasoning', { value: n(u.reasoningTokens) })}</span>}
      {price && (
        <span className="message-cost" data-testid="message-cost">
          {formatUsd(i18n.language, usageCost(u, price))}
        </span>
      )}
    </span>
  );
}
