// The trace of an answer (all steps of its tool loop): a waterfall of where the time went, a summary
// per step, and for the selected step its events (filterable, virtualized, with tool inputs rebuilt
// live), the raw frames, and the request and response. Copy as curl, export, edit and resend.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { AppError } from '../../../shared/domain';
import { errorDetail, errorReason } from '../../i18n';
import { formatCount } from '../../lib/format';
import { useMessages } from '../../stores/messages';
import { useActiveLoopMessageId } from '../../stores/playground';
import { closeTrace, loadTrace, useTraces } from '../../stores/traces';
import { CloseIcon, RefreshIcon } from '../shell/icons';
import { Modal } from '../shell/Modal';
import { BranchIcon, DownloadIcon, TerminalIcon } from '../shell/icons';
import { formatMs } from '../playground/lib';
import { copyCurl, exportTraceFile, resendStep, stepOfMessage } from './actions';
import { EventsPane } from './EventsPane';
import { blockStartFrame, toolStartFrame } from './frames';
import { RequestView, ResponseView } from './HttpView';
import { RawFrames } from './RawFrames';
import { ResendEditor } from './ResendEditor';
import { StepSummary } from './StepSummary';
import { McpCallView } from './McpCallView';
import { layoutTrace, stepEnd, type Lane } from './timeline';
import { Waterfall } from './Waterfall';

type Tab = 'events' | 'raw' | 'request' | 'response';
const TABS: Tab[] = ['events', 'raw', 'request', 'response'];

/** The WAI-ARIA tabs pattern: Left/Right (and Home/End) pick and focus the neighbouring tab. */
function onTabKey(e: KeyboardEvent, current: Tab, setTab: (tab: Tab) => void): void {
  const i = TABS.indexOf(current);
  const next =
    e.key === 'ArrowRight' ? TABS[(i + 1) % TABS.length] : e.key === 'ArrowLeft' ? TABS[(i - 1 + TABS.length) % TABS.length] : e.key === 'Home' ? TABS[0] : e.key === 'End' ? TABS[TABS.length - 1] : undefined;
  if (!next) return;
  e.preventDefault();
  setTab(next);
  document.getElementById(`trace-tab-${next}`)?.focus();
}

interface Toast {
  text: string;
  error?: boolean;
}

export function TraceModal() {
  const { t, i18n } = useTranslation();
  const open = useTraces((s) => s.open);
  const trace = useTraces((s) => s.trace);
  const loading = useTraces((s) => s.loading);
  const loadError = useTraces((s) => s.error);
  const [stepIdx, setStepIdx] = useState(0);
  const [frameIdx, setFrameIdx] = useState(0);
  const [reveal, setReveal] = useState(0);
  const [tab, setTab] = useState<Tab>('events');
  const [resending, setResending] = useState(false);
  const [toast, setToast] = useState<Toast | null>(null);
  const [focusBlock, setFocusBlock] = useState<{ step: number; key: string } | null>(null);
  /** the MCP lane picked in the waterfall: its call is shown above the tabs */
  const [mcpLane, setMcpLane] = useState<Lane | null>(null);
  const timeline = useMemo(() => (trace ? layoutTrace(trace) : null), [trace]);
  const threadId = open?.threadId ?? null;

  // Reload when the loop moves on (a new step, an answer ending): the trace has grown.
  const active = useActiveLoopMessageId(threadId);
  const lastState = useMessages((s) => {
    const ids = threadId ? s.idsByThread[threadId] : undefined;
    const last = ids?.[ids.length - 1];
    const m = last ? s.byId[last] : undefined;
    return m ? `${m.id}:${m.status}:${ids!.length}` : '';
  });
  const seen = useRef({ active, lastState });
  useEffect(() => {
    if (seen.current.active === active && seen.current.lastState === lastState) return;
    seen.current = { active, lastState };
    void loadTrace();
  }, [active, lastState]);

  // Where to look first, once per opening: the tool call it was opened at, else this answer's step.
  const placed = useRef(-1);
  useEffect(() => {
    if (!trace || !open || placed.current === open.nonce) return;
    placed.current = open.nonce;
    const focus = open.focus;
    if (focus) {
      let s = trace.steps.findIndex((st) => st.toolRuns.some((r) => r.toolCallId === focus.toolCallId));
      if (s < 0) s = trace.steps.findIndex((st) => toolStartFrame(st, focus.toolCallId) >= 0);
      if (s >= 0) {
        const step = trace.steps[s]!;
        setStepIdx(s);
        setFrameIdx(Math.max(0, toolStartFrame(step, focus.toolCallId)));
        setFocusBlock(focus.blockKey ? { step: s, key: focus.blockKey } : null);
        setTab('events');
        setReveal((r) => r + 1);
        return;
      }
    }
    setStepIdx(Math.min(trace.steps.length - 1, stepOfMessage(open.threadId, open.messageId)));
    setFrameIdx(0);
    setFocusBlock(null);
  }, [trace, open]);

  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setToast(null), 2400);
    return () => clearTimeout(timer);
  }, [toast]);

  const selectStep = useCallback((s: number) => {
    setStepIdx((cur) => {
      if (cur !== s) setFrameIdx(0);
      return s;
    });
  }, []);

  const selectFrame = useCallback((i: number) => setFrameIdx(i), []);

  if (!open) return null;
  const step = trace?.steps[Math.min(stepIdx, trace.steps.length - 1)];
  const failed = (err: AppError) => setToast({ text: `${errorReason(t, err)} ${errorDetail(err)}`.trim(), error: true });

  const onLane = (lane: Lane) => {
    if (!trace) return;
    const st = trace.steps[lane.step];
    if (!st) return;
    setStepIdx(lane.step);
    setMcpLane(lane.mcp ? lane : null);
    if (lane.mcp) return; // the MCP call opens above the tabs; the step's frames stay where they were
    let frame = -1;
    if (lane.kind === 'tool' && lane.toolCallId) frame = toolStartFrame(st, lane.toolCallId);
    if (lane.kind === 'block' && lane.blockKey) {
      frame = blockStartFrame(st, trace.protocol, lane.blockKey, lane.start - (timeline?.offsets[lane.step] ?? 0));
      setFocusBlock({ step: lane.step, key: lane.blockKey });
    }
    if (frame >= 0) setFrameIdx(frame);
    setTab('events');
    setReveal((r) => r + 1);
  };

  const totalMs = trace && timeline ? timeline.total : 0;
  const frames = trace ? trace.steps.reduce((n, s) => n + s.frames.length, 0) : 0;

  return (
    <Modal labelledBy="trace-title" onClose={closeTrace} className="trace-modal" testId="trace-view">
      <header className="trace-head">
        <h2 id="trace-title" className="trace-title">
          {t('playground.trace.title')}
        </h2>
        {trace && (
          <div className="trace-meta">
            <span className="trace-chip mono">{trace.model}</span>
            <span className="trace-chip">{t(`header.protocols.${trace.protocol}`)}</span>
            <span className="trace-chip tabular">{t('playground.trace.steps', { count: trace.steps.length })}</span>
            <span className="trace-chip tabular">{formatMs(totalMs)}</span>
            <span className="trace-chip tabular">{t('playground.trace.frames', { count: frames, formatted: formatCount(i18n.language, frames) })}</span>
          </div>
        )}
        <span className="ev-spacer" />
        <button
          type="button"
          className={`icon-btn${loading ? ' spinning' : ''}`}
          onClick={() => void loadTrace()}
          aria-label={t('playground.trace.refresh')}
          title={t('playground.trace.refresh')}
          data-testid="trace-refresh"
        >
          <RefreshIcon size={15} />
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!step}
          onClick={() =>
            step &&
            void copyCurl(open.messageId, step.index).then((err) =>
              err ? failed(err) : setToast({ text: t('playground.trace.curlCopied', { n: step.index + 1 }) }),
            )
          }
          title={t('playground.trace.copyCurlHint')}
          data-testid="trace-copy-curl"
        >
          <TerminalIcon size={14} />
          {t('playground.trace.copyCurl')}
        </button>
        <button
          type="button"
          className="btn btn-small"
          disabled={!trace}
          onClick={() => void exportTraceFile(open.messageId).then((err) => (err ? failed(err) : setToast({ text: t('playground.trace.exported') })))}
          data-testid="trace-export"
        >
          <DownloadIcon size={14} />
          {t('playground.trace.export')}
        </button>
        <button
          type="button"
          className={`btn btn-small${resending ? ' active' : ''}`}
          disabled={!step}
          onClick={() => setResending(!resending)}
          data-testid="trace-resend-open"
        >
          <BranchIcon size={14} />
          {t('playground.trace.resend')}
        </button>
        <button type="button" className="icon-btn" onClick={closeTrace} aria-label={t('playground.trace.close')} data-testid="trace-close">
          <CloseIcon size={16} />
        </button>
      </header>

      {!trace ? (
        <div className="trace-empty">
          {loadError ? (
            <p className="tc-error">
              {errorReason(t, loadError)} {errorDetail(loadError)}
            </p>
          ) : loading ? (
            <p className="muted">{t('playground.trace.loading')}</p>
          ) : (
            <p className="muted">{t('playground.trace.none')}</p>
          )}
        </div>
      ) : resending && step ? (
        <ResendEditor
          step={step}
          onCancel={() => setResending(false)}
          onSend={(body) => resendStep(open.messageId, step.index, body)}
        />
      ) : (
        <div className="trace-body">
          <div className="trace-top">
            {timeline && (
              <Waterfall
                trace={trace}
                timeline={timeline}
                selectedStep={step?.index ?? 0}
                focusToolCallId={open.focus?.toolCallId}
                focusBlock={focusBlock}
                onSelectStep={selectStep}
                onSelectLane={onLane}
              />
            )}
            <StepSummary trace={trace} selectedStep={step?.index ?? 0} onSelect={selectStep} />
          </div>
          {step && (
            <div className="trace-bottom">
              {mcpLane?.mcp && <McpCallView call={mcpLane.mcp} onClose={() => setMcpLane(null)} />}
              <div className="trace-tabs">
                {/* Only the tabs are in the tablist (the step picker beside it is not a tab); arrows move between them. */}
                <div className="trace-tablist" role="tablist" aria-label={t('a11y.traceTabs')} onKeyDown={(e) => onTabKey(e, tab, setTab)}>
                  {TABS.map((x) => (
                    <button
                      key={x}
                      type="button"
                      role="tab"
                      id={`trace-tab-${x}`}
                      aria-selected={tab === x}
                      aria-controls="trace-tabpanel"
                      tabIndex={tab === x ? 0 : -1}
                      className={`trace-tab${tab === x ? ' active' : ''}`}
                      onClick={() => setTab(x)}
                      data-testid={`trace-tab-${x}`}
                    >
                      {t(`playground.trace.tabs.${x}`)}
                    </button>
                  ))}
                </div>
                <span className="ev-spacer" />
                <span className="trace-step-pick">
                  {trace.steps.map((s) => (
                    <button
                      key={s.index}
                      type="button"
                      className={`trace-step-btn${s.index === step.index ? ' active' : ''}`}
                      onClick={() => selectStep(s.index)}
                      data-testid="trace-step-select"
                    >
                      {t('playground.trace.stepN', { n: s.index + 1 })}
                      <span className="tabular">{formatMs(stepEnd(s))}</span>
                    </button>
                  ))}
                </span>
              </div>
              <div className="trace-tab-body" role="tabpanel" id="trace-tabpanel" aria-labelledby={`trace-tab-${tab}`}>
                {tab === 'events' && (
                  <EventsPane step={step} protocol={trace.protocol} selected={frameIdx} onSelect={selectFrame} reveal={reveal} />
                )}
                {tab === 'raw' && <RawFrames step={step} selected={frameIdx} onSelect={selectFrame} />}
                {tab === 'request' && <RequestView step={step} />}
                {tab === 'response' && <ResponseView step={step} />}
              </div>
            </div>
          )}
        </div>
      )}
      {toast && (
        <div className={`trace-toast${toast.error ? ' error' : ''}`} role="status" data-testid="trace-toast">
          {toast.text}
        </div>
      )}
    </Modal>
  );
}
