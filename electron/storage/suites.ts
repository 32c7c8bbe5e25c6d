// A thread's test suite, its runs and their cells (the `suites` migration). JSON columns are validated
// when read: an unreadable row becomes "no suite" / a skipped cell and a report, never a crash.
import { Trace } from '../../shared/domain';
import { Suite, SuiteCell, type SuiteRun } from '../../shared/suite';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';

interface RunRow {
  id: string;
  started_at: number;
  finished_at: number | null;
  models: string;
}

export class SuitesRepo {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      get: db.prepare<[string], { data: string }>('SELECT data FROM suites WHERE thread_id = ?'),
      put: db.prepare<[string, string, number]>(
        `INSERT INTO suites (thread_id, data, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (thread_id) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
      ),
      addRun: db.prepare<[string, string, number, string]>('INSERT INTO suite_runs (id, thread_id, started_at, models) VALUES (?, ?, ?, ?)'),
      finishRun: db.prepare<[number, string]>('UPDATE suite_runs SET finished_at = ? WHERE id = ?'),
      runs: db.prepare<[string, number], RunRow>(
        'SELECT id, started_at, finished_at, models FROM suite_runs WHERE thread_id = ? ORDER BY started_at DESC, rowid DESC LIMIT ?',
      ),
      putCell: db.prepare<[string, string, number, string, string | null]>(
        `INSERT INTO suite_cells (id, run_id, seq, data, trace) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET data = excluded.data, trace = COALESCE(excluded.trace, suite_cells.trace)`,
      ),
      cells: db.prepare<[string], { id: string; data: string }>('SELECT id, data FROM suite_cells WHERE run_id = ? ORDER BY seq'),
      trace: db.prepare<[string], { trace: string | null }>('SELECT trace FROM suite_cells WHERE id = ?'),
    };
  }

  get(threadId: string): Suite | null {
    const row = this.stmt.get.get(threadId);
    if (!row) return null;
    const r = Suite.safeParse(parseJson(row.data));
    if (r.success) return r.data;
    this.onCorrupt?.({ table: 'suites', id: threadId, issue: 'data does not match Suite' });
    return null;
  }

  put(threadId: string, suite: Suite): Suite {
    const valid = Suite.parse(suite);
    this.stmt.put.run(threadId, JSON.stringify(valid), Date.now());
    return valid;
  }

  addRun(threadId: string, run: SuiteRun): void {
    this.stmt.addRun.run(run.id, threadId, run.startedAt, JSON.stringify(run.models));
    run.cells.forEach((c, i) => this.putCell(run.id, i, c, null));
  }

  putCell(runId: string, seq: number, cell: SuiteCell, trace: Trace | null): void {
    this.stmt.putCell.run(cell.id, runId, seq, JSON.stringify(SuiteCell.parse(cell)), trace ? JSON.stringify(trace) : null);
  }

  finishRun(runId: string, at: number): void {
    this.stmt.finishRun.run(at, runId);
  }

  /** The thread's newest runs, newest first, with their cells in matrix order. */
  runs(threadId: string, limit = 2): SuiteRun[] {
    return this.stmt.runs.all(threadId, limit).map((r) => ({
      id: r.id,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      models: stringList(parseJson(r.models)),
      cells: this.stmt.cells.all(r.id).flatMap((c) => {
        const parsed = SuiteCell.safeParse(parseJson(c.data));
        if (parsed.success) return [parsed.data];
        this.onCorrupt?.({ table: 'suite_cells', id: c.id, issue: 'data does not match SuiteCell' });
        return [];
      }),
    }));
  }

  /** A cell's trace; null when it has none or it cannot be read (reported). */
  trace(cellId: string): Trace | null {
    const row = this.stmt.trace.get(cellId);
    if (!row?.trace) return null;
    const r = Trace.safeParse(parseJson(row.trace));
    if (r.success) return r.data;
    this.onCorrupt?.({ table: 'suite_cells', id: cellId, issue: 'trace does not match Trace' });
    return null;
  }
}

function parseJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return undefined;
  }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}
