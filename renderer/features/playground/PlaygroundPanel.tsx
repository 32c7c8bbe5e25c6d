// The thread's tool playground, beside the chat: on/off, the tools (presets, blank, each edited with
// live validation), how the loop runs (tool_choice, step limit, pause before each run), import and
// export. Every change is saved to main (debounced while typing) and main's check is shown.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Thread } from '../../../shared/domain';
import type { ToolChoice } from '../../../shared/tools';
import {
  addTool,
  blankTool,
  editPlayground,
  flushPlayground,
  loadPlayground,
  loadPresets,
  usePlayground,
  usePlaygroundEntry,
} from '../../stores/playground';
import { CheckIcon, CloseIcon, PlusIcon } from '../shell/icons';
import { McpSection } from '../mcp/McpSection';
import { ImportExport } from './ImportExport';
import { IssueList } from './IssueList';
import { splitIssues } from './issues';
import { NumberField } from './NumberField';
import { ToolEditor } from './ToolEditor';
import { TestsTab } from '../suites/TestsTab';

const MIN_WIDTH = 340;
const MAX_WIDTH = 760;

export function PlaygroundPanel({ thread }: { thread: Thread }) {
  const { t } = useTranslation();
  const entry = usePlaygroundEntry(thread.id);
  const presets = usePlayground((s) => s.presets);
  const setOpen = usePlayground((s) => s.setPanelOpen);
  const [width, setWidth] = useState(440);
  // The Tests tab's matrix needs room: it opens at least this wide (the resize handle still works).
  const [tab, setTab] = useState<'tools' | 'tests'>('tools');
  const panel = useRef<HTMLElement>(null);

  useEffect(() => {
    void loadPresets();
  }, []);
  useEffect(() => {
    void loadPlayground(thread.id);
    return () => void flushPlayground(thread.id);
  }, [thread.id]);

  const { config, check, loaded, dirty, toolKeys } = entry;
  const tools = config.toolSet.tools;
  const { tools: toolIssues, general } = splitIssues(check, tools.length);
  const errorCount = check && !check.ok ? check.errors.length : 0;

  const close = () => {
    void flushPlayground(thread.id);
    setOpen(false);
  };

  const startResize = (e: React.PointerEvent) => {
    e.preventDefault();
    const startX = e.clientX;
    const startW = width;
    const move = (ev: PointerEvent) => setWidth(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, startW + (startX - ev.clientX))));
    const up = () => {
      window.removeEventListener('pointermove', move);
      window.removeEventListener('pointerup', up);
    };
    window.addEventListener('pointermove', move);
    window.addEventListener('pointerup', up);
  };

  const choiceValue = (c: ToolChoice) => (c.type === 'tool' ? `tool:${c.name}` : c.type);
  const setChoice = (v: string) =>
    editPlayground(thread.id, (c) => ({
      config: {
        ...c,
        toolSet: {
          ...c.toolSet,
          toolChoice: v.startsWith('tool:') ? { type: 'tool', name: v.slice(5) } : { type: v as 'auto' | 'any' | 'none' },
        },
      },
    }));
  const choice = config.toolSet.toolChoice;
  const choiceMissing = choice.type === 'tool' && !tools.some((x) => x.name === choice.name);

  return (
    <aside
      ref={panel}
      className="pg-panel"
      style={{ width: tab === 'tests' ? Math.max(width, 880) : width }}
      aria-label={t('playground.title')}
      data-testid="playground-panel"
    >
      <div className="pg-resize" onPointerDown={startResize} role="separator" aria-orientation="vertical" aria-label={t('playground.resize')} />
      <header className="pg-head">
        <div className="pg-head-title">
          <h2>{t('playground.title')}</h2>
          <span className="pg-head-sub mono">
            {thread.model} · {t(`header.protocols.${thread.protocol}`)}
          </span>
        </div>
        <button type="button" className="icon-btn" onClick={close} aria-label={t('playground.close')} title={t('playground.close')} data-testid="playground-close">
          <CloseIcon size={16} />
        </button>
      </header>
      <div className="pg-tabs" role="tablist" aria-label={t('suites.tabsLabel')}>
        <button type="button" role="tab" aria-selected={tab === 'tools'} className="pg-tab" onClick={() => setTab('tools')}>
          {t('suites.toolsTab')}
        </button>
        <button type="button" role="tab" aria-selected={tab === 'tests'} className="pg-tab" onClick={() => setTab('tests')} data-testid="tests-tab">
          {t('suites.tab')}
        </button>
      </div>
      {tab === 'tests' ? <TestsTab thread={thread} /> : (<>

      <div className="pg-status-row">
        <label className="pg-switch">
          <input
            type="checkbox"
            role="switch"
            checked={config.enabled}
            onChange={(e) => editPlayground(thread.id, (c) => ({ config: { ...c, enabled: e.target.checked } }))}
            data-testid="playground-enabled"
          />
          <span className="pg-switch-track" aria-hidden="true" />
          <span>{t('playground.enabled')}</span>
        </label>
        <span className="pg-check-state" data-testid="playground-check" data-ok={check ? String(check.ok) : undefined} aria-live="polite">
          {!loaded ? (
            t('playground.loading')
          ) : tools.length === 0 ? (
            <span className="muted">{t('playground.noTools')}</span>
          ) : errorCount > 0 ? (
            <span className="pg-count error">{t('playground.issues.errorCount', { count: errorCount })}</span>
          ) : (
            <span className="pg-count ok">
              <CheckIcon size={12} />
              {config.enabled ? t('playground.ready') : t('playground.readyOff')}
            </span>
          )}
          {dirty && (
            <span className="pg-saving" data-testid="playground-saving">
              {t('playground.saving')}
            </span>
          )}
        </span>
      </div>
      {errorCount > 0 && config.enabled && <p className="pg-blocked">{t('playground.blocked')}</p>}

      <div className="pg-scroll">
        <section className="pg-section">
          <div className="pg-section-head">
            <h3>{t('playground.tools', { count: tools.length })}</h3>
            <button
              type="button"
              className="btn btn-small"
              disabled={!loaded}
              onClick={() => addTool(thread.id, blankTool(tools))}
              data-testid="tool-add"
            >
              <PlusIcon size={13} />
              <span>{t('playground.addTool')}</span>
            </button>
          </div>
          <div className="pg-presets">
            <span className="pg-label-hint">{t('playground.presets')}</span>
            {(presets ?? []).map((p) => (
              <button
                key={p.name}
                type="button"
                className="pg-preset"
                disabled={!loaded}
                onClick={() => addTool(thread.id, structuredClone(p))}
                title={p.description}
                data-testid="tool-preset"
                data-preset={p.name}
              >
                <PlusIcon size={11} />
                <code>{p.name}</code>
                <span className={`pg-mode-pill mode-${p.run.mode}`}>{t(`playground.run.modes.${p.run.mode}`)}</span>
              </button>
            ))}
          </div>
          <IssueList issues={general} />
          {loaded && tools.length === 0 && <p className="pg-empty">{t('playground.emptyHint')}</p>}
          <div className="pg-tools">
            {tools.map((tool, i) => (
              <ToolEditor key={toolKeys[i] ?? i} threadId={thread.id} index={i} tool={tool} issues={toolIssues[i]!} />
            ))}
          </div>
        </section>

        <McpSection threadId={thread.id} />

        <section className="pg-section">
          <div className="pg-section-head">
            <h3>{t('playground.loop')}</h3>
          </div>
          <div className="pg-grid">
            <label className="pg-label" htmlFor={`choice-${thread.id}`}>
              {t('playground.toolChoice')}
            </label>
            <select
              id={`choice-${thread.id}`}
              className={`select pg-select${choiceMissing ? ' invalid' : ''}`}
              value={choiceValue(choice)}
              onChange={(e) => setChoice(e.target.value)}
              data-testid="tool-choice"
            >
              <option value="auto">{t('playground.choice.auto')}</option>
              <option value="any">{t('playground.choice.any')}</option>
              <option value="none">{t('playground.choice.none')}</option>
              {tools
                .filter((x, i) => x.name && tools.findIndex((y) => y.name === x.name) === i)
                .map((x) => (
                  <option key={x.name} value={`tool:${x.name}`}>
                    {t('playground.choice.tool', { name: x.name })}
                  </option>
                ))}
              {choiceMissing && <option value={choiceValue(choice)}>{t('playground.choice.tool', { name: choice.name })}</option>}
            </select>
            <label className="pg-label" htmlFor={`steps-${thread.id}`}>
              {t('playground.maxSteps')}
            </label>
            <span className="pg-inline">
              <NumberField
                id={`steps-${thread.id}`}
                value={config.maxSteps}
                min={1}
                max={50}
                onCommit={(v, typing) => {
                  if (v !== undefined) editPlayground(thread.id, (c) => ({ config: { ...c, maxSteps: v } }), { typing });
                }}
                testId="playground-max-steps"
              />
              <span className="pg-label-hint">{t('playground.maxStepsHint')}</span>
            </span>
            <span className="pg-label">{t('playground.pause')}</span>
            <label className="pg-check">
              <input
                type="checkbox"
                checked={config.pauseBeforeRun}
                onChange={(e) => editPlayground(thread.id, (c) => ({ config: { ...c, pauseBeforeRun: e.target.checked } }))}
                data-testid="playground-pause"
              />
              <span>{t('playground.pauseHint')}</span>
            </label>
          </div>
        </section>

        <section className="pg-section">
          <div className="pg-section-head">
            <h3>{t('playground.io.title')}</h3>
          </div>
          <ImportExport threadId={thread.id} threadTitle={thread.title} />
        </section>
      </div>
      </>)}
    </aside>
  );
}
