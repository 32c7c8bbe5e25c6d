// A thread's sampling parameters, in their own table (migration `thread_params`): ThreadsRepo reads
// them through this when it is given one, so a repository on an older schema still works without.
import { ThreadParams } from '../../shared/domain';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';

export class ThreadParamsRepo {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      get: db.prepare<[string], { data: string }>('SELECT data FROM thread_params WHERE thread_id = ?'),
      all: db.prepare<[], { thread_id: string; data: string }>('SELECT thread_id, data FROM thread_params'),
      upsert: db.prepare<[string, string]>(
        'INSERT INTO thread_params (thread_id, data) VALUES (?, ?) ON CONFLICT (thread_id) DO UPDATE SET data = excluded.data',
      ),
      delete: db.prepare<[string]>('DELETE FROM thread_params WHERE thread_id = ?'),
    };
  }

  get(threadId: string): ThreadParams | undefined {
    const row = this.stmt.get.get(threadId);
    return row ? this.parse(threadId, row.data) : undefined;
  }

  /** Every thread's parameters, for listing threads with one query. */
  all(): Map<string, ThreadParams> {
    const out = new Map<string, ThreadParams>();
    for (const row of this.stmt.all.all()) {
      const p = this.parse(row.thread_id, row.data);
      if (p) out.set(row.thread_id, p);
    }
    return out;
  }

  /** An empty set (every default) removes the row. */
  set(threadId: string, params: ThreadParams): void {
    const valid = ThreadParams.parse(params);
    if (Object.keys(valid).length === 0) this.stmt.delete.run(threadId);
    else this.stmt.upsert.run(threadId, JSON.stringify(valid));
  }

  /** A row that no longer validates reads as "every default" and is reported. */
  private parse(threadId: string, data: string): ThreadParams | undefined {
    let raw: unknown;
    try {
      raw = JSON.parse(data);
    } catch {
      this.onCorrupt?.({ table: 'thread_params', id: threadId, issue: 'invalid JSON' });
      return undefined;
    }
    const r = ThreadParams.safeParse(raw);
    if (r.success) return Object.keys(r.data).length > 0 ? r.data : undefined;
    this.onCorrupt?.({ table: 'thread_params', id: threadId, issue: r.error.message });
    return undefined;
  }
}
