// The composer's compare row: one model select per column (2–4), add and remove, and Compare, which sends
// the composer's text and attachments to every model through the one send path (composer/send.ts).
import { useTranslation } from '../../i18n/use-translation';
import { COMPARE_MAX, COMPARE_MIN, useCompare } from '../../stores/compare';
import { addCompareModel, closeCompareRow, removeCompareModel, setCompareModel } from '../../stores/compare-actions';
import { ModelPicker } from '../chat/ModelPicker';
import { CloseIcon, PlusIcon } from '../shell/icons';

interface Props {
  threadId: string;
  canSend: boolean;
  onSend: () => void;
}

const NO_MODELS: string[] = [];

export function CompareRow({ threadId, canSend, onSend }: Props) {
  const { t } = useTranslation();
  const models = useCompare((s) => s.rows[threadId] ?? NO_MODELS);
  if (models.length === 0) return null;
  return (
    <div className="compare-row" role="group" aria-label={t('compare.rowLabel')}>
      <ol className="compare-picks">
        {models.map((model, i) => (
          <li key={i} className="compare-pick">
            <span className="compare-pick-n" aria-hidden="true">
              {i + 1}
            </span>
            <ModelPicker
              value={model}
              onChange={(m) => setCompareModel(threadId, i, m)}
              testId="compare-model"
              customTestId="compare-model-custom"
              label={t('compare.modelN', { n: i + 1 })}
            />
            {models.length > COMPARE_MIN && (
              <button
                type="button"
                className="icon-btn compare-remove"
                onClick={() => removeCompareModel(threadId, i)}
                aria-label={t('compare.remove', { model })}
                title={t('compare.remove', { model })}
                data-testid="compare-remove"
              >
                <CloseIcon size={13} />
              </button>
            )}
          </li>
        ))}
      </ol>
      {models.length < COMPARE_MAX && (
        <button type="button" className="btn btn-small compare-add" onClick={() => addCompareModel(threadId)} data-testid="compare-add">
          <PlusIcon size={13} />
          <span>{t('compare.add')}</span>
        </button>
      )}
      <span className="compare-row-end">
        <button
          type="button"
          className="btn btn-small btn-primary compare-send"
          onClick={onSend}
          disabled={!canSend}
          title={t('compare.sendHint')}
          data-testid="compare-send"
        >
          {t('compare.send')}
        </button>
        <button
          type="button"
          className="icon-btn"
          onClick={() => closeCompareRow(threadId)}
          aria-label={t('app.dismiss')}
          title={t('app.dismiss')}
          data-testid="compare-row-close"
        >
          <CloseIcon size={14} />
        </button>
      </span>
    </div>
  );
}
