// The suite runner: every case × model runs the playground's tool loop (runToolLoop) with the suite's
// tools (mock and script through executeTool; MCP tools through the optional hook), records a trace per
// cell, and evaluates the case's assertions. A few cells run at a time. The app (SuiteService) and the
// headless CLI (electron/cli/suite.ts) both call runSuite, so they cannot drift.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { priceFor, usageCost } from '../../../shared/cost';
import { defaultProtocolFor, type AppError, type Message, type ModelPrice, type Part, type Protocol, type Trace, type Usage } from '../../../shared/domain';
import { toToolDefinition, turnText, type Suite, type SuiteCase, type SuiteCell } from '../../../shared/suite';
import type { ToolDefinition } from '../../../shared/tools';
import { createInputValidator, DEFAULT_MAX_STEPS, executeTool, runToolLoop, type LoopTurn, type ToolResult } from '../../tools';
import type { Redactor } from '../redact';
import { createTraceRecorder, type TraceRecorder } from '../trace-recorder';
import { evaluateAll, type Observed, type ObservedCall } from './assertions';
import type { McpHook, McpSession } from './mcp-hook';
import { runSuiteStep, type SuiteTarget } from './step';

export const DEFAULT_CONCURRENCY = 3;
/** Error codes that mean the gateway could not be reached at all (the CLI exits 2 on these). */
export const CONNECTION_CODES: ReadonlySet<AppError['code']> = new Set(['network', 'idle', 'key_origin']);

export interface SuiteRunDeps {
  target: SuiteTarget;
  redactor: Redactor;
  prices: Record<string, ModelPrice>;
  /** MCP servers as tool sources (electron/mcp/ provides it); absent: a suite naming servers errors */
  mcp?: McpHook;
  concurrency?: number;
  idleTimeoutMs?: number;
}

export interface RunSuiteOptions {
  /** default: the suite's own models */
  models?: readonly string[];
  /** overrides the suite's protocol (default: the suite's, else by model name) */
  protocol?: Protocol;
  signal?: AbortSignal;
  /** the thread the traces belong to (the app's), or any label */
  traceThreadId?: string;
  /** every state change of a cell: queued (all at once first), running, then its result */
  onCell?: (cell: SuiteCell, trace: Trace | null) => void;
}

export interface CellOutcome {
  cell: SuiteCell;
  trace: Trace | null;
  /** the code of the error that stopped the cell, if any */
  errorCode?: AppError['code'];
}

export const MCP_UNAVAILABLE = 'MCP servers are not available';

/** Tokens a step used, each counted once (OpenAI-format input already includes the cached ones). */
function stepTokens(u: Usage | null): number {
  if (!u) return 0;
  const cache = u.cacheInInput ? 0 : (u.cacheReadTokens ?? 0) + (u.cacheWriteTokens ?? 0);
  return (u.inputTokens ?? 0) + (u.outputTokens ?? 0) + cache;
}

function msg(role: Message['role'], parts: Part[], status: Message['status'], createdAt: number, model: string | null = null): Message {
  return { id: randomUUID(), threadId: 'suite', role, parts, status, error: null, usage: null, model, finishReason: null, createdAt };
}

/** Loop turns → messages as the request builders read them (tool results are a `tool` message). */
function toMessages(turns: readonly LoopTurn[]): Message[] {
  return turns.map((t, i) => {
    const results = t.role === 'user' && t.parts.length > 0 && t.parts.every((p) => p.type === 'tool_result');
    return msg(results ? 'tool' : t.role, t.parts, 'done', i);
  });
}

export function cellsFor(suite: Suite, models: readonly string[]): SuiteCell[] {
  return suite.cases.flatMap((c) =>
    models.map((model): SuiteCell => ({ id: randomUUID(), caseName: c.name, model, status: 'queued', assertions: [], steps: 0, tokens: 0, ms: 0, cost: null })),
  );
}

/** Runs every cell; resolves with each cell's final state in matrix order. Never throws for a cell. */
export async function runSuite(suite: Suite, deps: SuiteRunDeps, opts: RunSuiteOptions = {}, cells?: SuiteCell[]): Promise<CellOutcome[]> {
  const models = opts.models?.length ? [...opts.models] : suite.models;
  const all = cells ?? cellsFor(suite, models);
  for (const c of all) opts.onCell?.(c, null);
  let mcp: McpSession | null = null;
  let mcpError: string | null = null;
  if (suite.mcpServers && Object.keys(suite.mcpServers).length > 0) {
    if (!deps.mcp) mcpError = MCP_UNAVAILABLE;
    else {
      try {
        mcp = await deps.mcp.connect(suite.mcpServers);
      } catch (err) {
        mcpError = `MCP servers could not start: ${deps.redactor.text((err as Error).message)}`;
      }
    }
  }
  const out: CellOutcome[] = new Array(all.length);
  let next = 0;
  const worker = async () => {
    while (next < all.length) {
      const i = next++;
      const cell = all[i]!;
      const kase = suite.cases.find((c) => c.name === cell.caseName);
      opts.onCell?.({ ...cell, status: 'running' }, null);
      const done: CellOutcome = mcpError || !kase
        ? { cell: { ...cell, status: 'error', error: mcpError ?? 'no such case' }, trace: null }
        : await runCell(suite, kase, cell, mcp, deps, opts);
      out[i] = done;
      opts.onCell?.(done.cell, done.trace);
    }
  };
  try {
    const n = Math.max(1, Math.min(deps.concurrency ?? DEFAULT_CONCURRENCY, all.length));
    await Promise.all(Array.from({ length: n }, worker));
  } finally {
    await mcp?.close().catch(() => undefined);
  }
  return out;
}

async function runCell(suite: Suite, kase: SuiteCase, cell: SuiteCell, mcp: McpSession | null, deps: SuiteRunDeps, opts: RunSuiteOptions): Promise<CellOutcome> {
  const protocol = opts.protocol ?? suite.protocol ?? defaultProtocolFor(cell.model);
  const own: ToolDefinition[] = suite.tools.map(toToolDefinition);
  const remote = mcp?.tools.filter((t) => !own.some((o) => o.name === t.name)) ?? [];
  const tools = [...own, ...remote];
  const trace = createTraceRecorder({ messageId: cell.id, threadId: opts.traceThreadId ?? 'suite', protocol, model: cell.model, redactor: deps.redactor });
  const signal = opts.signal ?? new AbortController().signal;
  const calls: ObservedCall[] = [];
  const texts: string[] = [];
  let tokens = 0;
  let cost: number | null = null;
  const price = priceFor(deps.prices, cell.model);
  let errorCode: AppError['code'] | undefined;
  const limit = kase.expect.reduce((m, a) => ('maxSteps' in a ? Math.max(m, a.maxSteps + 1) : m), DEFAULT_MAX_STEPS);
  const t0 = performance.now();
  const result = await runToolLoop({
    history: kase.messages.map((m) => ({ role: 'user', parts: [{ type: 'text', text: turnText(m) }] })),
    maxSteps: Math.min(50, limit),
    signal,
    validate: createInputValidator(tools),
    runStep: async (turns, { signal: s }) => {
      const message = msg('assistant', [], 'streaming', turns.length, cell.model);
      const final = await runSuiteStep({
        target: deps.target,
        protocol,
        model: cell.model,
        system: suite.system ?? '',
        maxTokens: suite.max_tokens,
        cacheMode: suite.cache,
        history: [...toMessages(turns), message],
        message,
        tools: tools.length ? { tools, toolChoice: { type: 'auto' } } : null,
        signal: s,
        trace,
        redactor: deps.redactor,
        idleTimeoutMs: deps.idleTimeoutMs,
      });
      tokens += stepTokens(final.usage);
      if (final.usage && price) cost = (cost ?? 0) + usageCost(final.usage, price);
      for (const p of final.parts) if (p.type === 'text' && p.text) texts.push(p.text);
      if (final.error) errorCode = final.error.code;
      const status = final.status === 'streaming' || final.status === 'interrupted' ? 'error' : final.status;
      return { parts: final.parts, stopReason: final.finishReason, status, error: final.error?.message };
    },
    execute: (call, { signal: s }) => execute(call.id, call.name, call.input, s, own, mcp, trace),
    onEvent: (ev) => {
      if (ev.type === 'tool-end') calls.push({ name: ev.run.name, input: ev.run.input, isError: ev.run.isError, content: ev.run.content });
    },
  });
  const ms = performance.now() - t0;
  const observed: Observed = { calls, text: texts.join('\n'), steps: result.steps, tokens, ms };
  const assertions = evaluateAll(kase.expect, observed);
  const failed = assertions.some((a) => !a.passed);
  const error = result.reason === 'error' ? deps.redactor.text(result.error) : result.reason === 'aborted' ? 'stopped' : undefined;
  const status: SuiteCell['status'] = error ? 'error' : failed ? 'fail' : 'pass';
  const snapshot = trace.snapshot();
  return {
    cell: { ...cell, status, assertions, steps: result.steps, tokens, ms: Math.round(ms), cost, ...(error ? { error } : {}), hasTrace: snapshot.steps.length > 0 },
    trace: snapshot,
    ...(errorCode ? { errorCode } : {}),
  };
}

async function execute(
  id: string,
  name: string,
  input: unknown,
  signal: AbortSignal,
  own: readonly ToolDefinition[],
  mcp: McpSession | null,
  trace: TraceRecorder,
): Promise<ToolResult> {
  trace.toolRunStart(id, name);
  let out: ToolResult;
  const def = own.find((t) => t.name === name);
  if (def) {
    const r = await executeTool(def, input, { signal });
    if (r.status === 'aborted') throw signal.reason ?? new Error('stopped');
    // Suites never hold manual tools (the schema refuses them); answer as an error if one slips through.
    out = r.status === 'waiting' ? { content: 'manual tools cannot run in a suite', isError: true } : { content: r.content, isError: r.isError, durationMs: r.durationMs };
  } else if (mcp?.tools.some((t) => t.name === name)) {
    const r = await mcp.execute(name, input, signal);
    out = { content: r.content, isError: r.isError };
  } else {
    out = { content: `there is no tool named "${name}"`, isError: true };
  }
  trace.toolRunEnd(id, { isError: out.isError });
  return out;
}
