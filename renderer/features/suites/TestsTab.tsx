// The playground's Tests tab: the thread's suite — save the thread as a case, edit each case's assertions,
// pick the models, run the matrix (filled live), import and export the suite file.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Thread } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import {
  clearSuiteError,
  editCase,
  exportSuite,
  importSuite,
  loadSuite,
  removeCase,
  runSuite,
  saveCaseFromThread,
  setRunModels,
} from '../../stores/suite-actions';
import { useSuiteEntry, useSuites } from '../../stores/suites';
import { downloadText, readFileText } from '../playground/lib';
import { ChevronIcon, DownloadIcon, PlayIcon, PlusIcon, TrashIcon, UploadIcon } from '../shell/icons';
import { AssertionEditor } from './AssertionEditor';
import { Matrix } from './Matrix';

function ModelPicker({ threadId, all, chosen }: { threadId: string; all: string[]; chosen: string[] }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = () => {
    const m = draft.trim();
    if (!m) return;
    setRunModels(threadId, [...new Set([...chosen, m])]);
    setDraft('');
  };
  const options = [...new Set([...all, ...chosen])];
  return (
    <fieldset className="ts-models">
      <legend className="ts-legend">{t('suites.models')}</legend>
      <div className="ts-model-list">
        {options.map((m) => (
          <label key={m} className={`ts-model${chosen.includes(m) ? ' on' : ''}`}>
            <input
              type="checkbox"
              checked={chosen.includes(m)}
              onChange={(e) => setRunModels(threadId, e.target.checked ? [...chosen, m] : chosen.filter((x) => x !== m))}
            />
            <span className="mono">{m}</span>
          </label>
        ))}
        <span className="ts-model-add">
          <input
            className="input mono ts-input"
            value={draft}
            aria-label={t('suites.addModelLabel')}
            placeholder={t('suites.addModel')}
            spellCheck={false}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={(e) => e.key === 'Enter' && (e.preventDefault(), add())}
          />
          <button type="button" className="icon-btn" onClick={add} disabled={!draft.trim()} aria-label={t('suites.addModel')} title={t('suites.addModel')}>
            <PlusIcon size={13} />
          </button>
        </span>
      </div>
    </fieldset>
  );
}

export function TestsTab({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const entry = useSuiteEntry(thread.id);
  const file = useRef<HTMLInputElement>(null);
  useEffect(() => {
    void loadSuite(thread.id);
  }, [thread.id]);

  const { suite, run, error, busy, openCase } = entry;
  const toolNames = suite?.tools.map((x) => x.name) ?? [];
  const chosen = entry.models ?? suite?.models ?? [thread.model];
  const allModels = [...new Set([...(suite?.models ?? []), thread.model, ...(run?.models ?? [])])];
  const running = run?.cells.some((c) => c.status === 'queued' || c.status === 'running') ?? false;
  const cellCount = (suite?.cases.length ?? 0) * chosen.length;

  const doExport = async () => {
    const f = await exportSuite(thread.id);
    if (f) downloadText(f.fileName, f.json);
  };

  return (
    <div className="pg-scroll ts-tab">
      <section className="pg-section">
        <div className="ts-toolbar">
          <button type="button" className="btn btn-small btn-primary" disabled={busy} onClick={() => void saveCaseFromThread(thread.id)} data-testid="test-save-case" title={t('suites.saveCaseHint')}>
            <PlusIcon size={13} />
            <span>{t('suites.saveCase')}</span>
          </button>
          <span className="ts-toolbar-gap" />
          <button type="button" className="btn btn-small" onClick={() => file.current?.click()} data-testid="suite-import">
            <UploadIcon size={13} />
            <span>{t('suites.import')}</span>
          </button>
          <input
            ref={file}
            type="file"
            accept="application/json,.json"
            hidden
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void readFileText(f).then((text) => importSuite(thread.id, text));
            }}
          />
          <button type="button" className="btn btn-small" onClick={() => void doExport()} disabled={!suite} data-testid="suite-export">
            <DownloadIcon size={13} />
            <span>{t('suites.export')}</span>
          </button>
        </div>
        {error && (
          <p className="pg-local-error ts-error" role="alert">
            <strong>{errorReason(t, error)}</strong> {errorDetail(error)}
            <button type="button" className="ts-error-close" onClick={() => clearSuiteError(thread.id)} aria-label={t('app.dismiss')}>
              ×
            </button>
          </p>
        )}
      </section>

      <section className="pg-section">
        <ModelPicker threadId={thread.id} all={allModels} chosen={chosen} />
        <div className="ts-run-row">
          <button
            type="button"
            className="btn btn-primary"
            disabled={busy || running || !suite || suite.cases.length === 0 || chosen.length === 0}
            onClick={() => void runSuite(thread.id)}
            aria-label={t('suites.runLabel', { count: cellCount })}
            data-testid="test-run"
          >
            <PlayIcon size={13} />
            <span>{running ? t('suites.running') : t('suites.run')}</span>
          </button>
          <span className="pg-label-hint mono">{t('suites.cliHint')}</span>
        </div>
      </section>

      <section className="pg-section">
        <div className="pg-section-head">
          <h3>{t('suites.results')}</h3>
        </div>
        {run && suite ? <Matrix run={run} suite={suite} threadId={thread.id} /> : <p className="pg-empty">{t('suites.notRun')}</p>}
      </section>
      <section className="pg-section">
        <div className="pg-section-head">
          <h3>
            {t('suites.cases')} <span className="ts-count">{suite?.cases.length ?? 0}</span>
          </h3>
        </div>
        {suite && suite.cases.length === 0 && <p className="pg-empty">{t('suites.noCases')}</p>}
        <ul className="ts-cases">
          {suite?.cases.map((c) => {
            const open = openCase === c.name;
            return (
              <li key={c.name} className={`ts-case${open ? ' open' : ''}`} data-testid="test-case" data-case-name={c.name}>
                <div className="ts-case-row">
                  <button
                    type="button"
                    className="ts-case-toggle"
                    aria-expanded={open}
                    aria-label={t('suites.editAssertions', { name: c.name })}
                    onClick={() => useSuites.getState().patch(thread.id, { openCase: open ? null : c.name })}
                  >
                    <ChevronIcon size={12} />
                    <span className="ts-case-title">{c.name}</span>
                    <span className="ts-case-count">
                      {t('suites.assertions')} · {c.expect.length}
                    </span>
                  </button>
                  <button type="button" className="icon-btn" onClick={() => void removeCase(thread.id, c.name)} aria-label={t('suites.removeCase')} title={t('suites.removeCase')}>
                    <TrashIcon size={13} />
                  </button>
                </div>
                {open && (
                  <div className="ts-case-body">
                    <p className="ts-case-messages">{c.messages.map((m) => (typeof m === 'string' ? m : '…')).join(' · ')}</p>
                    <AssertionEditor list={c.expect} tools={toolNames} onChange={(next) => void editCase(thread.id, c.name, next)} />
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </section>

    </div>
  );
}
