// Message search over the trigram FTS5 index (migration "message-search"): every thread, or one thread's
// matches in order (find in thread). A query is split on whitespace; every word must occur in the message.
// Words of 3+ characters go through the index; trigram cannot match shorter ones, so those are checked with
// LIKE on the rows the index found, or, when no word is long enough, by a LIKE scan from the newest message
// back that stops at `limit` hits (see searchQuery below).
import type { Db } from './db';
import { likeContains } from './like';
import { buildSnippet, type SnippetPart } from './snippet';

export type { SnippetPart } from './snippet';

export interface SearchHit {
  threadId: string;
  threadTitle: string;
  messageId: string;
  role: string;
  createdAt: number;
  snippet: SnippetPart[];
}

export interface ThreadMatches {
  /** oldest first */
  messageIds: string[];
  /** more matches exist than the limit let through */
  truncated: boolean;
}

interface ParsedQuery {
  words: string[];
  /** FTS5 query: the long words as quoted strings, ANDed; null when there is none */
  match: string | null;
  /** LIKE patterns of the short words */
  likes: string[];
}

/** At most this many words count; more would only slow the query down. */
const MAX_WORDS = 8;

export function parseQuery(query: string): ParsedQuery {
  const words = [...new Set(query.trim().split(/\s+/u).filter(Boolean))].slice(0, MAX_WORDS);
  const long = words.filter((w) => [...w].length >= 3);
  const short = words.filter((w) => [...w].length < 3);
  return {
    words,
    // Quoted, so words are never read as FTS5 syntax (AND, NEAR, column filters, a stray quote).
    match: long.length ? long.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null,
    likes: short.map(likeContains),
  };
}

interface HitRow {
  id: string;
  thread_id: string;
  role: string;
  created_at: number;
  search_text: string;
  title: string;
}

export class SearchRepo {
  private readonly cache = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly db: Db) {}

  /**
   * Messages of every thread containing every word, newest first (by the order they were stored in).
   * FTS5 walks its index backwards by rowid and stops at `limit`, so a word found in half of all messages
   * costs no more than a rare one.
   */
  messages(query: string, limit: number): SearchHit[] {
    const q = parseQuery(query);
    if (q.words.length === 0) return [];
    const likeSql = q.likes.map((_, i) => ` AND m.search_text LIKE @l${i} ESCAPE '\\'`).join('');
    const columns = 'm.id, m.thread_id, m.role, m.created_at, m.search_text, t.title';
    const sql = q.match
      ? `SELECT ${columns} FROM messages_fts f
           JOIN messages m ON m.seq = f.rowid JOIN threads t ON t.id = m.thread_id
         WHERE messages_fts MATCH @match${likeSql} ORDER BY f.rowid DESC LIMIT @limit`
      : `SELECT ${columns} FROM messages m JOIN threads t ON t.id = m.thread_id
         WHERE 1${likeSql} ORDER BY m.seq DESC LIMIT @limit`;
    const rows = this.prepared(sql).all(this.params(q, { limit: Math.max(1, Math.floor(limit)) })) as HitRow[];
    return rows.map((r) => ({
      threadId: r.thread_id,
      threadTitle: r.title,
      messageId: r.id,
      role: r.role,
      createdAt: r.created_at,
      snippet: buildSnippet(r.search_text, q.words),
    }));
  }

  /** Ids of the thread's messages containing every word, in thread order, for find in thread. */
  inThread(threadId: string, query: string, limit: number): ThreadMatches {
    const q = parseQuery(query);
    if (q.words.length === 0) return { messageIds: [], truncated: false };
    const likeSql = q.likes.map((_, i) => ` AND search_text LIKE @l${i} ESCAPE '\\'`).join('');
    const ftsSql = q.match ? ' AND seq IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match)' : '';
    const sql = `SELECT id FROM messages WHERE thread_id = @thread${ftsSql}${likeSql}
                 ORDER BY created_at, seq LIMIT @limit`;
    const max = Math.max(1, Math.floor(limit));
    const rows = this.prepared(sql).all(this.params(q, { thread: threadId, limit: max + 1 })) as { id: string }[];
    return { messageIds: rows.slice(0, max).map((r) => r.id), truncated: rows.length > max };
  }

  /** Statements by their text: a query's shape (how many short words) repeats, so each is prepared once. */
  private prepared(sql: string): ReturnType<Db['prepare']> {
    let stmt = this.cache.get(sql);
    if (!stmt) {
      stmt = this.db.prepare(sql);
      this.cache.set(sql, stmt);
    }
    return stmt;
  }

  private params(q: ParsedQuery, extra: Record<string, unknown>): Record<string, unknown> {
    const p: Record<string, unknown> = { ...extra };
    if (q.match) p.match = q.match;
    q.likes.forEach((l, i) => (p[`l${i}`] = l));
    return p;
  }
}
