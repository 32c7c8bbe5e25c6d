// What leaves a trace: a step as a curl command, the whole trace as a JSON file, and the per-step timings
// the trace view's waterfall draws. Everything here works on an already redacted Trace; the key itself
// only ever appears as a shell variable the user sets.
import type { Trace, TraceStep } from '../../shared/domain';
import { isElided, KEY_HEADERS } from './trace-sanitize';

export const DEFAULT_KEY_PLACEHOLDER = '$YIBU_API_KEY';
export const TRACE_EXPORT_FORMAT = 'yibu-chat-trace';
export const TRACE_EXPORT_VERSION = 1;

/** curl computes these itself; a recorded value would be wrong once the user edits the body. */
const SKIPPED_HEADERS: ReadonlySet<string> = new Set(['content-length', 'host']);

/** POSIX single quotes: nothing inside is expanded; a quote is closed, escaped and reopened. */
export function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** Double quotes with everything but the placeholder's `$` escaped, so only the key variable expands. */
function doubleQuoteWith(prefix: string, placeholder: string): string {
  const esc = (s: string) => s.replace(/[\\"`$]/g, (c) => `\\${c}`);
  return `"${esc(prefix)}${placeholder}"`;
}

function headerArg(name: string, value: string, placeholder: string): string {
  if (name === 'authorization') {
    const scheme = /^(\S+)\s/.exec(value)?.[1] ?? 'Bearer';
    return doubleQuoteWith(`${name}: ${scheme} `, placeholder);
  }
  if (KEY_HEADERS.has(name)) return doubleQuoteWith(`${name}: `, placeholder);
  // proxy-authorization, cookies and anything else masked stay as recorded: masked.
  return shellQuote(`${name}: ${value}`);
}

function countElided(v: unknown): number {
  if (typeof v === 'string') return isElided(v) ? (v.match(/\[base64 /g)?.length ?? 0) : 0;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countElided(x), 0);
  if (v && typeof v === 'object') return Object.values(v).reduce((n: number, x) => n + countElided(x), 0);
  return 0;
}

/**
 * A copy-pasteable curl command for the step's request. The key is `$YIBU_API_KEY` (set it first);
 * base64 payloads stay elided, which a trailing comment says.
 */
export function toCurl(step: TraceStep, opts: { keyPlaceholder?: string } = {}): string {
  const placeholder = opts.keyPlaceholder ?? DEFAULT_KEY_PLACEHOLDER;
  const { url, method, headers, body } = step.request;
  const lines = [`curl -N -X ${method} ${shellQuote(url)}`];
  for (const [rawName, value] of Object.entries(headers)) {
    const name = rawName.toLowerCase();
    if (SKIPPED_HEADERS.has(name)) continue;
    lines.push(`-H ${headerArg(name, value, placeholder)}`);
  }
  if (body !== null && body !== undefined) {
    lines.push(`--data-raw ${shellQuote(typeof body === 'string' ? body : JSON.stringify(body))}`);
  }
  let out = lines.join(' \\\n  ');
  const elided = countElided(body);
  if (elided > 0) {
    out +=
      `\n# Note: ${elided} base64 payload(s) were elided from this trace ("[base64 <type>, <bytes>, sha256 <hash>]");` +
      ' put the data back before sending, or the API will reject the request.';
  }
  return out;
}

/** The whole trace as a JSON file, with a small header saying what it is. */
export function exportTrace(trace: Trace, opts: { exportedAt?: Date } = {}): string {
  const file = {
    format: TRACE_EXPORT_FORMAT,
    version: TRACE_EXPORT_VERSION,
    exportedAt: (opts.exportedAt ?? new Date()).toISOString(),
    trace,
  };
  return JSON.stringify(file, null, 2);
}

export interface TraceStepSummary {
  index: number;
  /** ms from the first step's start to this one's (wall clock), for laying steps out on one axis */
  offsetMs: number;
  status: string | null;
  errorCode: string | null;
  headersMs: number | null;
  firstByteMs: number | null;
  firstTokenMs: number | null;
  totalMs: number | null;
  inputTokens: number | null;
  outputTokens: number | null;
  stopReason: string | null;
  /** wall time spent running this step's tools (parallel runs counted once); finished runs only */
  toolMs: number;
  toolRuns: number;
  retries: number;
  frames: number;
}

/** Union length of [start, end) intervals: two tools running side by side for 1 s took 1 s. */
function coveredMs(intervals: Array<[number, number]>): number {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  let total = 0;
  let end = -Infinity;
  for (const [a, b] of sorted) {
    if (a >= end) {
      total += b - a;
      end = b;
    } else if (b > end) {
      total += b - end;
      end = b;
    }
  }
  return total;
}

/** Per step: where the time went, as the waterfall shows it. */
export function traceSummary(trace: Trace): TraceStepSummary[] {
  const origin = trace.steps[0]?.startedAt ?? trace.createdAt;
  return trace.steps.map((s) => {
    const runs = s.toolRuns.filter((r) => r.endMs !== undefined).map((r): [number, number] => [r.startMs, r.endMs!]);
    return {
      index: s.index,
      offsetMs: s.startedAt - origin,
      status: s.status,
      errorCode: s.error?.code ?? null,
      headersMs: s.timings.headersMs ?? null,
      firstByteMs: s.timings.firstByteMs ?? null,
      firstTokenMs: s.timings.firstTokenMs ?? null,
      totalMs: s.timings.totalMs ?? null,
      inputTokens: s.usage?.inputTokens ?? null,
      outputTokens: s.usage?.outputTokens ?? null,
      stopReason: s.stopReason,
      toolMs: coveredMs(runs),
      toolRuns: s.toolRuns.length,
      retries: s.retries.length,
      frames: s.frames.length + (s.framesDropped ?? 0),
    };
  });
}
