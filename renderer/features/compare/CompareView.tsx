// A compare run, shown in place of the thread's messages: the question, then one column per model side by
// side. Keep (in a column) or Back returns to the thread, where the answers are the question's branches.
import { useTranslation } from '../../i18n/use-translation';
import { useCompare } from '../../stores/compare';
import { closeCompare, runActive, stopCompare } from '../../stores/compare-actions';
import { useMessage, useMessages } from '../../stores/messages';
import { renderParts } from '../chat/MessageView';
import { StopIcon } from '../shell/icons';
import { CompareColumn } from './CompareColumn';

export function CompareView({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const run = useCompare((s) => s.runs[threadId]);
  const question = useMessage(run?.questionId ?? '');
  const active = useMessages((s) => runActive(run, s.byId));
  if (!run) return null;
  return (
    <section className="compare-view" aria-label={t('compare.title', { count: run.columns.length })} data-testid="compare-view">
      <header className="compare-head">
        <div className="compare-question" aria-label={t('compare.question')}>
          {question && renderParts(question)}
        </div>
        <div className="compare-head-actions">
          {active && (
            <button type="button" className="btn btn-small" onClick={() => void stopCompare(threadId)} data-testid="compare-stop">
              <StopIcon size={12} />
              <span>{t('compare.stopAll')}</span>
            </button>
          )}
          <button
            type="button"
            className="btn btn-small"
            onClick={() => void closeCompare(threadId)}
            title={t('compare.backHint')}
            data-testid="compare-close"
          >
            {t('compare.back')}
          </button>
        </div>
      </header>
      <div className="compare-columns" data-columns={run.columns.length}>
        {run.columns.map((c) => (
          <CompareColumn key={c.rootId} threadId={threadId} column={c} />
        ))}
      </div>
    </section>
  );
}
