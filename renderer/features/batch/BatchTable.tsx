// One row per image: thumbnail, file name, the description as it streams, model, tokens, time, status,
// and Retry for rows that failed or were stopped. `batch-row` carries data-status for tests and styling.
import { memo } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { BatchRow as Row } from '../../../shared/batch';
import type { Message } from '../../../shared/domain';
import { errorReason } from '../../i18n';
import { retryRows } from '../../stores/batch-actions';
import type { OpenBatch } from '../../stores/batches';
import { useAttachmentInfo } from '../../stores/attachments';
import { CopyButton } from '../chat/CopyButton';
import { RefreshIcon } from '../shell/icons';

export function BatchTable({ open }: { open: OpenBatch }) {
  const { t } = useTranslation();
  return (
    <div className="batch-table-wrap">
      <table className="batch-table" aria-label={t('batch.tableLabel')}>
        <thead>
          <tr>
            <th scope="col" className="col-img">{t('batch.columns.image')}</th>
            <th scope="col" className="col-file">{t('batch.columns.file')}</th>
            <th scope="col" className="col-desc">{t('batch.columns.description')}</th>
            <th scope="col" className="col-model">{t('batch.columns.model')}</th>
            <th scope="col" className="col-num">{t('batch.columns.tokens')}</th>
            <th scope="col" className="col-num">{t('batch.columns.time')}</th>
            <th scope="col" className="col-status">{t('batch.columns.status')}</th>
          </tr>
        </thead>
        <tbody>
          {open.rows.map((r) => (
            <BatchRowView key={r.id} row={r} message={r.messageId ? open.messages[r.messageId] : undefined} batchModel={open.batch.model} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

const BatchRowView = memo(function BatchRowView({ row, message, batchModel }: { row: Row; message?: Message; batchModel: string }) {
  const { t, i18n } = useTranslation();
  const info = useAttachmentInfo(row.attachmentId);
  const text = message ? message.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('') : '';
  const error = message?.error ?? row.error;
  const usage = message?.usage;
  const secs = row.startedAt !== null && row.endedAt !== null ? (row.endedAt - row.startedAt) / 1000 : null;
  const nf = new Intl.NumberFormat(i18n.language);
  return (
    <tr className={`batch-row ${row.status}`} data-testid="batch-row" data-status={row.status} data-row-id={row.id}>
      <td className="col-img">
        {info?.thumbnail ? <img src={info.thumbnail} alt="" className="batch-thumb" /> : <span className="batch-thumb empty" aria-hidden="true" />}
      </td>
      <td className="col-file">
        <span className="batch-file" title={row.name}>
          {row.name}
        </span>
      </td>
      <td className="col-desc">
        {text ? (
          <div className="batch-desc-cell">
            <p className="batch-desc" data-testid="batch-description">
              {text}
              {row.status === 'streaming' && <span className="batch-caret" aria-hidden="true" />}
            </p>
            {row.status !== 'streaming' && <CopyButton getText={() => text} label={t('batch.copyRow', { name: row.name })} testId="batch-copy" />}
          </div>
        ) : row.status === 'streaming' ? (
          <span className="batch-skeleton" aria-hidden="true" />
        ) : null}
        {error && row.status === 'error' && (
          <p className="batch-error" data-testid="batch-error">
            {errorReason(t, error)}
          </p>
        )}
      </td>
      <td className="col-model">{message?.model ?? batchModel}</td>
      <td className="col-num">
        {usage?.inputTokens !== undefined || usage?.outputTokens !== undefined
          ? t('batch.tokens', { input: nf.format(usage?.inputTokens ?? 0), output: nf.format(usage?.outputTokens ?? 0) })
          : '—'}
      </td>
      <td className="col-num">{secs !== null ? t('batch.seconds', { value: nf.format(Math.round(secs * 10) / 10) }) : '—'}</td>
      <td className="col-status">
        <span className={`batch-status ${row.status}`}>{t(`batch.status.${row.status}`)}</span>
        {(row.status === 'error' || row.status === 'stopped') && (
          <button
            type="button"
            className="btn btn-small batch-retry"
            onClick={() => void retryRows(row.batchId, [row.id])}
            aria-label={t('batch.retryRow', { name: row.name })}
            data-testid="batch-retry"
          >
            <RefreshIcon size={13} />
            <span>{t('batch.retry')}</span>
          </button>
        )}
      </td>
    </tr>
  );
});
