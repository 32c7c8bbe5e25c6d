// Records every HTTP exchange of one answer (each step of the tool loop) for the trace view: the request
// as sent (key masked, base64 elided), the response head, every SSE frame with its time, and timings
// derived from the ChatEvents. Plugs into streamChat's callbacks; never throws from a callback, because a
// trace must not be able to break the answer it records.
import { randomUUID } from 'node:crypto';
import type { ChatEvent } from '../../shared/chat-events';
import { Trace, type AppError, type Protocol, type TraceBlock, type TraceStep, type Usage } from '../../shared/domain';
import type { HttpRequest, RawFrame, ResponseInfo } from '../providers/types';
import type { Redactor } from './redact';
import { elideBase64, elideDataUrls, maskHeaders, sanitizeBody } from './trace-sanitize';

/** What the MCP hub reports of one call (electron/mcp/connection.ts McpCallRecord). */
export interface McpCallDetail {
  server: string;
  tool: string;
  startedAt: number;
  endedAt: number;
  request: unknown;
  response: unknown;
  stderr: { at: number; line: string }[];
}

export const DEFAULT_MAX_FRAMES_PER_STEP = 50_000;

export interface TraceRecorderOptions {
  messageId: string;
  threadId: string;
  protocol: Protocol;
  model: string;
  redactor: Redactor;
  /** monotonic clock for the ms inside a step; default performance.now() */
  now?: () => number;
  /** wall clock for createdAt / startedAt; default Date.now(), or `now` when only `now` is injected */
  wallNow?: () => number;
  maxFramesPerStep?: number;
  /** default a random UUID */
  id?: string;
}

export interface TraceRecorder {
  readonly id: string;
  beginStep(request: HttpRequest): void;
  onResponse(info: ResponseInfo): void;
  onFrame(frame: RawFrame): void;
  onEvent(ev: ChatEvent): void;
  onRetry(info: { attempt: number; waitMs: number; error: AppError }): void;
  endStep(result: { status: string | null; error: AppError | null }): void;
  /** ms are relative to the start of the last step: the one whose response asked for the tool */
  toolRunStart(toolCallId: string, name: string): void;
  toolRunEnd(toolCallId: string, result: { isError: boolean }): void;
  /** the MCP call behind a tool run; wall-clock times, placed on the run's step */
  toolRunMcp(toolCallId: string, call: McpCallDetail): void;
  /** a deep copy, validated against the Trace schema */
  snapshot(): Trace;
}

/** The events that mean the model produced output: the first one sets firstTokenMs. */
const TOKEN_EVENTS: ReadonlySet<ChatEvent['type']> = new Set<ChatEvent['type']>([
  'text',
  'refusal',
  'thinking',
  'redacted-thinking',
  'tool-call-start',
  'tool-call-delta',
]);

interface StepState {
  step: TraceStep;
  /** monotonic time of beginStep */
  t0: number;
  open: boolean;
  /** open blocks by ChatEvent key, with the time of their last event */
  openBlocks: Map<string, { block: TraceBlock; lastMs: number }>;
}

export function createTraceRecorder(opts: TraceRecorderOptions): TraceRecorder {
  const now = opts.now ?? (() => performance.now());
  const wallNow = opts.wallNow ?? opts.now ?? Date.now;
  const maxFrames = Math.max(0, Math.floor(opts.maxFramesPerStep ?? DEFAULT_MAX_FRAMES_PER_STEP));
  const { redactor } = opts;
  const trace: Trace = {
    id: opts.id ?? randomUUID(),
    messageId: opts.messageId,
    threadId: opts.threadId,
    protocol: opts.protocol,
    model: opts.model,
    createdAt: wallNow(),
    steps: [],
  };
  let current: StepState | null = null;

  const msSince = (s: StepState): number => Math.round(now() - s.t0);

  /** Blocks without an end event (text, thinking …) end at their last event, when the step ends. */
  function closeBlocks(s: StepState): void {
    for (const { block, lastMs } of s.openBlocks.values()) block.endMs = lastMs;
    s.openBlocks.clear();
  }

  function touchBlock(s: StepState, key: string, type: string, t: number, name?: string): void {
    const open = s.openBlocks.get(key);
    if (open) {
      open.lastMs = t;
      return;
    }
    const block: TraceBlock = { key, type, startMs: t };
    if (name !== undefined) block.name = redactor.text(name);
    s.step.blocks.push(block);
    s.openBlocks.set(key, { block, lastMs: t });
  }

  function finishStep(s: StepState, status: string | null, error: AppError | null): void {
    if (!s.open) return;
    s.open = false;
    s.step.timings.totalMs = msSince(s);
    closeBlocks(s);
    s.step.status = status;
    s.step.error = error ? redactor.value(error) : null;
  }

  return {
    id: trace.id,

    beginStep(request) {
      if (current?.open) finishStep(current, null, null);
      const step: TraceStep = {
        index: trace.steps.length,
        startedAt: wallNow(),
        request: {
          url: redactor.text(request.url),
          method: request.method,
          headers: maskHeaders(request.headers, redactor),
          body: sanitizeBody(request.body, redactor),
        },
        response: null,
        frames: [],
        retries: [],
        timings: {},
        blocks: [],
        toolRuns: [],
        usage: null,
        stopReason: null,
        status: null,
        error: null,
      };
      trace.steps.push(step);
      current = { step, t0: now(), open: true, openBlocks: new Map() };
    },

    onResponse(info) {
      const s = current;
      if (!s?.open) return;
      // After a retry this is the new attempt's response: the last one is the one that counts.
      s.step.response = { status: info.status, headers: maskHeaders(info.headers, redactor) };
      s.step.timings.headersMs = msSince(s);
    },

    onFrame(frame) {
      const s = current;
      if (!s?.open) return;
      const t = msSince(s);
      s.step.timings.firstByteMs ??= t;
      if (s.step.frames.length >= maxFrames) {
        s.step.framesDropped = (s.step.framesDropped ?? 0) + 1;
        return;
      }
      const out: TraceStep['frames'][number] = { t, data: redactor.text(elideDataUrls(frame.data)) };
      if (frame.event !== undefined) out.event = redactor.text(frame.event);
      s.step.frames.push(out);
    },

    onEvent(ev) {
      const s = current;
      if (!s?.open) return;
      const t = msSince(s);
      if (TOKEN_EVENTS.has(ev.type)) s.step.timings.firstTokenMs ??= t;
      switch (ev.type) {
        case 'text':
        case 'refusal':
        case 'thinking':
          touchBlock(s, ev.key, ev.type, t);
          break;
        case 'thinking-signature':
          touchBlock(s, ev.key, 'thinking', t);
          break;
        case 'redacted-thinking':
          touchBlock(s, ev.key, 'redacted_thinking', t);
          break;
        case 'tool-call-start':
          touchBlock(s, ev.key, 'tool_use', t, ev.name);
          break;
        case 'tool-call-delta':
          if (s.openBlocks.has(ev.key)) touchBlock(s, ev.key, 'tool_use', t);
          break;
        case 'tool-call-end': {
          const open = s.openBlocks.get(ev.key);
          if (open) {
            open.block.endMs = t;
            s.openBlocks.delete(ev.key);
          }
          break;
        }
        case 'usage': {
          // Usage is cumulative: each field's last value wins (message_start has input, message_delta output).
          const merged: Usage = { ...(s.step.usage ?? {}) };
          for (const [k, v] of Object.entries(ev.usage)) if (v !== undefined) (merged as Record<string, unknown>)[k] = v;
          s.step.usage = merged;
          break;
        }
        case 'finish':
          s.step.stopReason = redactor.text(ev.reason);
          break;
        case 'status':
          break; // the caller ends the step with endStep
      }
    },

    onRetry(info) {
      const s = current;
      if (!s?.open) return;
      s.step.retries.push({ attempt: info.attempt, waitMs: info.waitMs, code: info.error.code });
      // The next attempt gets its own first byte / first token; its frames follow the failed attempt's.
      delete s.step.timings.firstByteMs;
      delete s.step.timings.firstTokenMs;
    },

    endStep(result) {
      if (current) finishStep(current, result.status, result.error);
    },

    toolRunStart(toolCallId, name) {
      const s = current;
      if (!s) return;
      s.step.toolRuns.push({ toolCallId, name: redactor.text(name), startMs: msSince(s) });
    },

    toolRunEnd(toolCallId, result) {
      const s = current;
      if (!s) return;
      const run = s.step.toolRuns.find((r) => r.toolCallId === toolCallId && r.endMs === undefined);
      if (!run) return;
      run.endMs = msSince(s);
      run.isError = result.isError;
    },

    toolRunMcp(toolCallId, call) {
      const s = current;
      if (!s) return;
      const run = s.step.toolRuns.findLast((r) => r.toolCallId === toolCallId);
      if (!run) return;
      // The run's startMs is on the step's monotonic clock; stderr times are wall clock: place them
      // relative to the call's own start, then on the run.
      const at = (wall: number) => run.startMs + (wall - call.startedAt);
      run.mcp = {
        server: redactor.text(call.server),
        tool: redactor.text(call.tool),
        request: redactor.value(elideBase64(call.request)),
        response: redactor.value(elideBase64(call.response)),
        durationMs: Math.max(0, call.endedAt - call.startedAt),
        stderr: call.stderr.map((l) => ({ t: at(l.at), line: redactor.text(l.line) })),
      };
    },

    snapshot() {
      // In a live snapshot, open blocks have no endMs yet. structuredClone: zod would share `body`.
      return Trace.parse(structuredClone(trace));
    },
  };
}
