// Every step of the trace on one time axis: the request's phases (waiting for headers → first byte →
// first token → streaming), each content block as a bar (text, thinking, tool_use — named), the tool
// runs after it, then the next step. ms labels on the bars, details on hover, click to inspect.
import { useMemo, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Trace } from '../../../shared/domain';
import { formatMs } from '../playground/lib';
import { ticks, tickLabel, type Lane, type Timeline } from './timeline';

interface Props {
  trace: Trace;
  timeline: Timeline;
  selectedStep: number;
  /** the lane to mark (a tool call the view was opened at) */
  focusToolCallId?: string | null;
  focusBlock?: { step: number; key: string } | null;
  onSelectStep: (step: number) => void;
  onSelectLane: (lane: Lane) => void;
}

interface Tip {
  x: number;
  y: number;
  title: string;
  rows: [string, string][];
}

const pct = (v: number, total: number) => `${(v / total) * 100}%`;

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

export function Waterfall({ trace, timeline, selectedStep, focusToolCallId, focusBlock, onSelectStep, onSelectLane }: Props) {
  const { t } = useTranslation();
  const { total, lanes, offsets } = timeline;
  const axis = useMemo(() => ticks(total), [total]);
  const box = useRef<HTMLDivElement>(null);
  const [tip, setTip] = useState<Tip | null>(null);
  // Roving focus: one row label is in the tab order; Up/Down (Home/End) move it, Enter/Space pick.
  const [active, setActive] = useState(() => Math.max(0, lanes.findIndex((l) => l.kind === 'step' && l.step === selectedStep)));
  const onRowKey = (e: KeyboardEvent<HTMLDivElement>, i: number, pick: () => void) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      pick();
      return;
    }
    const to = e.key === 'ArrowDown' ? i + 1 : e.key === 'ArrowUp' ? i - 1 : e.key === 'Home' ? 0 : e.key === 'End' ? lanes.length - 1 : -1;
    if (to < 0 || to >= lanes.length) return;
    e.preventDefault();
    setActive(to);
    box.current?.querySelectorAll<HTMLElement>('.wf-label[role="button"]')[to]?.focus();
  };

  const showTip = (e: MouseEvent, lane: Lane) => {
    const rect = box.current?.getBoundingClientRect();
    if (!rect) return;
    const step = trace.steps[lane.step];
    const off = offsets[lane.step] ?? 0;
    const rows: [string, string][] = [
      [t('playground.trace.tip.start'), `+${formatMs(lane.start)}`],
      [t('playground.trace.tip.duration'), lane.open ? `${formatMs(lane.end - lane.start)} …` : formatMs(lane.end - lane.start)],
    ];
    let title = '';
    if (lane.kind === 'step' && step) {
      title = t('playground.trace.stepN', { n: lane.step + 1 });
      rows.push(
        [t('playground.trace.col.headers'), formatMs(step.timings.headersMs)],
        [t('playground.trace.col.ttfb'), formatMs(step.timings.firstByteMs)],
        [t('playground.trace.col.firstToken'), formatMs(step.timings.firstTokenMs)],
        [t('playground.trace.col.stop'), step.stopReason ?? '—'],
      );
    } else if (lane.kind === 'block') {
      title = `${lane.blockType}${lane.name ? ` · ${lane.name}` : ''}`;
      rows.push([t('playground.trace.tip.inStep'), `+${formatMs(lane.start - off)}`]);
    } else if (lane.mcp) {
      title = t('mcp.trace.lane', { server: lane.mcp.server, tool: lane.mcp.tool });
      rows.push([t('playground.trace.tip.result'), lane.isError ? t('playground.trace.tip.error') : t('playground.trace.tip.ok')], ['stderr', String(lane.mcp.stderr.length)]);
    } else {
      title = t('playground.trace.toolRun', { name: lane.name });
      rows.push([t('playground.trace.tip.result'), lane.isError ? t('playground.trace.tip.error') : t('playground.trace.tip.ok')]);
    }
    const x = e.clientX - rect.left;
    // Keep the tooltip inside the waterfall: flip it to the left of the pointer near the right edge.
    setTip({ x: x > rect.width - 240 ? x - 230 : x + 14, y: e.clientY - rect.top + 14, title, rows });
  };

  return (
    <div className="wf" ref={box} data-testid="trace-waterfall" onMouseLeave={() => setTip(null)}>
      <div className="wf-row wf-axis" aria-hidden="true">
        <div className="wf-label" />
        <div className="wf-track">
          {axis.map((ms) => (
            <span key={ms} className="wf-tick" style={{ left: pct(ms, total) }}>
              {tickLabel(ms)}
            </span>
          ))}
        </div>
      </div>
      <div className="wf-body">
        <div className="wf-grid" aria-hidden="true">
          <div className="wf-label" />
          <div className="wf-track">
            {axis.map((ms) => (
              <span key={ms} className="wf-gridline" style={{ left: pct(ms, total) }} />
            ))}
          </div>
        </div>
        {lanes.map((lane, i) => {
          const step = trace.steps[lane.step];
          const selected = lane.step === selectedStep;
          const focused =
            (lane.kind === 'tool' && lane.toolCallId === focusToolCallId) ||
            (lane.kind === 'block' && focusBlock?.step === lane.step && focusBlock.key === lane.blockKey);
          // The duration label goes after the bar, else before it, else (a long bar) inside its end.
          const place = lane.end / total <= 0.82 ? 'after' : lane.start / total >= 0.3 ? 'before' : 'inside';
          const dur = formatMs(lane.end - lane.start);
          const common = {
            onMouseMove: (e: MouseEvent) => showTip(e, lane),
            onClick: () => (lane.kind === 'step' ? onSelectStep(lane.step) : onSelectLane(lane)),
          };
          return (
            <div
              key={i}
              className={`wf-row kind-${lane.mcp ? 'mcp' : lane.kind}${selected ? ' selected' : ''}${focused ? ' focused' : ''}`}
              data-testid={lane.kind === 'step' ? 'trace-step' : 'trace-lane'}
              data-step={lane.step}
              data-kind={lane.mcp ? 'mcp' : lane.kind}
              data-block-type={lane.blockType}
            >
              <div
                className="wf-label"
                {...common}
                role="button"
                tabIndex={i === Math.min(active, lanes.length - 1) ? 0 : -1}
                aria-pressed={lane.kind === 'step' ? selected : focused}
                onKeyDown={(e) => onRowKey(e, i, common.onClick)}
                onFocus={() => setActive(i)}
              >
                {lane.kind === 'step' && step ? (
                  <>
                    <span className="wf-step-n">{lane.step + 1}</span>
                    <span className="wf-method">{step.request.method}</span>
                    <span className="wf-path mono">{pathOf(step.request.url)}</span>
                    <span className={`wf-http${step.response && step.response.status >= 400 ? ' bad' : ''}`}>
                      {step.response?.status ?? (lane.open ? '…' : '—')}
                    </span>
                  </>
                ) : lane.kind === 'block' ? (
                  <>
                    <span className={`wf-dot type-${lane.blockType}`} />
                    <span className="wf-block-type">{lane.blockType}</span>
                    {lane.name && <code className="wf-name">{lane.name}</code>}
                  </>
                ) : lane.mcp ? (
                  <>
                    <span className={`wf-dot type-run${lane.isError ? ' error' : ''}`} />
                    <span className="wf-block-type">MCP</span>
                    <code className="wf-name">{`${lane.mcp.server}/${lane.mcp.tool}`}</code>
                  </>
                ) : (
                  <>
                    <span className={`wf-dot type-run${lane.isError ? ' error' : ''}`} />
                    <span className="wf-block-type">{t('playground.trace.run')}</span>
                    <code className="wf-name">{lane.name}</code>
                  </>
                )}
              </div>
              <div className="wf-track">
                <div
                  className={`wf-bar ${lane.kind === 'block' ? `type-${lane.blockType}` : lane.kind === 'tool' ? `type-run${lane.isError ? ' error' : ''}` : 'type-step'}${lane.open ? ' open' : ''}`}
                  style={{ left: pct(lane.start, total), width: `max(2px, ${pct(lane.end - lane.start, total)})` }}
                  {...common}
                >
                  {lane.segments?.map((s) => (
                    <span
                      key={s.kind}
                      className={`wf-seg seg-${s.kind}`}
                      style={{ left: pct(s.start - lane.start, Math.max(1, lane.end - lane.start)), width: pct(s.end - s.start, Math.max(1, lane.end - lane.start)) }}
                    />
                  ))}
                </div>
                <span
                  className={`wf-dur tabular ${place}`}
                  style={
                    place === 'after'
                      ? { left: `calc(${pct(lane.end, total)} + 6px)` }
                      : place === 'before'
                        ? { right: `calc(${pct(total - lane.start, total)} + 6px)` }
                        : { right: `calc(${pct(total - lane.end, total)} + 6px)` }
                  }
                >
                  {lane.kind === 'step' && step?.timings.firstByteMs !== undefined ? (
                    <>
                      <span className="wf-dur-faint">{t('playground.trace.ttfbShort', { ms: formatMs(step.timings.firstByteMs) })}</span> {dur}
                    </>
                  ) : (
                    dur
                  )}
                </span>
              </div>
            </div>
          );
        })}
      </div>
      <div className="wf-legend" aria-hidden="true">
        <span><i className="wf-swatch seg-headers" />{t('playground.trace.legend.headers')}</span>
        <span><i className="wf-swatch seg-firstByte" />{t('playground.trace.legend.firstByte')}</span>
        <span><i className="wf-swatch seg-firstToken" />{t('playground.trace.legend.firstToken')}</span>
        <span><i className="wf-swatch seg-stream" />{t('playground.trace.legend.stream')}</span>
        <span><i className="wf-swatch type-text" />text</span>
        <span><i className="wf-swatch type-thinking" />thinking</span>
        <span><i className="wf-swatch type-tool_use" />tool_use</span>
        <span><i className="wf-swatch type-run" />{t('playground.trace.legend.run')}</span>
      </div>
      {tip && (
        <div className="wf-tip" style={{ left: tip.x, top: tip.y }} role="tooltip">
          <strong>{tip.title}</strong>
          {tip.rows.map(([k, v]) => (
            <div key={k} className="wf-tip-row">
              <span>{k}</span>
              <span className="tabular">{v}</span>
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
