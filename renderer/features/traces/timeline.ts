// The waterfall's geometry: every step of a trace on one time axis (ms since the first request),
// each step's phases (waiting for headers, first byte, first token, streaming), its content blocks
// and the tool runs that followed it.
import type { Trace, TraceMcpCall, TraceStep } from '../../../shared/domain';

export type SegmentKind = 'headers' | 'firstByte' | 'firstToken' | 'stream';

export interface Segment {
  kind: SegmentKind;
  start: number;
  end: number;
}

export interface Lane {
  kind: 'step' | 'block' | 'tool';
  step: number;
  start: number;
  end: number;
  /** still going when the trace was read */
  open: boolean;
  /** step lanes: their phases */
  segments?: Segment[];
  /** block lanes: text | thinking | tool_use | redacted_thinking | refusal */
  blockType?: string;
  blockKey?: string;
  name?: string;
  toolCallId?: string;
  isError?: boolean;
  /** tool lanes of an MCP tool: the JSON-RPC exchange and stderr (drawn as an MCP lane) */
  mcp?: TraceMcpCall;
}

export interface Timeline {
  total: number;
  lanes: Lane[];
  /** ms offset of each step from the first */
  offsets: number[];
}

export function stepEnd(step: TraceStep): number {
  const lastFrame = step.frames.at(-1)?.t ?? 0;
  return step.timings.totalMs ?? Math.max(lastFrame, step.timings.headersMs ?? 0);
}

export function layoutTrace(trace: Trace): Timeline {
  const t0 = trace.steps[0]?.startedAt ?? 0;
  const lanes: Lane[] = [];
  const offsets: number[] = [];
  let total = 1;
  for (const step of trace.steps) {
    const off = Math.max(0, step.startedAt - t0);
    offsets.push(off);
    const end = stepEnd(step);
    const { headersMs, firstByteMs, firstTokenMs } = step.timings;
    const marks: [SegmentKind, number | undefined][] = [
      ['headers', headersMs],
      ['firstByte', firstByteMs],
      ['firstToken', firstTokenMs],
      ['stream', end],
    ];
    const segments: Segment[] = [];
    let from = 0;
    for (const [kind, at] of marks) {
      if (at === undefined || at < from) continue;
      segments.push({ kind, start: off + from, end: off + at });
      from = at;
    }
    lanes.push({ kind: 'step', step: step.index, start: off, end: off + end, open: step.timings.totalMs === undefined, segments });
    for (const b of step.blocks) {
      lanes.push({
        kind: 'block',
        step: step.index,
        start: off + b.startMs,
        end: off + (b.endMs ?? end),
        open: b.endMs === undefined,
        blockType: b.type,
        blockKey: b.key,
        name: b.name,
      });
    }
    for (const r of step.toolRuns) {
      const runEnd = r.endMs ?? Math.max(r.startMs, end);
      lanes.push({
        kind: 'tool',
        step: step.index,
        start: off + r.startMs,
        end: off + runEnd,
        open: r.endMs === undefined,
        name: r.name,
        toolCallId: r.toolCallId,
        isError: r.isError,
        ...(r.mcp ? { mcp: r.mcp } : {}),
      });
      total = Math.max(total, off + runEnd);
    }
    total = Math.max(total, off + end);
  }
  return { total, lanes, offsets };
}

/** Round tick spacing (1, 2, 5 × 10^n ms) giving about `count` ticks over `total`. */
export function ticks(total: number, count = 6): number[] {
  const raw = total / count;
  const pow = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = [1, 2, 5, 10].map((m) => m * pow).find((s) => s >= raw) ?? 10 * pow;
  const out: number[] = [];
  for (let t = 0; t <= total + 0.0001; t += step) out.push(t);
  return out;
}

/** Short axis label: "0", "250 ms", "1.5 s". */
export function tickLabel(ms: number): string {
  if (ms === 0) return '0';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(ms % 1000 === 0 ? 0 : 2))} s`;
}

/** Time spent running tools after a step. */
export function toolTime(step: TraceStep): number {
  return step.toolRuns.reduce((sum, r) => sum + Math.max(0, (r.endMs ?? r.startMs) - r.startMs), 0);
}
