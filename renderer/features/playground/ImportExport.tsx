// Import a tool set (a file, or pasted JSON: ours, or Anthropic / OpenAI tool lists — main reads
// them) and export this thread's set as a .json download.
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError } from '../../../shared/domain';
import { getApi } from '../../api';
import { errorDetail, errorReason } from '../../i18n';
import { flushPlayground, replaceToolSet } from '../../stores/playground';
import { useUi } from '../../stores/ui';
import { downloadText, readFileText } from './lib';

export function ImportExport({ threadId, threadTitle }: { threadId: string; threadTitle: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [warnings, setWarnings] = useState<string[]>([]);
  const [done, setDone] = useState<number | null>(null);
  const file = useRef<HTMLInputElement>(null);

  const run = async (json: string) => {
    setBusy(true);
    setError(null);
    setWarnings([]);
    setDone(null);
    const res = await getApi()['playground.import']({ json });
    setBusy(false);
    if (!res.ok) {
      setError(res.error);
      return;
    }
    replaceToolSet(threadId, res.value.toolSet);
    setWarnings(res.value.warnings);
    setDone(res.value.toolSet.tools.length);
    setText('');
    if (res.value.warnings.length === 0) setOpen(false);
  };

  const exportSet = async () => {
    await flushPlayground(threadId);
    const res = await getApi()['playground.export']({ threadId });
    if (!res.ok) {
      useUi.getState().showNotice(res.error);
      return;
    }
    const slug = threadTitle.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'playground';
    downloadText(`${slug}.tools.json`, res.value.json);
  };

  return (
    <div className="pg-io">
      <div className="pg-io-row">
        <button
          type="button"
          className={`btn btn-small${open ? ' active' : ''}`}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="playground-import"
        >
          {t('playground.io.import')}
        </button>
        <button type="button" className="btn btn-small" onClick={() => void exportSet()} data-testid="playground-export">
          {t('playground.io.export')}
        </button>
        {done !== null && !open && <span className="pg-io-done">{t('playground.io.imported', { count: done })}</span>}
      </div>
      {open && (
        <div className="pg-io-box">
          <textarea
            className="input mono pg-io-text"
            rows={5}
            value={text}
            spellCheck={false}
            placeholder={t('playground.io.pastePlaceholder')}
            aria-label={t('playground.io.paste')}
            onChange={(e) => setText(e.target.value)}
            data-testid="playground-import-text"
          />
          <div className="pg-io-row">
            <button
              type="button"
              className="btn btn-small btn-primary"
              disabled={busy || !text.trim()}
              onClick={() => void run(text)}
              data-testid="playground-import-apply"
            >
              {t('playground.io.importPasted')}
            </button>
            <button type="button" className="btn btn-small" disabled={busy} onClick={() => file.current?.click()}>
              {t('playground.io.chooseFile')}
            </button>
            <input
              ref={file}
              type="file"
              accept="application/json,.json"
              hidden
              onChange={(e) => {
                const f = e.target.files?.[0];
                e.target.value = '';
                if (f) void readFileText(f).then(run);
              }}
              data-testid="playground-import-file"
            />
            <span className="pg-label-hint">{t('playground.io.replaces')}</span>
          </div>
          {error && (
            <p className="pg-local-error" role="alert">
              <strong>{errorReason(t, error)}</strong> {errorDetail(error)}
            </p>
          )}
          {warnings.length > 0 && (
            <ul className="pg-io-warnings">
              {warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
