// Messages of a thread, in creation order. Parts are stored as JSON and validated when read back.
import { z } from 'zod';
import { Message, type Siblings } from '../../shared/domain';
import { ancestors, buildTree, choiceOrder, selectedChild, selectedPath, siblingsOf, treeOrder, type Tree, type TreeNode } from './branches';
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
  /** sibling lists of the page's messages that have siblings (branches) */
  siblings?: Siblings;
}

/** Path order: creation time, then insertion order (a child is always created after its parent). */
const byCreation = (a: TreeNode, b: TreeNode) => a.created_at - b.created_at || a.seq - b.seq;


/** threads whose tree is kept (cachedPath) */
const TREE_CACHE = 4;

export class MessagesRepo {
  private readonly stmt;
  private readonly paths = new Map<string, { version: string; tree: Tree; path: readonly TreeNode[] }>();
  private readonly insertTx;
  private readonly deleteTx: (id: string) => boolean;
  private readonly onCorrupt?: CorruptReporter;

  constructor(db: Db, opts: { onCorrupt?: CorruptReporter } = {}) {
    this.onCorrupt = opts.onCorrupt;
    const select = `SELECT ${MESSAGE_COLUMNS} FROM messages`;
    this.stmt = {
      insert: db.prepare<[MessageRow]>(
        `INSERT INTO messages (${MESSAGE_COLUMNS}, chosen) VALUES
         (@id, @thread_id, @role, @parts, @search_text, @status, @error, @usage, @model, @finish_reason, @created_at,
          @parent_id, (SELECT COALESCE(MAX(chosen), 0) + 1 FROM messages WHERE thread_id = @thread_id))`,
      ),
      nodes: db.prepare<[string], TreeNode>(
        'SELECT id, parent_id, chosen, seq, created_at FROM messages WHERE thread_id = ?',
      ),
      // changes with every insert, delete (and the reparenting it does) and choice of a sibling
      treeVersion: db.prepare<[string], { n: number; s: number | null; c: number | null }>(
        'SELECT COUNT(*) AS n, MAX(seq) AS s, TOTAL(chosen) AS c FROM messages WHERE thread_id = ?',
      ),
      byIds: db.prepare<[string], MessageRow>(`${select} WHERE id IN (SELECT value FROM json_each(?))`),
      choose: db.prepare<{ id: string }>(
        `UPDATE messages SET chosen = (SELECT COALESCE(MAX(m.chosen), 0) + 1 FROM messages m
           WHERE m.thread_id = (SELECT thread_id FROM messages WHERE id = @id))
         WHERE id = @id`,
      ),
      reparent: db.prepare<{ from: string; to: string | null }>('UPDATE messages SET parent_id = @to WHERE parent_id = @from'),
      bumpThread: db.prepare<[number, string]>(
        'UPDATE threads SET updated_at = MAX(updated_at, ?) WHERE id = ?',
      ),
      get: db.prepare<[string], MessageRow>(`${select} WHERE id = ?`),
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
    this.insertTx = db.transaction((row: MessageRow, appendToPath: boolean) => {
      if (appendToPath) row.parent_id = selectedPath(this.tree(row.thread_id)).at(-1)?.id ?? null;
      this.stmt.insert.run(row);
      this.stmt.bumpThread.run(row.created_at, row.thread_id);
    });
    this.deleteTx = db.transaction((id: string): boolean => {
      const row = this.stmt.get.get(id);
      if (!row) return false;
      const next = selectedChild(this.tree(row.thread_id), id);
      if (next) this.stmt.choose.run({ id: next.id });
      this.stmt.reparent.run({ from: id, to: row.parent_id });
      return this.stmt.delete.run(id).changes > 0;
    });
  }

  /**
   * Validates and stores a new message; its thread's updatedAt moves up to the message's createdAt. Without
   * a `parentId` it follows the end of the selected path. The new message is the selected one among its
   * siblings. Returns the message with its parent.
   */
  insert(message: Message): Message {
    const valid = Message.parse(message);
    const row = toMessageRow(valid);
    this.insertTx(row, valid.parentId === undefined);
    return { ...valid, parentId: row.parent_id };
  }

  /** A corrupt row comes back as a placeholder with status `error` (and is reported). */
  get(id: string): Message | null {
    const row = this.stmt.get.get(id);
    return row ? this.read(row) : null;
  }

  /**
   * The newest `limit` messages of the selected path before `before`, oldest first, with their sibling
   * lists. A page never splits messages that share a createdAt (it grows past `limit` instead), so
   * `before: page.messages[0].createdAt` never skips one.
   */
  listByThread(threadId: string, opts: ListMessagesOptions): MessagePage {
    const limit = Math.max(1, Math.floor(opts.limit));
    const { tree, path } = this.cachedPath(threadId);
    const before = opts.before;
    const candidates = before === undefined ? path : path.filter((n) => n.created_at < before);
    let start = Math.max(0, candidates.length - limit);
    const edge = candidates[start]?.created_at;
    while (start > 0 && candidates[start - 1]!.created_at === edge) start--;
    const page = candidates.slice(start);
    const ids = page.map((n) => n.id);
    return { messages: this.readMany(ids).map((r) => this.read(r)), hasMore: start > 0, siblings: siblingsOf(tree, ids) };
  }

  /** The selected path of the thread in order, for building a request. Corrupt rows are left out. */
  lastMessages(threadId: string): Message[] {
    return this.readable(selectedPath(this.tree(threadId)).sort(byCreation).map((n) => n.id));
  }

  /**
   * The whole tree of a thread, for a lossless export: every readable message (all branches), parents
   * before children, and the ids in the order they were last chosen (see `restoreChoices`).
   */
  wholeTree(threadId: string): { messages: Message[]; choices: string[] } {
    const tree = this.tree(threadId);
    const messages = this.readable(treeOrder(tree).map((n) => n.id));
    const kept = new Set(messages.map((m) => m.id));
    return { messages, choices: choiceOrder(tree).filter((id) => kept.has(id)) };
  }

  /** Chooses the messages in the order given, so each sibling group selects what it selected when exported. */
  restoreChoices(ids: readonly string[]): void {
    for (const id of ids) this.stmt.choose.run({ id });
  }

  /** What comes before a message on its own branch, in order: the history its answer is built from. */
  history(messageId: string): Message[] {
    const m = this.stmt.get.get(messageId);
    if (!m) return [];
    return this.readable(ancestors(this.tree(m.thread_id), messageId).sort(byCreation).map((n) => n.id));
  }

  /** The sibling lists of the given messages of one thread (only those with siblings). */
  siblings(threadId: string, ids: readonly string[]): Siblings {
    return siblingsOf(this.tree(threadId), ids);
  }

  /** Puts the message on the selected path (its branch below it as last chosen). */
  select(id: string): boolean {
    return this.stmt.choose.run({ id }).changes > 0;
  }

  /**
   * Deletes one message and keeps what followed it: its children move up to its parent, and the one that
   * was selected stays selected, so the rest of the conversation reads on without it.
   */
  deleteKeepingChildren(id: string): boolean {
    return this.deleteTx(id);
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

  private tree(threadId: string): Tree {
    return buildTree(this.stmt.nodes.all(threadId));
  }

  /**
   * The tree and its selected path in creation order (read-only), kept for the last few threads paged: a
   * long thread is paged a hundred times while scrolled through, and reading and walking 10,000 nodes for
   * each page was most of a page's time. A cheap version query (count, newest seq, sum of chosen, all
   * from an index) says whether anything changed the tree since.
   */
  private cachedPath(threadId: string): { tree: Tree; path: readonly TreeNode[] } {
    const v = this.stmt.treeVersion.get(threadId);
    const version = `${v?.n}:${v?.s}:${v?.c}`;
    const hit = this.paths.get(threadId);
    this.paths.delete(threadId);
    const entry = hit && hit.version === version ? hit : { version, ...this.walk(threadId) };
    this.paths.set(threadId, entry);
    if (this.paths.size > TREE_CACHE) this.paths.delete(this.paths.keys().next().value!);
    return entry;
  }

  private walk(threadId: string): { tree: Tree; path: readonly TreeNode[] } {
    const tree = this.tree(threadId);
    return { tree, path: selectedPath(tree).sort(byCreation) };
  }

  /** Rows of the ids, in the order of the ids. */
  private readMany(ids: readonly string[]): MessageRow[] {
    if (ids.length === 0) return [];
    const rows = new Map(this.stmt.byIds.all(JSON.stringify(ids)).map((r) => [r.id, r]));
    return ids.flatMap((id) => rows.get(id) ?? []);
  }

  private readable(ids: readonly string[]): Message[] {
    const out: Message[] = [];
    for (const row of this.readMany(ids)) {
      const r = fromMessageRow(row);
      if (r.ok) out.push(r.message);
      else reportCorrupt(this.onCorrupt, row.id, r.issue);
    }
    return out;
  }

  private read(row: MessageRow): Message {
    const r = fromMessageRow(row);
    if (r.ok) return r.message;
    reportCorrupt(this.onCorrupt, row.id, r.issue);
    return r.placeholder;
  }
}
