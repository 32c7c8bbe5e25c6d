// The tool loop: model step → tool calls → one user turn with every tool_result → next step, until the
// model stops calling tools, the user stops, or the step limit. A pure orchestrator: the model call, the
// tool runs, the user's decisions and validation are all injected, so both protocols, the UI and the
// tests drive the same code. History uses the Part shapes of shared/domain.ts; the HTTP side maps a user
// turn of tool_result parts to its protocol (Anthropic: one user message; OpenAI: one `role:"tool"`
// message per result).
import { performance } from 'node:perf_hooks';
import type { Part, ToolResultBlock } from '../../shared/domain';
import { describeIssues, type Issue } from './schema';

export type ToolCallPart = Extract<Part, { type: 'tool_call' }>;
export type ToolResultPart = Extract<Part, { type: 'tool_result' }>;

export interface LoopTurn {
  role: 'user' | 'assistant';
  parts: Part[];
}

/** What one model call produced. */
export interface StepOutcome {
  /** the assistant turn's parts in order (text, thinking, tool_call …) */
  parts: Part[];
  /** the API's stop_reason / finish_reason */
  stopReason: string | null;
  /** how the stream ended (default 'done'): 'stopped' ends the loop as aborted, 'error'/'truncated' as error */
  status?: 'done' | 'stopped' | 'error' | 'truncated';
  error?: string;
}

export interface LoopToolCall {
  id: string;
  name: string;
  input: unknown;
  /** the step (1-based) whose assistant turn made the call; 0 for open calls resumed from `history` */
  step: number;
}

export interface ToolResult {
  content: string;
  isError: boolean;
  /** when the executor measured it itself (e.g. the sandbox's run time); else the loop measures */
  durationMs?: number;
  logs?: string[];
  /** the result as content blocks (MCP: texts and images); `content` is then their text */
  blocks?: ToolResultBlock[];
}

export type BeforeRunDecision =
  | { action: 'run' | 'edit'; input?: unknown }
  | { action: 'result'; content: string; isError: boolean };

export type InvalidInputDecision = { action: 'error'; content?: string } | { action: 'run'; input: unknown };

export interface ToolRunRecord {
  step: number;
  callId: string;
  name: string;
  /** the input actually used (after the user's edits); undefined when the input never became valid */
  input: unknown;
  content: string;
  isError: boolean;
  durationMs: number;
  /** executed; answered by the user in beforeRun; answered with an error because the input was invalid */
  source: 'executed' | 'user' | 'invalid';
  logs?: string[];
  blocks?: ToolResultBlock[];
}

export type LoopEvent =
  | { type: 'step-start'; step: number }
  | { type: 'step-end'; step: number; outcome: StepOutcome }
  | { type: 'invalid-input'; step: number; call: ToolCallPart; issues: Issue[] }
  | { type: 'tool-start'; call: LoopToolCall }
  | { type: 'tool-end'; run: ToolRunRecord };

export interface RunToolLoopOptions {
  /** the conversation so far; if it ends with an assistant turn with tool calls, those run first */
  history?: readonly LoopTurn[];
  runStep: (history: readonly LoopTurn[], ctx: { step: number; signal: AbortSignal }) => Promise<StepOutcome>;
  execute: (call: LoopToolCall, ctx: { signal: AbortSignal }) => Promise<ToolResult>;
  /** pause before each run: run it, run it with an edited input, or answer it without running */
  beforeRun?: (call: LoopToolCall) => Promise<BeforeRunDecision>;
  /** schema check of an input (e.g. createInputValidator(tools)); default: every parsed input is valid */
  validate?: (call: { name: string; input: unknown }) => { ok: true } | { ok: false; errors: Issue[] };
  /** an input that is not valid JSON or fails validation; default: send an error result */
  onInvalidInput?: (call: ToolCallPart, issues: Issue[]) => Promise<InvalidInputDecision>;
  onEvent?: (ev: LoopEvent) => void;
  /** model calls per loop (default 8) */
  maxSteps?: number;
  signal?: AbortSignal;
}

export type LoopEnd =
  | { reason: 'done'; stopReason: string | null }
  | { reason: 'aborted' }
  /** the last step's tool calls were not run; calling runToolLoop again with `history` runs them */
  | { reason: 'step_limit'; pendingCalls: ToolCallPart[] }
  | { reason: 'error'; error: string };

export type ToolLoopResult = LoopEnd & {
  /** model calls made */
  steps: number;
  /** the input history plus every turn added */
  history: LoopTurn[];
  /** the turns this loop added, in order */
  turns: LoopTurn[];
  runs: ToolRunRecord[];
};

export const DEFAULT_MAX_STEPS = 8;
/** how many times onInvalidInput may answer with an input that is still invalid */
const MAX_FIX_ATTEMPTS = 3;

const toolCalls = (turn: LoopTurn) => turn.parts.filter((p): p is ToolCallPart => p.type === 'tool_call');

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('aborted');
}

/** Resolves with `p`, or rejects as soon as the signal aborts (a callback that ignores it cannot hold the loop). */
function untilAbort<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => (signal.removeEventListener('abort', onAbort), resolve(v)),
      (e) => (signal.removeEventListener('abort', onAbort), reject(e)),
    );
  });
}

/** The call's input as the model sent it: parsed, or the reason it cannot be. */
export function callInput(part: ToolCallPart): { ok: true; input: unknown } | { ok: false; errors: Issue[] } {
  const bad = (why: string) => ({ ok: false as const, errors: [{ path: '', message: `the input is not valid JSON: ${why}` }] });
  if (part.inputError) return bad(part.inputError);
  if (part.input !== undefined) return { ok: true, input: part.input };
  const text = part.inputJson.trim();
  if (!text) return { ok: true, input: {} }; // a tool without parameters streams no input at all
  try {
    return { ok: true, input: JSON.parse(text) };
  } catch (err) {
    return bad((err as Error).message);
  }
}

export function invalidInputMessage(name: string, issues: readonly Issue[]): string {
  return `Invalid input for tool "${name}": ${describeIssues(issues)}`;
}

export async function runToolLoop(opts: RunToolLoopOptions): Promise<ToolLoopResult> {
  const signal = opts.signal ?? new AbortController().signal;
  const maxSteps = opts.maxSteps ?? DEFAULT_MAX_STEPS;
  const history: LoopTurn[] = [...(opts.history ?? [])];
  const turns: LoopTurn[] = [];
  const runs: ToolRunRecord[] = [];
  let steps = 0;
  const end = (e: LoopEnd): ToolLoopResult => ({ ...e, steps, history, turns, runs });
  const emit = (ev: LoopEvent) => {
    try {
      opts.onEvent?.(ev);
    } catch {
      // a listener's failure is not the loop's
    }
  };
  const push = (turn: LoopTurn) => (history.push(turn), turns.push(turn));
  const validate = (name: string, input: unknown): Issue[] => {
    const r = opts.validate?.({ name, input });
    return r && !r.ok ? r.errors : [];
  };

  /** A valid input for the call, or the error result to send instead. */
  async function validInput(part: ToolCallPart, first: { ok: true; input: unknown } | { ok: false; errors: Issue[] }, step: number) {
    let issues = first.ok ? validate(part.name, first.input) : first.errors;
    let input = first.ok ? first.input : undefined;
    for (let attempt = 0; issues.length; attempt++) {
      emit({ type: 'invalid-input', step, call: part, issues });
      const decision: InvalidInputDecision =
        opts.onInvalidInput && attempt < MAX_FIX_ATTEMPTS
          ? await untilAbort(opts.onInvalidInput(part, issues), signal)
          : { action: 'error' };
      if (decision.action === 'error') {
        return { ok: false, error: decision.content ?? invalidInputMessage(part.name, issues) } as const;
      }
      input = decision.input;
      issues = validate(part.name, input);
    }
    return { ok: true, input } as const;
  }

  async function runOne(part: ToolCallPart, step: number): Promise<ToolRunRecord> {
    const base = { step, callId: part.id, name: part.name };
    const checked = await validInput(part, callInput(part), step);
    if (!checked.ok) return { ...base, input: undefined, content: checked.error, isError: true, durationMs: 0, source: 'invalid' };
    const call: LoopToolCall = { id: part.id, name: part.name, input: checked.input, step };
    if (opts.beforeRun) {
      const d = await untilAbort(opts.beforeRun(call), signal);
      if (d.action === 'result') return { ...base, input: call.input, content: d.content, isError: d.isError, durationMs: 0, source: 'user' };
      if (d.action === 'edit' && d.input !== undefined) {
        const edited = await validInput(part, { ok: true, input: d.input }, step);
        if (!edited.ok) return { ...base, input: undefined, content: edited.error, isError: true, durationMs: 0, source: 'invalid' };
        call.input = edited.input;
      }
    }
    emit({ type: 'tool-start', call });
    const t0 = performance.now();
    try {
      const r = await untilAbort(opts.execute(call, { signal }), signal);
      return {
        ...base,
        input: call.input,
        content: r.content,
        isError: r.isError,
        durationMs: r.durationMs ?? performance.now() - t0,
        source: 'executed',
        ...(r.logs ? { logs: r.logs } : {}),
        ...(r.blocks ? { blocks: r.blocks } : {}),
      };
    } catch (err) {
      if (signal.aborted) throw err;
      const message = err instanceof Error ? err.message : String(err);
      return { ...base, input: call.input, content: `the tool failed: ${message}`, isError: true, durationMs: performance.now() - t0, source: 'executed' };
    }
  }

  /** Runs a turn's calls in order of appearance; the tool results make one user turn. */
  async function runCalls(turn: LoopTurn, step: number): Promise<void> {
    const setStatus = (id: string, status: ToolCallPart['status']) => {
      turn.parts = turn.parts.map((p) => (p.type === 'tool_call' && p.id === id ? { ...p, status } : p));
    };
    const results: ToolResultPart[] = [];
    for (const part of toolCalls(turn)) {
      if (signal.aborted) throw abortError(signal);
      setStatus(part.id, 'running');
      let run: ToolRunRecord;
      try {
        run = await runOne(part, step);
      } catch (err) {
        setStatus(part.id, 'error');
        throw err;
      }
      runs.push(run);
      setStatus(part.id, run.isError ? 'error' : 'done');
      emit({ type: 'tool-end', run });
      results.push({
        type: 'tool_result',
        toolCallId: part.id,
        content: run.content,
        isError: run.isError,
        ...(run.blocks ? { blocks: run.blocks } : {}),
      });
    }
    push({ role: 'user', parts: results });
  }

  try {
    const last = history[history.length - 1];
    if (last?.role === 'assistant' && toolCalls(last).length) {
      // Resuming (after a step limit or a stop): answer the open calls first. Our own copy of the turn,
      // since running updates its tool_call statuses.
      const own: LoopTurn = { role: 'assistant', parts: [...last.parts] };
      history[history.length - 1] = own;
      await runCalls(own, 0);
    }
    for (;;) {
      if (signal.aborted) return end({ reason: 'aborted' });
      if (steps >= maxSteps) return end({ reason: 'step_limit', pendingCalls: [] });
      const step = ++steps;
      emit({ type: 'step-start', step });
      const outcome = await untilAbort(opts.runStep(history.slice(), { step, signal }), signal);
      emit({ type: 'step-end', step, outcome });
      const turn: LoopTurn = { role: 'assistant', parts: [...outcome.parts] };
      push(turn);
      if (outcome.status === 'stopped' || signal.aborted) return end({ reason: 'aborted' });
      if (outcome.status === 'error' || outcome.status === 'truncated') {
        return end({ reason: 'error', error: outcome.error ?? `the model's answer ended ${outcome.status}` });
      }
      const calls = toolCalls(turn);
      if (calls.length === 0) {
        if (outcome.stopReason === 'pause_turn') continue; // the API asks for the same content back
        return end({ reason: 'done', stopReason: outcome.stopReason });
      }
      if (step >= maxSteps) return end({ reason: 'step_limit', pendingCalls: calls });
      await runCalls(turn, step);
    }
  } catch (err) {
    if (signal.aborted) return end({ reason: 'aborted' });
    return end({ reason: 'error', error: err instanceof Error ? err.message : String(err) });
  }
}
