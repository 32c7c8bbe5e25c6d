// MessagesRepo keeps a long thread's tree between pages (messages.ts cachedPath): every change to the tree,
// made through the repository or straight into the table, shows in the next page.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { MessagesRepo, openDatabase, ThreadsRepo } from '../../../electron/storage';
import { toMessageRow } from '../../../electron/storage/message-rows';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('tree-cache');
const ids = (ms: Message[]) => ms.map((m) => m.id);

describe('the kept message tree', () => {
  it('pages follow inserts, a new branch, choosing a sibling, deletes and rows written by others', () => {
    const db = openDatabase(temp.file());
    const thread = new ThreadsRepo(db).create({ model: 'm', protocol: 'openai-chat' });
    const messages = new MessagesRepo(db);
    const page = () => ids(messages.listByThread(thread.id, { limit: 100 }).messages);
    for (let i = 1; i <= 4; i++) messages.insert(storedMessage(thread.id, `m${i}`, i));
    expect(page()).toEqual(['m1', 'm2', 'm3', 'm4']);

    messages.insert(storedMessage(thread.id, 'm5', 5));
    expect(page()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    // a new branch under m2 (an edit of m3): it is chosen and what followed m3 leaves the path
    messages.insert(storedMessage(thread.id, 'm3b', 6, 'edited', { parentId: 'm2' }));
    expect(page()).toEqual(['m1', 'm2', 'm3b']);
    expect(messages.select('m3')).toBe(true);
    expect(page()).toEqual(['m1', 'm2', 'm3', 'm4', 'm5']);

    messages.deleteKeepingChildren('m4');
    expect(page()).toEqual(['m1', 'm2', 'm3', 'm5']);

    // a row written by another writer (an import, a seeded database) at the end of the path
    const row = { ...toMessageRow({ ...storedMessage(thread.id, 'm6', 7), parentId: 'm5' }), chosen: 99 };
    db.prepare(
      `INSERT INTO messages (id, thread_id, role, parts, search_text, status, error, usage, model, finish_reason, created_at, parent_id, chosen)
       VALUES (@id, @thread_id, @role, @parts, @search_text, @status, @error, @usage, @model, @finish_reason, @created_at, @parent_id, @chosen)`,
    ).run(row);
    expect(page()).toEqual(['m1', 'm2', 'm3', 'm5', 'm6']);
    db.close();
  });
});
