// Pages of a thread that do not start at its newest message: the window around one message (a search result,
// a find match, a link) and the pages after it, loaded as the user scrolls down from there.
// Like MessagesRepo.listByThread, a page never splits messages that share a createdAt (it grows past the
// limit instead), so paging on createdAt alone never skips or repeats one.
import type { Message } from '../../shared/domain';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';
import { fromMessageRow, MESSAGE_COLUMNS, reportCorrupt, type MessageRow } from './message-rows';

export interface MessageWindow {
  /** chronological (oldest first) */
  messages: Message[];
  /** older messages exist before messages[0] */
  hasMore: boolean;
  /** newer messages exist after the last one */
  hasNewer: boolean;
}

export class MessageWindowRepo {
  private readonly stmt;
  private readonly onCorrupt?: CorruptReporter;

  constructor(db: Db, opts: { onCorrupt?: CorruptReporter } = {}) {
    this.onCorrupt = opts.onCorrupt;
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages`;
    this.stmt = {
      target: db.prepare<[string, string], { created_at: number }>(
        'SELECT created_at FROM messages WHERE id = ? AND thread_id = ?',
      ),
      atOrBefore: db.prepare<[string, number, number], MessageRow>(
        `${select} WHERE thread_id = ? AND created_at <= ? ORDER BY created_at DESC, seq DESC LIMIT ?`,
      ),
      after: db.prepare<[string, number, number], MessageRow>(
        `${select} WHERE thread_id = ? AND created_at > ? ORDER BY created_at, seq LIMIT ?`,
      ),
      sameTime: db.prepare<[string, number], MessageRow>(
        `${select} WHERE thread_id = ? AND created_at = ? ORDER BY created_at, seq`,
      ),
      anyBefore: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM messages WHERE thread_id = ? AND created_at < ? LIMIT 1',
      ),
      anyAfter: db.prepare<[string, number], { one: number }>(
        'SELECT 1 AS one FROM messages WHERE thread_id = ? AND created_at > ? LIMIT 1',
      ),
    };
  }

  /**
   * About `limit` messages with the given one in the middle: half of them up to and including it, the rest
   * after it. Null when the message is not in that thread (deleted since the link or result was made).
   */
  around(threadId: string, messageId: string, limit: number): MessageWindow | null {
    const target = this.stmt.target.get(messageId, threadId);
    if (!target) return null;
    const n = Math.max(2, Math.floor(limit));
    const older = this.upTo(threadId, target.created_at, Math.ceil(n / 2));
    const newer = this.after(threadId, target.created_at, Math.floor(n / 2));
    return { messages: [...older.rows, ...newer.rows].map((r) => this.read(r)), hasMore: older.more, hasNewer: newer.more };
  }

  /** The oldest `limit` messages created strictly after `after` (ms), oldest first. */
  newer(threadId: string, after: number, limit: number): { messages: Message[]; hasNewer: boolean } {
    const page = this.after(threadId, after, Math.max(1, Math.floor(limit)));
    return { messages: page.rows.map((r) => this.read(r)), hasNewer: page.more };
  }

  /** Newest `limit` rows with created_at <= edge, returned oldest first; `more` if older ones exist. */
  private upTo(threadId: string, edge: number, limit: number): { rows: MessageRow[]; more: boolean } {
    const rows = this.stmt.atOrBefore.all(threadId, edge, limit + 1);
    let more = rows.length > limit;
    let page = rows.slice(0, limit);
    if (more) {
      const far = page[limit - 1]!.created_at;
      if (rows[limit]!.created_at === far) {
        // sameTime is oldest first; the page is newest first until the reverse below
        page = page.filter((r) => r.created_at !== far).concat(this.stmt.sameTime.all(threadId, far).reverse());
        more = this.stmt.anyBefore.get(threadId, far) !== undefined;
      }
    }
    return { rows: page.reverse(), more };
  }

  /** Oldest `limit` rows with created_at > edge, oldest first; `more` if newer ones exist. */
  private after(threadId: string, edge: number, limit: number): { rows: MessageRow[]; more: boolean } {
    if (limit <= 0) return { rows: [], more: this.stmt.anyAfter.get(threadId, edge) !== undefined };
    const rows = this.stmt.after.all(threadId, edge, limit + 1);
    let more = rows.length > limit;
    let page = rows.slice(0, limit);
    if (more) {
      const far = page[limit - 1]!.created_at;
      if (rows[limit]!.created_at === far) {
        page = page.filter((r) => r.created_at !== far).concat(this.stmt.sameTime.all(threadId, far));
        more = this.stmt.anyAfter.get(threadId, far) !== undefined;
      }
    }
    return { rows: page, more };
  }

  private read(row: MessageRow): Message {
    const r = fromMessageRow(row);
    if (r.ok) return r.message;
    reportCorrupt(this.onCorrupt, row.id, r.issue);
    return r.placeholder;
  }
}
