// Message search over two FTS5 indexes: every thread, or one thread's matches in order (find in thread). A
// query is split on whitespace; every word must occur in the message, case-insensitively. Words of 3+
// characters go through the trigram index (migration "message-search"), shorter ones through the gram index
// (migration "message-grams", grams.ts), which holds every 1- and 2-character substring: both answer exactly,
// so no row is read to check a word. Both fold case the same way (fold.ts), for any script.
import type { Db } from './db';
import { MAX_GRAM, wordGram } from './grams';
import { intersectDesc, type RowidSource } from './intersect';
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
  /** trigram FTS5 query: the long words as quoted strings, ANDed; null when there is none */
  match: string | null;
  /** gram FTS5 query: the tokens of the words of 1–2 characters, ANDed; null when there is none */
  grams: string | null;
}

/** At most this many words count; more would only slow the query down. */
const MAX_WORDS = 8;

// Quoted, so words are never read as FTS5 syntax (AND, NEAR, column filters, a stray quote).
const ftsAnd = (terms: readonly string[]): string | null =>
  terms.length ? terms.map((w) => `"${w.replace(/"/g, '""')}"`).join(' AND ') : null;

export function parseQuery(query: string): ParsedQuery {
  const words = [...new Set(query.trim().split(/\s+/u).filter(Boolean))].slice(0, MAX_WORDS);
  const long = words.filter((w) => [...w].length > MAX_GRAM);
  const short = words.filter((w) => [...w].length <= MAX_GRAM);
  return { words, match: ftsAnd(long), grams: ftsAnd([...new Set(short.map(wordGram))]) };
}

interface HitRow {
  id: string;
  thread_id: string;
  role: string;
  created_at: number;
  search_text: string;
  title: string;
}

const COLUMNS = 'm.id, m.thread_id, m.role, m.created_at, m.search_text, t.title';

export class SearchRepo {
  private readonly trigram: IndexQueries;
  private readonly gram: IndexQueries;
  private readonly stmt;

  constructor(db: Db) {
    this.trigram = indexQueries(db, 'messages_fts');
    this.gram = indexQueries(db, 'messages_grams');
    this.stmt = {
      rows: db.prepare(
        `SELECT ${COLUMNS} FROM messages m JOIN threads t ON t.id = m.thread_id
         WHERE m.seq IN (SELECT value FROM json_each(?)) ORDER BY m.seq DESC`,
      ),
      span: db.prepare('SELECT MIN(seq) AS lo, MAX(seq) AS hi FROM messages WHERE thread_id = ?'),
      ...inThreadStatements(db),
    };
  }

  /**
   * Messages of every thread containing every word, newest first (by the order they were stored in).
   * FTS5 walks its index backwards by rowid and stops at `limit`, so a word found in half of all messages
   * costs no more than a rare one; long and short words together meet in intersectDesc.
   */
  messages(query: string, limit: number): SearchHit[] {
    const q = parseQuery(query);
    if (q.words.length === 0) return [];
    const max = Math.max(1, Math.floor(limit));
    const sources: RowidSource[] = [];
    if (q.match) sources.push(this.trigram.source(q.match));
    if (q.grams) sources.push(this.gram.source(q.grams));
    const seqs = sources.length === 2 ? intersectDesc(sources[0]!, sources[1]!, max) : firstRows(sources[0]!, max);
    if (seqs.length === 0) return [];
    const rows = this.stmt.rows.all(JSON.stringify(seqs)) as HitRow[];
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
    const max = Math.max(1, Math.floor(limit));
    const params: Record<string, unknown> = { thread: threadId, limit: max + 1, match: q.match, grams: q.grams };
    let stmt = this.stmt.trigramOnly;
    if (q.grams) {
      const span = this.stmt.span.get(threadId) as { lo: number | null; hi: number | null };
      if (span.lo === null || span.hi === null) return { messageIds: [], truncated: false };
      Object.assign(params, span);
      stmt = q.match ? this.stmt.both : this.stmt.gramOnly;
    }
    // better-sqlite3 ignores the named parameters a statement does not use
    const rows = stmt.all(params) as { id: string }[];
    return { messageIds: rows.slice(0, max).map((r) => r.id), truncated: rows.length > max };
  }
}

interface IndexQueries {
  source(match: string): RowidSource;
}

/** The two cheap questions intersect.ts asks of one FTS5 table. */
function indexQueries(db: Db, table: 'messages_fts' | 'messages_grams'): IndexQueries {
  const rows = db.prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? ORDER BY rowid DESC`).pluck();
  // better-sqlite3 binds a JS number as a REAL, and FTS5 takes a rowid constraint only from an INTEGER: it
  // would ignore `rowid = 5.0` and answer for its first match. Hence the CASTs on every rowid bound here.
  const below = db
    .prepare(`SELECT rowid FROM ${table} WHERE ${table} MATCH ? AND rowid <= CAST(? AS INTEGER) ORDER BY rowid DESC`)
    .pluck();
  const has = db.prepare(`SELECT 1 FROM ${table} WHERE ${table} MATCH ? AND rowid = CAST(? AS INTEGER)`).pluck();
  return {
    source: (match) => ({
      rows: (from) => (from === undefined ? rows.iterate(match) : below.iterate(match, from)) as IterableIterator<number>,
      has: (rowid) => has.get(match, rowid) !== undefined,
    }),
  };
}

function firstRows(source: RowidSource, limit: number): number[] {
  const out: number[] = [];
  if (limit <= 0) return out;
  for (const rowid of source.rows()) {
    out.push(rowid);
    if (out.length >= limit) break;
  }
  return out;
}

// Find in thread. Long words only: the trigram matches, read once, filter the thread's messages (as before
// the gram index). With short words, the gram index drives, read only between the thread's first and last
// rowid (a gram like "ka" is in 80 % of all messages: unbounded, all of them would be read), each match
// looked up by rowid. When both kinds are there, the trigram side drives (long words are rarer) and the
// gram side, bounded the same way, is read once.
function inThreadStatements(db: Db) {
  const order = 'ORDER BY m.created_at, m.seq LIMIT @limit';
  const inRange = (table: string, param: string) =>
    `(SELECT rowid FROM ${table} WHERE ${table} MATCH ${param} AND rowid BETWEEN CAST(@lo AS INTEGER) AND CAST(@hi AS INTEGER))`;
  const driven = (table: string, param: string, extra: string) =>
    db.prepare(
      `SELECT m.id FROM ${table} f CROSS JOIN messages m ON m.seq = f.rowid
       WHERE ${table} MATCH ${param} AND f.rowid BETWEEN CAST(@lo AS INTEGER) AND CAST(@hi AS INTEGER) AND m.thread_id = @thread${extra} ${order}`,
    );
  return {
    trigramOnly: db.prepare(
      `SELECT m.id FROM messages m
       WHERE m.thread_id = @thread AND m.seq IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH @match) ${order}`,
    ),
    gramOnly: driven('messages_grams', '@grams', ''),
    both: driven('messages_fts', '@match', ` AND m.seq IN ${inRange('messages_grams', '@grams')}`),
  };
}
