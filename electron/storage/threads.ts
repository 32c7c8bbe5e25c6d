// Chat threads. Ids are random UUIDs; the list is newest first by updatedAt.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { Protocol, Thread, ThinkingOption, ThreadParams } from '../../shared/domain';
import type Database from 'better-sqlite3';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';
import { wordGram } from './grams';
import { likeContains } from './like';
import type { ThreadParamsRepo } from './thread-params';

export const NewThread = z.object({
  model: z.string(),
  protocol: Protocol,
  title: z.string().optional(),
  systemPrompt: z.string().optional(),
  thinking: ThinkingOption.nullable().optional(),
  params: ThreadParams.optional(),
});
export type NewThread = z.input<typeof NewThread>;

export const ThreadPatch = Thread.pick({
  title: true,
  model: true,
  protocol: true,
  systemPrompt: true,
  thinking: true,
  params: true,
})
  .partial()
  .strict();
export type ThreadPatch = z.infer<typeof ThreadPatch>;

export interface ListThreadsOptions {
  /** matches the title or the text of any message, case-insensitively (ASCII case folding, as SQLite's LIKE) */
  query?: string;
  limit?: number;
}

interface ThreadRow {
  id: string;
  title: string;
  model: string;
  protocol: string;
  system_prompt: string;
  thinking: string | null;
  created_at: number;
  updated_at: number;
}

export interface RepoOptions {
  onCorrupt?: CorruptReporter;
  /** the clock, for tests */
  now?: () => number;
  /** where threads' parameters live (absent on a schema from before them) */
  params?: ThreadParamsRepo;
}

const COLUMNS = 'id, title, model, protocol, system_prompt, thinking, created_at, updated_at';
const NEWEST_FIRST = 'ORDER BY updated_at DESC, rowid DESC';
const NO_LIMIT = -1; // SQLite: a negative LIMIT means none

export class ThreadsRepo {
  private readonly now: () => number;
  private readonly onCorrupt?: CorruptReporter;
  private readonly params?: ThreadParamsRepo;
  private readonly stmt;
  /**
   * Thread search by message text for 3+ characters goes through the trigram index (migration
   * "message-search"); the query as one quoted FTS5 string is a substring match, like the LIKE fallback.
   * Prepared on first use, so a connection to an older schema (migration tests) can still make this repo.
   */
  private searchIndexed?: Database.Statement<{ q: string; match: string; limit: number }, ThreadRow>;
  private searchGrams?: Database.Statement<{ q: string; grams: string; limit: number }, ThreadRow>;
  private readonly db: Db;

  constructor(db: Db, opts: RepoOptions = {}) {
    this.db = db;
    this.now = opts.now ?? Date.now;
    this.onCorrupt = opts.onCorrupt;
    this.params = opts.params;
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO threads (${COLUMNS})
         VALUES (@id, @title, @model, @protocol, @system_prompt, @thinking, @created_at, @updated_at)`,
      ),
      get: db.prepare<[string], ThreadRow>(`SELECT ${COLUMNS} FROM threads WHERE id = ?`),
      list: db.prepare<[number], ThreadRow>(`SELECT ${COLUMNS} FROM threads ${NEWEST_FIRST} LIMIT ?`),
      update: db.prepare(
        `UPDATE threads SET title = @title, model = @model, protocol = @protocol,
           system_prompt = @system_prompt, thinking = @thinking
         WHERE id = @id`,
      ),
      touch: db.prepare<[number, string]>('UPDATE threads SET updated_at = ? WHERE id = ?'),
      delete: db.prepare<[string]>('DELETE FROM threads WHERE id = ?'),
    };
  }

  create(input: NewThread): Thread {
    const v = NewThread.parse(input);
    const now = this.now();
    const thread: Thread = {
      id: randomUUID(),
      title: v.title ?? '',
      model: v.model,
      protocol: v.protocol,
      systemPrompt: v.systemPrompt ?? '',
      thinking: v.thinking ?? null,
      createdAt: now,
      updatedAt: now,
    };
    this.stmt.insert.run(toRow(thread));
    if (v.params && this.params) {
      this.params.set(thread.id, v.params);
      const stored = this.params.get(thread.id);
      if (stored) thread.params = stored;
    }
    return thread;
  }

  /** Stores a whole thread as given, id and times included (import of our own export file). */
  insertWhole(thread: Thread): Thread {
    const t = Thread.parse(thread);
    this.stmt.insert.run(toRow(t));
    return t;
  }

  get(id: string): Thread | null {
    const row = this.stmt.get.get(id);
    return row ? this.fromRow(row, this.params?.get(id)) : null;
  }

  list(opts: ListThreadsOptions = {}): Thread[] {
    const limit = opts.limit ?? NO_LIMIT;
    const query = opts.query?.trim();
    const rows = !query
      ? this.stmt.list.all(limit)
      : [...query].length >= 3
        ? this.indexedSearch().all({ q: likeContains(query), match: `"${query.replace(/"/g, '""')}"`, limit })
        : this.gramSearch().all({ q: likeContains(query), grams: `"${wordGram(query)}"`, limit });
    const out: Thread[] = [];
    const params = this.params?.all();
    for (const row of rows) {
      const t = this.fromRow(row, params?.get(row.id));
      if (t) out.push(t);
    }
    return out;
  }

  private indexedSearch(): Database.Statement<{ q: string; match: string; limit: number }, ThreadRow> {
    this.searchIndexed ??= this.db.prepare<{ q: string; match: string; limit: number }, ThreadRow>(
      `SELECT ${COLUMNS} FROM threads
         WHERE title LIKE @q ESCAPE '\\'
            OR id IN (SELECT m.thread_id FROM messages_fts f JOIN messages m ON m.seq = f.rowid
                      WHERE messages_fts MATCH @match)
         ${NEWEST_FIRST} LIMIT @limit`,
    );
    return this.searchIndexed;
  }

  /**
   * Shorter queries (1–2 characters, never with whitespace once trimmed) go through the gram index
   * (migration "message-grams", grams.ts) instead of a LIKE scan of every message; prepared on first use too.
   */
  private gramSearch(): Database.Statement<{ q: string; grams: string; limit: number }, ThreadRow> {
    this.searchGrams ??= this.db.prepare<{ q: string; grams: string; limit: number }, ThreadRow>(
      `SELECT ${COLUMNS} FROM threads
         WHERE title LIKE @q ESCAPE '\\'
            OR id IN (SELECT m.thread_id FROM messages_grams g JOIN messages m ON m.seq = g.rowid
                      WHERE messages_grams MATCH @grams)
         ${NEWEST_FIRST} LIMIT @limit`,
    );
    return this.searchGrams;
  }

  /** Changes settings of the thread; does not move it in the list (touch does). Null if there is none. */
  update(id: string, patch: ThreadPatch): Thread | null {
    const valid = ThreadPatch.parse(patch);
    const current = this.get(id);
    if (!current) return null;
    const { params, ...rest } = valid;
    const next: Thread = { ...current, ...rest };
    this.stmt.update.run(toRow(next));
    if (params !== undefined && this.params) {
      this.params.set(id, params);
      const stored = this.params.get(id);
      if (stored) next.params = stored;
      else delete next.params;
    }
    return next;
  }

  /** Marks the thread as active now, moving it to the top of the list. */
  touch(id: string): boolean {
    return this.stmt.touch.run(this.now(), id).changes > 0;
  }

  /**
   * Drops threads that were opened and never used (no message, no title, no playground): a thread is
   * kept from its first message on. With an id, only that thread (the renderer left it unused); without,
   * all of them: at start-up, before any window can hold one open.
   */
  deleteEmptyUntitled(id?: string): number {
    // Prepared per call: the repository also opens older schemas (tests, migrations), and this is rare.
    return this.db
      .prepare(
        `DELETE FROM threads WHERE title = '' AND (@id IS NULL OR id = @id)
           AND NOT EXISTS (SELECT 1 FROM messages m WHERE m.thread_id = threads.id)
           AND NOT EXISTS (SELECT 1 FROM playgrounds p WHERE p.thread_id = threads.id)`,
      )
      .run({ id: id ?? null }).changes;
  }

  /** Deletes the thread and (by cascade) its messages. */
  delete(id: string): boolean {
    return this.stmt.delete.run(id).changes > 0;
  }

  private fromRow(row: ThreadRow, params: ThreadParams | undefined): Thread | null {
    let thinking: unknown = null;
    if (row.thinking !== null) {
      try {
        thinking = JSON.parse(row.thinking);
      } catch {
        thinking = undefined; // fails validation below
      }
    }
    const r = Thread.safeParse({
      id: row.id,
      title: row.title,
      model: row.model,
      protocol: row.protocol,
      systemPrompt: row.system_prompt,
      thinking,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      ...(params ? { params } : {}),
    });
    if (r.success) return r.data;
    this.onCorrupt?.({ table: 'threads', id: row.id, issue: r.error.message });
    return null;
  }
}

function toRow(t: Thread): ThreadRow {
  return {
    id: t.id,
    title: t.title,
    model: t.model,
    protocol: t.protocol,
    system_prompt: t.systemPrompt,
    thinking: t.thinking ? JSON.stringify(t.thinking) : null,
    created_at: t.createdAt,
    updated_at: t.updatedAt,
  };
}
