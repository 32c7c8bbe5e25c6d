// The Batches list in the sidebar: every stored batch, newest first, with its progress; opens the table.
import { useTranslation } from '../../i18n/use-translation';
import { openBatch } from '../../stores/batch-actions';
import { useBatches } from '../../stores/batches';
import { ImageIcon } from '../shell/icons';

export function BatchList() {
  const { t } = useTranslation();
  const list = useBatches((s) => s.list);
  const openId = useBatches((s) => s.openId);
  if (list.length === 0) return null;
  return (
    <nav className="batch-list" aria-label={t('batch.listLabel')}>
      <h2 className="batch-list-title">{t('batch.listLabel')}</h2>
      <ul>
        {list.map((b) => {
          const running = b.counts.queued + b.counts.streaming > 0;
          return (
            <li key={b.id}>
              <button
                type="button"
                className={`batch-item${openId === b.id ? ' active' : ''}`}
                aria-current={openId === b.id ? 'page' : undefined}
                onClick={() => void openBatch(b.id)}
                data-testid="batch-item"
                data-batch-id={b.id}
              >
                <ImageIcon size={14} />
                <span className="batch-item-name">
                  {b.total > 1 ? t('batch.untitled', { name: b.title, more: b.total - 1 }) : t('batch.single', { name: b.title })}
                </span>
                <span className={`batch-item-count${running ? ' running' : ''}`}>{t('batch.listSummary', { done: b.counts.done, total: b.total })}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
