// Token usage of a thread's answers (every branch, as each was paid for), for the header's totals.
// Read straight from the usage column: the parts of long threads are never parsed for it.
import { Usage } from '../../shared/domain';
import type { Db } from './db';

export interface AnswerUsage {
  id: string;
  model: string | null;
  usage: Usage;
}

export class UsageQueries {
  private readonly byThreadStmt;

  constructor(db: Db) {
    this.byThreadStmt = db.prepare<[string], { id: string; model: string | null; usage: string }>(
      `SELECT id, model, usage FROM messages WHERE thread_id = ? AND usage IS NOT NULL ORDER BY created_at, seq`,
    );
  }

  /** A row whose usage no longer parses is left out (it is reported when its message is read). */
  byThread(threadId: string): AnswerUsage[] {
    const out: AnswerUsage[] = [];
    for (const row of this.byThreadStmt.all(threadId)) {
      let raw: unknown;
      try {
        raw = JSON.parse(row.usage);
      } catch {
        continue;
      }
      const r = Usage.safeParse(raw);
      if (r.success) out.push({ id: row.id, model: row.model, usage: r.data });
    }
    return out;
  }
}
