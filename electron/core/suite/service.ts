// The Tests tab's routes: a thread's suite (stored, imported, exported), "save as test case" from the
// thread, and runs. A run returns at once with its queued cells; each cell's progress is stored and
// broadcast (`suites.cell`) as runSuite reports it, and a settled cell is marked with what changed since
// the same cell of the previous run.
import { randomUUID } from 'node:crypto';
import type { Message, Thread, Trace } from '../../../shared/domain';
import { changeSince, checkSuite, SUITE_VERSION, type Assertion, type Suite, type SuiteCase, type SuiteRun, type SuiteTool } from '../../../shared/suite';
import { describeIssues, type ToolDefinition } from '../../../shared/tools';
import type { SuitesRepo } from '../../storage/suites';
import type { Clients } from '../clients';
import type { CoreContext } from '../context';
import { AppFailure } from '../failure';
import { exportTrace, toCurl } from '../trace-export';
import type { McpHook } from './mcp-hook';
import { cellsFor, runSuite } from './runner';

type Deps = Pick<CoreContext, 'threads' | 'messages' | 'playgrounds' | 'settings' | 'redactor' | 'logger' | 'threadTarget'>;

export interface SuiteView {
  suite: Suite;
  lastRun: SuiteRun | null;
}

export class SuiteService {
  /** runs still going, so a second Run of the same thread waits its turn instead of doubling requests */
  private readonly running = new Map<string, Promise<void>>();
  /** aborts every run (app shutdown) */
  private readonly stop = new AbortController();

  constructor(
    private readonly ctx: Deps,
    private readonly repo: SuitesRepo,
    private readonly clients: Pick<Clients, 'broadcast'>,
    private readonly mcp?: McpHook,
  ) {}

  get(threadId: string): SuiteView {
    const thread = this.thread(threadId);
    return { suite: this.repo.get(threadId) ?? this.blank(thread), lastRun: this.settleAbandoned(threadId, this.repo.runs(threadId, 1)[0] ?? null) };
  }

  /**
   * A run left unfinished by an earlier process (the app quit or crashed mid-run) would show queued
   * cells forever and keep Run disabled: its unsettled cells end as errors, and the run as finished.
   */
  private settleAbandoned(threadId: string, run: SuiteRun | null): SuiteRun | null {
    if (!run || run.finishedAt !== null || this.running.has(threadId)) return run;
    const cells = run.cells.map((c, i) => {
      if (c.status !== 'queued' && c.status !== 'running') return c;
      const ended = { ...c, status: 'error' as const, error: 'The app stopped before this cell finished.' };
      this.repo.putCell(run.id, i, ended, null);
      return ended;
    });
    const finishedAt = Date.now();
    this.repo.finishRun(run.id, finishedAt);
    return { ...run, finishedAt, cells };
  }

  save(threadId: string, value: unknown): Suite {
    this.thread(threadId);
    return this.repo.put(threadId, this.valid(value));
  }

  import(threadId: string, text: string): Suite {
    this.thread(threadId);
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw AppFailure.of('invalid_input', `This is not a suite file: not valid JSON (${(err as Error).message})`, { reason: 'suite_invalid' });
    }
    return this.repo.put(threadId, this.valid(json));
  }

  export(threadId: string): { json: string; fileName: string } {
    const { suite } = this.get(threadId);
    const slug = suite.name.replace(/[^\p{L}\p{N}_-]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'suite';
    return { json: JSON.stringify(suite, null, 2) + '\n', fileName: `${slug}.suite.json` };
  }

  /**
   * The thread's first user turn and its tool set become a case, with the assertions its answers
   * suggest: each tool called, with the input of its first call; none called: none may be.
   */
  saveCase(threadId: string): { suite: Suite; caseName: string } {
    const thread = this.thread(threadId);
    const path = this.ctx.messages.listByThread(threadId, { limit: 500 }).messages;
    const first = path.find((m) => m.role === 'user');
    const text = first?.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('\n').trim();
    if (!first || !text) throw AppFailure.of('invalid_input', 'This thread has no question to save as a test case yet.', { reason: 'suite_no_question' });
    const pg = this.ctx.playgrounds.get(threadId);
    const tools = suiteTools(pg.toolSet.tools, 'refuse');
    const current = this.repo.get(threadId) ?? this.blank(thread);
    const names = new Set(current.cases.map((c) => c.name));
    const base = text.replace(/\s+/g, ' ').slice(0, 60);
    let name = base;
    for (let n = 2; names.has(name); n++) name = `${base} (${n})`;
    const kase: SuiteCase = { name, messages: [text], expect: suggest(path, tools) };
    // Tools of the same name are replaced by the thread's current definitions; the suite's others stay.
    const merged = [...current.tools.filter((t) => !tools.some((x) => x.name === t.name)), ...tools];
    const models = current.models.includes(thread.model) ? current.models : [...current.models, thread.model];
    const suite = this.repo.put(threadId, { ...current, models, tools: merged, cases: [...current.cases, kase] });
    return { suite, caseName: name };
  }

  /** Starts a run of the thread's suite (all its models, or `models`); resolves with the queued matrix. */
  run(threadId: string, models?: readonly string[]): SuiteRun {
    const thread = this.thread(threadId);
    const suite = this.repo.get(threadId);
    if (!suite || suite.cases.length === 0) throw AppFailure.of('invalid_input', 'Save a test case first.', { reason: 'suite_empty' });
    const chosen = models?.length ? [...new Set(models)] : suite.models;
    const previous = this.repo.runs(threadId, 1)[0] ?? null;
    const run: SuiteRun = { id: randomUUID(), startedAt: Date.now(), finishedAt: null, models: chosen, cells: cellsFor(suite, chosen) };
    this.repo.addRun(threadId, run);
    const before = this.running.get(threadId) ?? Promise.resolve();
    const job = before.then(() => this.execute(thread, suite, run, previous)).catch((err: unknown) => {
      this.ctx.logger.error('suite run failed', { message: this.ctx.redactor.text((err as Error).message) });
    });
    this.running.set(threadId, job);
    void job.finally(() => this.running.get(threadId) === job && this.running.delete(threadId));
    return run;
  }

  /** The trace of a suite cell (the trace view asks by id, as for an answer). */
  trace(cellId: string): Trace | null {
    return this.ctx.redactor.value(this.repo.trace(cellId));
  }

  /** The trace view's "copy as curl" for a cell's step. */
  curl(cellId: string, step: number): { curl: string } {
    const s = this.mustTrace(cellId).steps[step];
    if (!s) throw AppFailure.of('not_found', 'That step is not in the trace.');
    return { curl: toCurl(s) };
  }

  /** The trace view's export for a cell. */
  exportTrace(cellId: string): { json: string; fileName: string } {
    const trace = this.mustTrace(cellId);
    const stamp = new Date(trace.createdAt).toISOString().replace(/[:.]/g, '-');
    return { json: exportTrace(trace), fileName: `yibu-suite-trace-${stamp}.json` };
  }

  private mustTrace(cellId: string): Trace {
    const trace = this.trace(cellId);
    if (!trace) throw AppFailure.of('not_found', 'No trace was recorded for this answer.');
    return trace;
  }

  /** Waits for every run still going (tests). */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()]);
  }

  /** Stops every run (their cells end as errors, stored) and waits for them. */
  async shutdown(): Promise<void> {
    this.stop.abort();
    await this.idle();
  }

  private async execute(thread: Thread, suite: Suite, run: SuiteRun, previous: SuiteRun | null): Promise<void> {
    const seq = new Map(run.cells.map((c, i) => [c.id, i]));
    const emit = (cell: SuiteRun['cells'][number], trace: Trace | null) => {
      const was = previous?.cells.find((c) => c.caseName === cell.caseName && c.model === cell.model);
      const out = { ...cell, changed: changeSince(was?.status, cell.status) };
      this.repo.putCell(run.id, seq.get(cell.id) ?? 0, out, trace);
      this.clients.broadcast('suites.cell', { threadId: thread.id, runId: run.id, cell: out });
    };
    let target;
    try {
      target = await this.ctx.threadTarget(thread.id);
    } catch (err) {
      const message = err instanceof AppFailure ? err.error.message : 'The gateway could not be reached.';
      for (const c of run.cells) emit({ ...c, status: 'error', error: message }, null);
      this.repo.finishRun(run.id, Date.now());
      return;
    }
    await runSuite(
      suite,
      { target, redactor: this.ctx.redactor, prices: this.ctx.settings.getSettings().prices, mcp: this.mcp },
      { models: run.models, traceThreadId: thread.id, onCell: emit, signal: this.stop.signal },
      run.cells,
    );
    this.repo.finishRun(run.id, Date.now());
  }

  private valid(value: unknown): Suite {
    const r = checkSuite(value);
    if (!r.ok) throw AppFailure.of('invalid_input', `This suite has problems: ${describeIssues(r.errors.slice(0, 5))}`, { reason: 'suite_invalid' });
    return r.suite;
  }

  private blank(thread: Thread): Suite {
    return {
      version: SUITE_VERSION,
      name: thread.title || 'Suite',
      models: [thread.model],
      ...(thread.systemPrompt ? { system: thread.systemPrompt } : {}),
      tools: suiteTools(this.ctx.playgrounds.get(thread.id).toolSet.tools, 'skip'),
      cases: [],
    };
  }

  private thread(id: string): Thread {
    const t = this.ctx.threads.get(id);
    if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
    return t;
  }
}

/**
 * The playground's tools as suite tools. MCP tools come from the suite's mcpServers, not its tool list. A
 * manual tool cannot run unattended: refused by name, or left out where the caller only offers defaults.
 */
function suiteTools(tools: readonly ToolDefinition[], manual: 'refuse' | 'skip'): SuiteTool[] {
  const out: SuiteTool[] = [];
  for (const t of tools) {
    const run = t.run;
    if (run.mode === 'mcp' || (run.mode === 'manual' && manual === 'skip')) continue;
    if (run.mode === 'manual') {
      throw AppFailure.of('invalid_input', `The tool "${t.name}" is answered by hand; switch it to mock or script to use it in a test.`, {
        reason: 'suite_manual_tool',
      });
    }
    out.push({ name: t.name, description: t.description, input_schema: t.inputSchema, run });
  }
  return out;
}

function suggest(path: readonly Message[], tools: readonly SuiteTool[]): Assertion[] {
  const calls: Array<{ name: string; input: unknown }> = [];
  for (const m of path) {
    if (m.role !== 'assistant') continue;
    for (const p of m.parts) if (p.type === 'tool_call') calls.push({ name: p.name, input: p.input ?? safeJson(p.inputJson) });
  }
  if (calls.length === 0) return tools.map((t): Assertion => ({ toolNotCalled: t.name }));
  const out: Assertion[] = [];
  for (const c of calls) {
    if (out.some((a) => 'toolCalled' in a && a.toolCalled.name === c.name)) continue;
    const input = c.input && typeof c.input === 'object' && !Array.isArray(c.input) ? (c.input as Record<string, unknown>) : undefined;
    out.push({ toolCalled: input ? { name: c.name, input } : { name: c.name } });
  }
  out.push({ noToolErrors: true });
  return out;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}
