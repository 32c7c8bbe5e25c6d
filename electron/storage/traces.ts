// Traces of assistant messages: one row per recorded answer (all its steps), stored as JSON and validated
// when read back. A message retried in place gets a new trace; the newest one is the message's trace.
import { Trace } from '../../shared/domain';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';

interface TraceRow {
  id: string;
  message_id: string;
  thread_id: string;
  created_at: number;
  data: string;
}

export class TracesRepo {
  private readonly stmt;
  private readonly onCorrupt?: CorruptReporter;

  constructor(db: Db, opts: { onCorrupt?: CorruptReporter } = {}) {
    this.onCorrupt = opts.onCorrupt;
    this.stmt = {
      upsert: db.prepare<[TraceRow]>(
        `INSERT INTO traces (id, message_id, thread_id, created_at, data)
         VALUES (@id, @message_id, @thread_id, @created_at, @data)
         ON CONFLICT (id) DO UPDATE SET
           message_id = excluded.message_id, thread_id = excluded.thread_id,
           created_at = excluded.created_at, data = excluded.data`,
      ),
      latest: db.prepare<[string], TraceRow>(
        `SELECT id, message_id, thread_id, created_at, data FROM traces
         WHERE message_id = ? ORDER BY created_at DESC, rowid DESC LIMIT 1`,
      ),
      deleteByMessage: db.prepare<[string]>('DELETE FROM traces WHERE message_id = ?'),
    };
  }

  /** Validates and stores the trace, replacing an earlier save of the same id (a trace grows step by step). */
  save(trace: Trace): Trace {
    const valid = Trace.parse(trace);
    this.stmt.upsert.run({
      id: valid.id,
      message_id: valid.messageId,
      thread_id: valid.threadId,
      created_at: valid.createdAt,
      data: JSON.stringify(valid),
    });
    return valid;
  }

  /** The message's newest trace; null when there is none or it cannot be read (reported). */
  getByMessage(messageId: string): Trace | null {
    const row = this.stmt.latest.get(messageId);
    if (!row) return null;
    let parsed: unknown;
    try {
      parsed = JSON.parse(row.data);
    } catch {
      this.onCorrupt?.({ table: 'traces', id: row.id, issue: 'data: invalid JSON' });
      return null;
    }
    const r = Trace.safeParse(parsed);
    if (r.success) return r.data;
    const issue = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    this.onCorrupt?.({ table: 'traces', id: row.id, issue });
    return null;
  }

  /** Returns how many traces were deleted. */
  deleteByMessage(messageId: string): number {
    return this.stmt.deleteByMessage.run(messageId).changes;
  }
}
