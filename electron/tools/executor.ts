// Runs one tool call by its definition's mode: mock (a fixed or templated result), script (the QuickJS
// sandbox) or manual (the caller asks the user, starting from manualSkeleton).
import { performance } from 'node:perf_hooks';
import type { LoopToolCall, ToolResult } from './loop';
import { runScript as sharedRunScript, type RunScriptOptions, type RunScriptResult } from './sandbox';
import type { ToolResultBlock } from '../../shared/domain';
import type { ToolDefinition, ToolRun } from './schema';
import { renderTemplate } from './template';

export type ExecuteResult =
  | {
      status: 'done' | 'error';
      /** what goes into the tool_result; scripts: a string result as is, anything else as JSON */
      content: string;
      isError: boolean;
      durationMs: number;
      /** the script's console output, for the UI (never sent to the model) */
      logs?: string[];
      /** MCP results: the content blocks (texts, images) `content` is the text of */
      blocks?: ToolResultBlock[];
    }
  | { status: 'aborted'; content: string; isError: true; durationMs: number }
  /** manual mode: ask the user, starting from `skeleton` */
  | { status: 'waiting'; skeleton: string };

export interface ExecuteOptions {
  signal?: AbortSignal;
  /** the sandbox to use; default: the app's shared one */
  runScript?: (opts: RunScriptOptions) => Promise<RunScriptResult>;
  /** calls an MCP server's tool (electron/mcp/); without it an MCP tool answers with an error */
  callMcp?: (run: Extract<ToolRun, { mode: 'mcp' }>, input: unknown, signal?: AbortSignal) => Promise<McpCallOutcome>;
}

/** What an MCP call gives the model: its text, its blocks, and whether it is an error. */
export interface McpCallOutcome {
  content: string;
  isError: boolean;
  blocks?: ToolResultBlock[];
}

/** The text the manual result editor starts from. */
export function manualSkeleton(def: ToolDefinition, input?: unknown): string {
  if (def.run.mode === 'mock') return renderTemplate(def.run.result, input ?? {});
  return JSON.stringify({ result: '' }, null, 2);
}

export async function executeTool(def: ToolDefinition, input: unknown, opts: ExecuteOptions = {}): Promise<ExecuteResult> {
  const t0 = performance.now();
  const elapsed = () => performance.now() - t0;
  if (opts.signal?.aborted) return { status: 'aborted', content: 'stopped', isError: true, durationMs: 0 };
  const run = def.run;
  switch (run.mode) {
    case 'manual':
      return { status: 'waiting', skeleton: manualSkeleton(def, input) };
    case 'mock': {
      const content = renderTemplate(run.result, input);
      const isError = run.isError === true;
      return { status: isError ? 'error' : 'done', content, isError, durationMs: elapsed() };
    }
    case 'script': {
      const r = await (opts.runScript ?? sharedRunScript)({
        code: run.code,
        input,
        timeoutMs: run.timeoutMs,
        memoryMb: run.memoryMb,
        signal: opts.signal,
      });
      if (r.ok) {
        const content = typeof r.result === 'string' ? r.result : JSON.stringify(r.result);
        return { status: 'done', content, isError: false, durationMs: r.durationMs, logs: r.logs };
      }
      if (r.kind === 'aborted') return { status: 'aborted', content: 'stopped', isError: true, durationMs: elapsed() };
      return { status: 'error', content: r.error, isError: true, durationMs: r.durationMs, logs: r.logs };
    }
    case 'mcp': {
      if (!opts.callMcp) return { status: 'error', content: `MCP server "${run.server}" is not connected`, isError: true, durationMs: 0 };
      const r = await opts.callMcp(run, input, opts.signal);
      if (opts.signal?.aborted) return { status: 'aborted', content: 'stopped', isError: true, durationMs: elapsed() };
      return { status: r.isError ? 'error' : 'done', content: r.content, isError: r.isError, durationMs: elapsed(), ...(r.blocks ? { blocks: r.blocks } : {}) };
    }
  }
}

export interface ToolExecutorOptions extends Pick<ExecuteOptions, 'runScript'> {
  /** manual mode: ask the user for the result (the UI's result editor), pre-filled with `skeleton` */
  askResult: (call: LoopToolCall, skeleton: string, signal: AbortSignal) => Promise<{ content: string; isError: boolean }>;
}

/**
 * The tool loop's `execute` for a tool set. A name that is not in the set answers with an error result;
 * an abort during a run rejects with the signal's reason, so the loop ends as aborted.
 */
export function createToolExecutor(tools: readonly ToolDefinition[], opts: ToolExecutorOptions) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return async (call: LoopToolCall, ctx: { signal: AbortSignal }): Promise<ToolResult> => {
    const def = byName.get(call.name);
    if (!def) return { content: `there is no tool named "${call.name}"`, isError: true };
    const r = await executeTool(def, call.input, { signal: ctx.signal, runScript: opts.runScript });
    if (r.status === 'aborted') throw ctx.signal.reason ?? new Error('stopped');
    if (r.status === 'waiting') {
      const t0 = performance.now();
      const answer = await opts.askResult(call, r.skeleton, ctx.signal);
      return { ...answer, durationMs: performance.now() - t0 };
    }
    return { content: r.content, isError: r.isError, durationMs: r.durationMs, logs: r.logs };
  };
}
