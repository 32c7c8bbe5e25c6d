// Messages of a thread, in creation order. Parts are stored as JSON and validated when read back.
import { z } from 'zod';
import { Message } from '../../shared/domain';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';
import { fromMessageRow, MESSAGE_COLUMNS, reportCorrupt, searchText, toMessageRow, type MessageRow } from './message-rows';

export const MessagePatch = Message.pick({
  parts: true,
  status: true,
  error: true,
  usage: true,
  finishReason: true,
})
  .partial()
  .strict();
export type MessagePatch = z.infer<typeof MessagePatch>;

export interface ListMessagesOptions {
  /** only messages created strictly before this (ms); pass the first message's createdAt of the last page */
  before?: number;
  limit: number;
}

export interface MessagePage {
  /** chronological (oldest first) */
  messages: Message[];
  /** older messages exist before messages[0] */
  hasMore: boolean;
}

const OLDEST_FIRST = 'ORDER BY created_at, seq';
const NEWEST_FIRST = 'ORDER BY created_at DESC, seq DESC';

export class MessagesRepo {
  private readonly stmt;
  private readonly insertTx;
  private readonly onCorrupt?: CorruptReporter;

  constructor(db: Db, opts: { onCorrupt?: CorruptReporter } = {}) {
    this.onCorrupt = opts.onCorrupt;
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages`;
    this.stmt = {
      insert: db.prepare<[MessageRow]>(
        `INSERT INTO messages (${MESSAGE_COLUMNS}) VALUES
         (@id, @thread_id, @role, @parts, @search_text, @status, @error, @usage, @model, @finish_reason, @created_at)`,
      ),
      bumpThread: db.prepare<[number, string]>(
        'UPDATE threads SET updated_at = MAX(updated_at, ?) WHERE id = ?',
      ),
      get: db.prepare<[string], MessageRow>(`${select} WHERE id = ?`),
      all: db.prepare<[string], MessageRow>(`${select} WHERE thread_id = ? ${OLDEST_FIRST}`),
      newest: db.prepare<[string, number], MessageRow>(`${select} WHERE thread_id = ? ${NEWEST_FIRST} LIMIT ?`),
      newestBefore: db.prepare<[string, number, number], MessageRow>(
        `${select} WHERE thread_id = ? AND created_at < ? ${NEWEST_FIRST} LIMIT ?`,
      ),
      sameTime: db.prepare<[string, number], MessageRow>(
        `${select} WHERE thread_id = ? AND created_at = ? ${NEWEST_FIRST}`,
      ),
      anyBefore: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM messages WHERE thread_id = ? AND created_at < ? LIMIT 1',
      ),
      update: db.prepare(
        `UPDATE messages SET
           parts = CASE WHEN @set_parts THEN @parts ELSE parts END,
           search_text = CASE WHEN @set_parts THEN @search_text ELSE search_text END,
           status = CASE WHEN @set_status THEN @status ELSE status END,
           error = CASE WHEN @set_error THEN @error ELSE error END,
           usage = CASE WHEN @set_usage THEN @usage ELSE usage END,
           finish_reason = CASE WHEN @set_finish_reason THEN @finish_reason ELSE finish_reason END
         WHERE id = @id`,
      ),
      delete: db.prepare<[string]>('DELETE FROM messages WHERE id = ?'),
    };
    this.insertTx = db.transaction((row: MessageRow) => {
      this.stmt.insert.run(row);
      this.stmt.bumpThread.run(row.created_at, row.thread_id);
    });
  }

  /** Validates and stores a new message; its thread's updatedAt moves up to the message's createdAt. */
  insert(message: Message): Message {
    const valid = Message.parse(message);
    this.insertTx(toMessageRow(valid));
    return valid;
  }

  /** A corrupt row comes back as a placeholder with status `error` (and is reported). */
  get(id: string): Message | null {
    const row = this.stmt.get.get(id);
    return row ? this.read(row) : null;
  }

  /**
   * The newest `limit` messages before `before`, oldest first. A page never splits messages that share a
   * createdAt (it grows past `limit` instead), so `before: page.messages[0].createdAt` never skips one.
   */
  listByThread(threadId: string, opts: ListMessagesOptions): MessagePage {
    const limit = Math.max(1, Math.floor(opts.limit));
    const rows =
      opts.before === undefined
        ? this.stmt.newest.all(threadId, limit + 1)
        : this.stmt.newestBefore.all(threadId, opts.before, limit + 1);
    let hasMore = rows.length > limit;
    let page = rows.slice(0, limit);
    if (hasMore) {
      const edge = page[limit - 1]!.created_at;
      if (rows[limit]!.created_at === edge) {
        page = page.filter((r) => r.created_at !== edge).concat(this.stmt.sameTime.all(threadId, edge));
        hasMore = this.stmt.anyBefore.get(threadId, edge) !== undefined;
      }
    }
    page.reverse();
    return { messages: page.map((r) => this.read(r)), hasMore };
  }

  /** Every readable message of the thread in order, for building a request. Corrupt rows are left out. */
  lastMessages(threadId: string): Message[] {
    const out: Message[] = [];
    for (const row of this.stmt.all.all(threadId)) {
      const r = fromMessageRow(row);
      if (r.ok) out.push(r.message);
      else reportCorrupt(this.onCorrupt, row.id, r.issue);
    }
    return out;
  }

  /** Sets only the fields in the patch. Returns the updated message, or null if there is none. */
  update(id: string, patch: MessagePatch): Message | null {
    const p = MessagePatch.parse(patch);
    const has = (k: keyof MessagePatch): number => (k in p && p[k] !== undefined ? 1 : 0);
    const changes = this.stmt.update.run({
      id,
      set_parts: has('parts'),
      parts: p.parts ? JSON.stringify(p.parts) : null,
      search_text: p.parts ? searchText(p.parts) : null,
      set_status: has('status'),
      status: p.status ?? null,
      set_error: has('error'),
      error: p.error ? JSON.stringify(p.error) : null,
      set_usage: has('usage'),
      usage: p.usage ? JSON.stringify(p.usage) : null,
      set_finish_reason: has('finishReason'),
      finish_reason: p.finishReason ?? null,
    }).changes;
    return changes > 0 ? this.get(id) : null;
  }

  delete(id: string): boolean {
    return this.stmt.delete.run(id).changes > 0;
  }

  private read(row: MessageRow): Message {
    const r = fromMessageRow(row);
    if (r.ok) return r.message;
    reportCorrupt(this.onCorrupt, row.id, r.issue);
    return r.placeholder;
  }
}
