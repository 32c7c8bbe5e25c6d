// How a tool runs when the model calls it: the user answers (manual), a fixed result (mock, with
// {{input.field}} placeholders), or a JavaScript function body in the QuickJS sandbox (script).
import { useRef } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import {
  DEFAULT_SCRIPT_MEMORY_MB,
  DEFAULT_SCRIPT_TIMEOUT_MS,
  MAX_SCRIPT_MEMORY_MB,
  MAX_SCRIPT_TIMEOUT_MS,
  MIN_SCRIPT_MEMORY_MB,
  type RunMode,
  type ToolDefinition,
  type ToolRun,
} from '../../../shared/tools';
import { flushPlayground, updateTool } from '../../stores/playground';
import { CodeEditor } from './CodeEditor';
import { IssueList } from './IssueList';
import { NumberField } from './NumberField';
import type { ShownIssue } from './issues';

const MODES: RunMode[] = ['manual', 'mock', 'script'];

const STARTERS: { [M in RunMode]: Extract<ToolRun, { mode: M }> } = {
  manual: { mode: 'manual' },
  mock: { mode: 'mock', result: '{\n  "ok": true\n}' },
  script: { mode: 'script', code: '// `input` is the tool input; return the result.\nreturn { ok: true, input };' },
  // Never offered in MODES: MCP tools come from their server, not from this editor.
  mcp: { mode: 'mcp', server: '', tool: '' },
};

interface Props {
  threadId: string;
  index: number;
  tool: ToolDefinition;
  issues: ShownIssue[];
}

export function RunEditor({ threadId, index, tool, issues }: Props) {
  const { t } = useTranslation();
  const run = tool.run;
  // What each mode held, so switching back and forth loses nothing.
  const kept = useRef<Partial<Record<RunMode, ToolRun>>>({});
  const setRun = (next: ToolRun, typing = false) => updateTool(threadId, index, { run: next }, { typing });
  const flush = () => void flushPlayground(threadId);

  const switchTo = (mode: RunMode) => {
    if (mode === run.mode) return;
    kept.current[run.mode] = run;
    setRun(kept.current[mode] ?? STARTERS[mode]);
  };

  return (
    <div className="pg-field">
      <div className="pg-label-row">
        <label className="pg-label" htmlFor={`run-mode-${threadId}-${index}`}>
          {t('playground.run.label')}
        </label>
        <select
          id={`run-mode-${threadId}-${index}`}
          className="select pg-select"
          value={run.mode}
          onChange={(e) => switchTo(e.target.value as RunMode)}
          data-testid="tool-run-mode"
        >
          {MODES.map((m) => (
            <option key={m} value={m}>
              {t(`playground.run.modes.${m}`)}
            </option>
          ))}
        </select>
        <span className="pg-label-hint">{t(`playground.run.hints.${run.mode}`, { placeholder: "{{input.field}}" })}</span>
      </div>

      {run.mode === 'mock' && (
        <>
          <textarea
            className="input mono pg-mock"
            value={run.result}
            rows={Math.min(12, Math.max(3, run.result.split('\n').length))}
            spellCheck={false}
            aria-label={t('playground.run.mockResult')}
            onChange={(e) => setRun({ ...run, result: e.target.value }, true)}
            onBlur={flush}
            data-testid="tool-mock-result"
          />
          <label className="pg-check">
            <input
              type="checkbox"
              checked={run.isError ?? false}
              onChange={(e) => setRun({ ...run, isError: e.target.checked || undefined })}
              data-testid="tool-mock-is-error"
            />
            <span>{t('playground.run.mockIsError')}</span>
          </label>
        </>
      )}

      {run.mode === 'script' && (
        <>
          <div className="pg-script-frame mono" aria-hidden="true">
            {'function (input) {'}
          </div>
          <CodeEditor
            value={run.code}
            onChange={(code) => setRun({ ...run, code }, true)}
            label={t('playground.run.script')}
            testId="tool-script-editor"
            minLines={5}
            maxLines={20}
            onBlur={flush}
            className="pg-script"
          />
          <div className="pg-script-frame mono" aria-hidden="true">
            {'}'}
          </div>
          <div className="pg-limits">
            <label className="pg-inline">
              <span>{t('playground.run.timeout')}</span>
              <NumberField
                value={run.timeoutMs}
                min={1}
                max={MAX_SCRIPT_TIMEOUT_MS}
                step={100}
                allowEmpty
                placeholder={String(DEFAULT_SCRIPT_TIMEOUT_MS)}
                onCommit={(timeoutMs, typing) => setRun({ ...run, timeoutMs }, typing)}
                testId="tool-script-timeout"
              />
              <span className="pg-unit">ms</span>
            </label>
            <label className="pg-inline">
              <span>{t('playground.run.memory')}</span>
              <NumberField
                value={run.memoryMb}
                min={MIN_SCRIPT_MEMORY_MB}
                max={MAX_SCRIPT_MEMORY_MB}
                allowEmpty
                placeholder={String(DEFAULT_SCRIPT_MEMORY_MB)}
                onCommit={(memoryMb, typing) => setRun({ ...run, memoryMb }, typing)}
                testId="tool-script-memory"
              />
              <span className="pg-unit">MB</span>
            </label>
            <span className="pg-label-hint">{t('playground.run.sandbox')}</span>
          </div>
        </>
      )}
      <IssueList issues={issues} />
    </div>
  );
}
