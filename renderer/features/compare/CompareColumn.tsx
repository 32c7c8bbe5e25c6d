// One column of a compare run: the model, its status, time to first token, total time, tokens and cost,
// the answer as it streams (with the tool loop's steps in the playground), its trace, and Keep.
import { memo } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useShallow } from 'zustand/react/shallow';
import { priceFor, usageCost } from '../../../shared/cost';
import type { AppError, Message } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import { type CompareColumn as Column } from '../../stores/compare';
import { keepColumn } from '../../stores/compare-actions';
import { useMessages } from '../../stores/messages';
import { loopActiveOn } from '../../stores/playground';
import { useSettings } from '../../stores/settings';
import { renderParts } from '../chat/MessageView';
import { formatTokens, formatUsd } from '../params/usage-format';
import { AlertIcon, CheckIcon } from '../shell/icons';
import { TraceOpenButton } from '../traces/TraceOpenButton';

export type ColumnStatus = 'queued' | 'streaming' | 'done' | 'error' | 'stopped';

/** What the column is doing: waiting for its first token, answering, or how its last answer ended. */
export function columnStatus(messages: readonly Message[]): ColumnStatus {
  const answers = messages.filter((m) => m.role === 'assistant');
  if (answers.some(loopActiveOn)) return answers.some((m) => m.parts.length > 0) ? 'streaming' : 'queued';
  const last = answers.at(-1);
  if (!last || last.status === 'done') return 'done';
  return last.status === 'error' || last.status === 'truncated' ? 'error' : 'stopped';
}

function useColumnMessages(ids: readonly string[]): Message[] {
  // A new array on every store change: compared element by element, so only this column's deltas re-render it.
  return useMessages(useShallow((s) => ids.flatMap((id) => (s.byId[id] ? [s.byId[id]!] : []))));
}

function seconds(language: string, ms: number): string {
  return new Intl.NumberFormat(language, { minimumFractionDigits: ms < 10_000 ? 2 : 1, maximumFractionDigits: ms < 10_000 ? 2 : 1 }).format(ms / 1000);
}

export const CompareColumn = memo(function CompareColumn({ threadId, column }: { threadId: string; column: Column }) {
  const { t, i18n } = useTranslation();
  const messages = useColumnMessages(column.ids);
  const price = useSettings((s) => priceFor(s.settings.prices, column.model));
  const status = columnStatus(messages);
  const answers = messages.filter((m) => m.role === 'assistant');
  const input = answers.reduce((n, m) => n + (m.usage?.inputTokens ?? 0), 0);
  const output = answers.reduce((n, m) => n + (m.usage?.outputTokens ?? 0), 0);
  const hasUsage = answers.some((m) => m.usage);
  const cost = price ? answers.reduce((n, m) => n + (m.usage ? usageCost(m.usage, price) : 0), 0) : null;
  const active = status === 'queued' || status === 'streaming';
  const pending = t('compare.pending');
  const ttft = column.firstAt !== null ? t('compare.seconds', { value: seconds(i18n.language, column.firstAt - column.sentAt) }) : pending;
  const total = !active && column.endAt !== null ? t('compare.seconds', { value: seconds(i18n.language, column.endAt - column.sentAt) }) : pending;
  const failed = answers.at(-1);

  return (
    <section
      className={`compare-column status-${status}`}
      aria-label={column.model}
      aria-busy={active}
      data-testid="compare-column"
      data-model={column.model}
      data-status={status}
    >
      <header className="compare-column-head">
        <span className="compare-column-model" title={column.model}>
          {column.model}
        </span>
        <span className="compare-protocol">{t(`header.protocols.${column.protocol}`)}</span>
        <span className={`compare-status status-${status}`} data-testid="compare-status">
          {t(`compare.status.${status}`)}
        </span>
      </header>
      <dl className="compare-stats tabular">
        <div>
          <dt>{t('compare.firstToken')}</dt>
          <dd data-testid="compare-ttft">{ttft}</dd>
        </div>
        <div>
          <dt>{t('compare.total')}</dt>
          <dd data-testid="compare-total">{total}</dd>
        </div>
        <div>
          <dt>{t('compare.tokens')}</dt>
          <dd data-testid="compare-tokens">
            {hasUsage ? t('compare.tokensValue', { input: formatTokens(i18n.language, input), output: formatTokens(i18n.language, output) }) : pending}
          </dd>
        </div>
        <div>
          <dt>{t('compare.cost')}</dt>
          <dd data-testid="compare-cost" title={cost === null ? t('compare.noPrice') : undefined}>
            {cost !== null && hasUsage ? formatUsd(i18n.language, cost) : pending}
          </dd>
        </div>
      </dl>
      {/* Focusable: the answer scrolls, and the keyboard must be able to scroll it too. */}
      <div className="compare-column-body" role="group" tabIndex={0} aria-label={t('compare.answerBy', { model: column.model })}>
        {messages.map((m) => (m.role === 'assistant' ? <ColumnAnswer key={m.id} message={m} /> : null))}
        {status === 'error' && failed && <ColumnError error={failed.error} status={failed.status} />}
      </div>
      <footer className="compare-column-foot">
        <TraceOpenButton messageId={column.rootId} threadId={threadId} />
        <button
          type="button"
          className="btn btn-small compare-keep"
          disabled={active}
          onClick={() => void keepColumn(threadId, column.rootId)}
          title={t('compare.keepHint')}
          data-testid="compare-keep"
        >
          <CheckIcon size={13} />
          <span>{t('compare.keep')}</span>
        </button>
      </footer>
    </section>
  );
});

function ColumnAnswer({ message }: { message: Message }) {
  const content = renderParts(message);
  return (
    <div className="compare-answer" data-testid="message" data-role="assistant" data-status={message.status} data-message-id={message.id}>
      {content}
      {message.status === 'streaming' && content.length === 0 && (
        <span className="typing" aria-hidden="true">
          <i />
          <i />
          <i />
        </span>
      )}
    </div>
  );
}

/** Why the column failed, classified and translated; the other columns go on. */
function ColumnError({ error, status }: { error: AppError | null; status: Message['status'] }) {
  const { t } = useTranslation();
  const shown: AppError = error ?? { code: status === 'truncated' ? 'truncated' : 'unknown', message: '' };
  const detail = [shown.status ? t('errors.httpStatus', { status: shown.status }) : null, errorDetail(shown)].filter(Boolean).join(' · ');
  return (
    <div className="message-error" data-testid="message-error" data-error-code={shown.code}>
      <AlertIcon size={15} className="message-error-icon" />
      <div className="message-error-text">
        <strong>{errorReason(t, shown)}</strong>
        {detail && <small>{detail}</small>}
      </div>
    </div>
  );
}
