// The open batch in the main pane: its progress, prompt and concurrency, Stop and exports, and the table.
import { useTranslation } from '../../i18n/use-translation';
import type { BatchRowStatus } from '../../../shared/batch';
import { closeBatch, deleteBatch, exportBatch, stopBatch } from '../../stores/batch-actions';
import { useBatches } from '../../stores/batches';
import { CloseIcon, DownloadIcon, StopIcon, TrashIcon } from '../shell/icons';
import { BatchControls } from './BatchControls';
import { BatchTable } from './BatchTable';

const ORDER: readonly BatchRowStatus[] = ['done', 'streaming', 'queued', 'error', 'stopped'];

export function BatchView() {
  const { t } = useTranslation();
  const open = useBatches((s) => s.open);
  if (!open) return <main className="chat-pane batch-pane" aria-busy="true" data-testid="batch-view" />;
  const { batch } = open;
  const c = batch.counts;
  const active = c.queued + c.streaming > 0;
  const pct = batch.total ? Math.round((100 * (c.done + c.error + c.stopped)) / batch.total) : 0;

  return (
    <main className="chat-pane batch-pane" data-testid="batch-view" data-batch-id={batch.id}>
      <header className="batch-head">
        <div className="batch-title">
          <h1>{t('batch.title')}</h1>
          <p>{t('batch.subtitle', { total: batch.total, model: batch.model })}</p>
        </div>
        <div className="batch-actions">
          {active && (
            <button type="button" className="btn btn-danger-quiet" onClick={() => void stopBatch(batch.id)} data-testid="batch-stop">
              <StopIcon size={14} />
              <span>{t('batch.stop')}</span>
            </button>
          )}
          <div className="batch-export" role="group" aria-label={t('batch.export')}>
            <DownloadIcon size={14} />
            <button type="button" className="btn btn-small" title={t('batch.exportCsvHint')} onClick={() => void exportBatch(batch.id, 'csv')} data-testid="batch-export-csv">
              {t('batch.exportCsv')}
            </button>
            <button type="button" className="btn btn-small" title={t('batch.exportMdHint')} onClick={() => void exportBatch(batch.id, 'md')} data-testid="batch-export-md">
              {t('batch.exportMd')}
            </button>
            <button type="button" className="btn btn-small" title={t('batch.exportJsonHint')} onClick={() => void exportBatch(batch.id, 'json')} data-testid="batch-export-json">
              {t('batch.exportJson')}
            </button>
          </div>
          <button type="button" className="icon-btn" onClick={() => void deleteBatch(batch.id)} aria-label={t('batch.delete')} title={t('batch.delete')} data-testid="batch-delete">
            <TrashIcon size={15} />
          </button>
          <button type="button" className="icon-btn" onClick={closeBatch} aria-label={t('batch.close')} title={t('batch.close')} data-testid="batch-close">
            <CloseIcon size={15} />
          </button>
        </div>
      </header>
      <div className="batch-progress" data-testid="batch-progress">
        <div
          className="batch-bar"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={pct}
          aria-label={t('batch.progress', { done: c.done, total: batch.total })}
        >
          {ORDER.map((s) => (c[s] > 0 ? <span key={s} className={`seg ${s}`} style={{ flexGrow: c[s] }} /> : null))}
        </div>
        <ul className="batch-counts">
          {ORDER.map((s) =>
            c[s] > 0 ? (
              <li key={s} className={`count ${s}`}>
                <span className="dot" aria-hidden="true" />
                {t(`batch.counts.${s}`, { count: c[s] })}
              </li>
            ) : null,
          )}
        </ul>
      </div>
      <BatchControls key={batch.id} batch={batch} />
      <BatchTable open={open} />
    </main>
  );
}
