// The run's matrix: a row per case, a column per model. Each cell shows its status, the numbers (steps,
// tokens, time, cost), what changed since the last run, and each failed assertion as expected vs actual;
// the cell is a button that opens its trace in the trace view.
import { useTranslation } from '../../i18n/use-translation';
import type { Suite, SuiteCell, SuiteRun } from '../../../shared/suite';
import { openTrace } from '../../stores/traces';
import { formatTokens, formatUsd } from '../params/usage-format';
import { formatMs } from '../playground/lib';
import { AlertIcon, CheckIcon, CloseIcon } from '../shell/icons';

function StatusMark({ status }: { status: SuiteCell['status'] }) {
  if (status === 'pass') return <CheckIcon size={12} />;
  if (status === 'fail') return <CloseIcon size={12} />;
  if (status === 'error') return <AlertIcon size={12} />;
  return <span className={`ts-dot${status === 'running' ? ' ts-spin' : ''}`} aria-hidden="true" />;
}

function Cell({ cell, suite, threadId }: { cell: SuiteCell; suite: Suite; threadId: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const kase = suite.cases.find((c) => c.name === cell.caseName);
  const settled = cell.status !== 'queued' && cell.status !== 'running';
  const failed = cell.assertions.map((a, i) => ({ a, i })).filter(({ a }) => !a.passed);
  const passed = cell.assertions.length - failed.length;
  const body = (
    <>
      <span className="ts-cell-top">
        <span className={`ts-status st-${cell.status}`}>
          <StatusMark status={cell.status} />
          {t(`suites.status.${cell.status}`)}
        </span>
        {settled && cell.assertions.length > 0 && (
          <span className="ts-score mono">
            {passed}/{cell.assertions.length}
          </span>
        )}
        {cell.changed && (
          <span className={`ts-changed ch-${cell.changed}`} data-changed={cell.changed}>
            {t(`suites.changed.${cell.changed}`)}
          </span>
        )}
      </span>
      {settled && (
        <span className="ts-metrics mono">
          <span>{t('suites.steps', { count: cell.steps })}</span>
          <span>{t('suites.tokens', { value: formatTokens(lang, cell.tokens) })}</span>
          <span>{formatMs(cell.ms)}</span>
          <span>{cell.cost === null ? t('suites.noPrice') : formatUsd(lang, cell.cost)}</span>
        </span>
      )}
      {cell.error && <span className="ts-cell-error">{cell.error}</span>}
      {failed.length > 0 && (
        <span className="ts-failures">
          {failed.map(({ a, i }) => {
            const kind = kase?.expect[i] ? Object.keys(kase.expect[i]!)[0] : undefined;
            return (
              <span key={i} className="ts-failure">
                <span className="ts-failure-kind">{kind ? t(`suites.kinds.${kind as 'toolCalled'}`) : `#${i + 1}`}</span>
                <span className="ts-ea">
                  <span className="ts-ea-label">{t('suites.expected')}</span>
                  <code>{a.expected}</code>
                </span>
                <span className="ts-ea">
                  <span className="ts-ea-label">{t('suites.actual')}</span>
                  <code className="ts-actual">{a.actual}</code>
                </span>
              </span>
            );
          })}
        </span>
      )}
    </>
  );
  return (
    <td className={`ts-cell st-${cell.status}`} data-testid="test-cell" data-case-name={cell.caseName} data-model={cell.model} data-status={cell.status}>
      {cell.hasTrace ? (
        <button
          type="button"
          className="ts-cell-btn"
          onClick={() => openTrace(cell.id, threadId)}
          aria-label={`${t(`suites.status.${cell.status}`)} — ${t('suites.openTrace', { name: cell.caseName, model: cell.model })}`}
        >
          {body}
        </button>
      ) : (
        <div className="ts-cell-btn static">{body}</div>
      )}
    </td>
  );
}

export function Matrix({ run, suite, threadId }: { run: SuiteRun; suite: Suite; threadId: string }) {
  const { t } = useTranslation();
  const cases = [...new Set(run.cells.map((c) => c.caseName))];
  const models = run.models;
  const settled = run.cells.filter((c) => c.status !== 'queued' && c.status !== 'running');
  const pass = run.cells.filter((c) => c.status === 'pass').length;
  const failing = run.cells.filter((c) => c.changed === 'newly_failing').length;
  const passing = run.cells.filter((c) => c.changed === 'newly_passing').length;
  return (
    <div className="ts-matrix-wrap">
      <div className="ts-matrix-head" aria-live="polite">
        <span className={pass === run.cells.length ? 'pg-count ok' : settled.length === run.cells.length ? 'ts-summary-bad' : 'pg-count'}>
          {t('suites.summary', { pass, total: run.cells.length })}
        </span>
        {(failing > 0 || passing > 0) && <span className="ts-changed-summary">{t('suites.changedSummary', { failing, passing })}</span>}
      </div>
      <div className="ts-matrix-scroll">
        <table className="ts-matrix" aria-label={t('suites.matrixLabel')}>
          <thead>
            <tr>
              <th scope="col">{t('suites.caseColumn')}</th>
              {models.map((m) => (
                <th key={m} scope="col" className="mono">
                  {m}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {cases.map((name) => (
              <tr key={name}>
                <th scope="row" className="ts-case-name">
                  {name}
                </th>
                {models.map((m) => {
                  const cell = run.cells.find((c) => c.caseName === name && c.model === m);
                  return cell ? <Cell key={m} cell={cell} suite={suite} threadId={threadId} /> : <td key={m} />;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
