// The batch's prompt template (with presets in the UI language) and how many requests run at once.
// Both are stored with the batch; the next batch starts from them.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { BATCH_MAX_CONCURRENCY, type Batch } from '../../../shared/batch';
import { updateBatch } from '../../stores/batch-actions';
import { describePrompt } from '../attachments/messages';

type Preset = 'describe' | 'alt' | 'detailed';
const PRESETS: readonly Preset[] = ['describe', 'alt', 'detailed'];

export function BatchControls({ batch }: { batch: Batch }) {
  const { t } = useTranslation();
  const [prompt, setPrompt] = useState(batch.prompt);
  const texts: Record<Preset, string> = {
    describe: describePrompt(t),
    alt: t('batch.presetText.alt'),
    detailed: t('batch.presetText.detailed'),
  };
  const preset = PRESETS.find((p) => texts[p] === prompt) ?? '';
  const save = (next: string) => {
    if (next.trim() && next !== batch.prompt) void updateBatch(batch.id, { prompt: next });
  };

  return (
    <section className="batch-controls">
      <div className="batch-prompt-field">
        <div className="batch-label-row">
          <label htmlFor="batch-prompt">{t('batch.prompt')}</label>
          <select
            className="select select-quiet"
            aria-label={t('batch.preset')}
            value={preset}
            onChange={(e) => {
              const p = e.target.value as Preset | '';
              if (!p) return;
              setPrompt(texts[p]);
              save(texts[p]);
            }}
            data-testid="batch-preset"
          >
            <option value="">{t('batch.presetCustom')}</option>
            {PRESETS.map((p) => (
              <option key={p} value={p}>
                {t(`batch.presets.${p}`)}
              </option>
            ))}
          </select>
        </div>
        <textarea
          id="batch-prompt"
          className="input batch-prompt"
          rows={2}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          onBlur={() => save(prompt)}
          aria-describedby="batch-prompt-hint"
          data-testid="batch-prompt"
        />
        <small id="batch-prompt-hint">{t('batch.promptHint')}</small>
      </div>
      <div className="batch-concurrency-field">
        <label htmlFor="batch-concurrency">{t('batch.concurrency')}</label>
        <input
          id="batch-concurrency"
          className="input"
          type="number"
          min={1}
          max={BATCH_MAX_CONCURRENCY}
          value={batch.concurrency}
          title={t('batch.concurrencyHint')}
          onChange={(e) => {
            const n = Math.round(Number(e.target.value));
            if (n >= 1 && n <= BATCH_MAX_CONCURRENCY) void updateBatch(batch.id, { concurrency: n });
          }}
          data-testid="batch-concurrency"
        />
      </div>
    </section>
  );
}
