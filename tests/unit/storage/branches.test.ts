// The message tree in SQLite: an existing database keeps reading as before after the branches migration,
// siblings are kept and chosen, and deleting a message keeps what followed it.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { MessagesRepo, MIGRATIONS, openDatabase, schemaVersion, ThreadsRepo } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('branches');

const msg = (threadId: string, id: string, createdAt: number, extra: Partial<Message> = {}): Message =>
  storedMessage(threadId, id, createdAt, id, extra);

const ids = (ms: Message[]) => ms.map((m) => m.id);

function setup() {
  const db = openDatabase(temp.file());
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db);
  return { db, messages, thread: threads.create({ model: 'm', protocol: 'openai-chat' }) };
}

describe('message branches in storage', () => {
  it('an existing thread reads exactly as before the migration, as one chain, and takes new turns at its end', () => {
    const file = temp.file();
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'message_branches')) });
    const t = new ThreadsRepo(before).create({ model: 'm', protocol: 'openai-chat' });
    const insert = before.prepare(
      "INSERT INTO messages (id, thread_id, role, parts, status, created_at) VALUES (?, ?, ?, '[]', 'done', ?)",
    );
    // Two in the same millisecond: insertion order decides, as it always did.
    for (const [id, role, at] of [['u1', 'user', 1], ['a1', 'assistant', 1], ['u2', 'user', 5], ['a2', 'assistant', 6]] as const) {
      insert.run(id, t.id, role, at);
    }
    before.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    const messages = new MessagesRepo(db);
    const page = messages.listByThread(t.id, { limit: 10 });
    expect(ids(page.messages)).toEqual(['u1', 'a1', 'u2', 'a2']);
    expect(page.messages.map((m) => m.parentId)).toEqual([null, 'u1', 'a1', 'u2']);
    expect(page.siblings).toEqual({});
    expect(ids(messages.history('a2'))).toEqual(['u1', 'a1', 'u2']);

    const next = messages.insert(msg(t.id, 'u3', 7));
    expect(next.parentId).toBe('a2');
    expect(ids(messages.lastMessages(t.id))).toEqual(['u1', 'a1', 'u2', 'a2', 'u3']);
    db.close();
  });

  it('a sibling becomes the selected branch; choosing the other brings its own continuation back', () => {
    const { db, messages, thread } = setup();
    messages.insert(msg(thread.id, 'q', 1));
    messages.insert(msg(thread.id, 'a', 2, { role: 'assistant' }));
    messages.insert(msg(thread.id, 'q2', 3));
    // Regenerate a: a sibling under q, selected, with nothing below it yet.
    messages.insert(msg(thread.id, 'a-again', 4, { role: 'assistant', parentId: 'q' }));
    expect(ids(messages.lastMessages(thread.id))).toEqual(['q', 'a-again']);
    expect(messages.listByThread(thread.id, { limit: 10 }).siblings).toEqual({ 'a-again': ['a', 'a-again'] });
    // A turn sent now follows the selected branch.
    expect(messages.insert(msg(thread.id, 'q3', 5)).parentId).toBe('a-again');

    expect(messages.select('a')).toBe(true);
    expect(ids(messages.lastMessages(thread.id))).toEqual(['q', 'a', 'q2']);
    expect(ids(messages.history('q3'))).toEqual(['q', 'a-again']);
    messages.select('a-again');
    expect(ids(messages.lastMessages(thread.id))).toEqual(['q', 'a-again', 'q3']);
    db.close();
  });

  it('pages walk the selected path only', () => {
    const { db, messages, thread } = setup();
    for (let i = 1; i <= 6; i++) messages.insert(msg(thread.id, `m${i}`, i * 10));
    messages.insert(msg(thread.id, 'm4b', 70, { parentId: 'm3' }));
    messages.insert(msg(thread.id, 'm5b', 80));
    const p1 = messages.listByThread(thread.id, { limit: 2 });
    expect(ids(p1.messages)).toEqual(['m4b', 'm5b']);
    expect(p1.hasMore).toBe(true);
    const p2 = messages.listByThread(thread.id, { limit: 10, before: p1.messages[0]!.createdAt });
    expect(ids(p2.messages)).toEqual(['m1', 'm2', 'm3']);
    expect(p2.hasMore).toBe(false);
    db.close();
  });

  it('deleting a message keeps what followed it one step up, still selected', () => {
    const { db, messages, thread } = setup();
    messages.insert(msg(thread.id, 'q', 1));
    messages.insert(msg(thread.id, 'a', 2, { role: 'assistant' }));
    messages.insert(msg(thread.id, 'a2', 3, { role: 'assistant', parentId: 'q' }));
    messages.insert(msg(thread.id, 'q2', 4));
    messages.select('a');
    messages.insert(msg(thread.id, 'q3', 5)); // below a
    expect(ids(messages.lastMessages(thread.id))).toEqual(['q', 'a', 'q3']);

    expect(messages.deleteKeepingChildren('a')).toBe(true);
    expect(ids(messages.lastMessages(thread.id))).toEqual(['q', 'q3']);
    expect(messages.get('q3')!.parentId).toBe('q');
    expect(messages.deleteKeepingChildren('a')).toBe(false);
    db.close();
  });
});

describe('lazy new thread in storage', () => {
  it('drops only threads never used: no message, no title, no playground', () => {
    const db = openDatabase(temp.file());
    const threads = new ThreadsRepo(db);
    const messages = new MessagesRepo(db);
    const unused = threads.create({ model: 'm', protocol: 'openai-chat' });
    const used = threads.create({ model: 'm', protocol: 'openai-chat' });
    messages.insert(msg(used.id, 'hello', 1));
    const titled = threads.create({ model: 'm', protocol: 'openai-chat', title: 'Notes' });
    const withTools = threads.create({ model: 'm', protocol: 'openai-chat' });
    db.prepare("INSERT INTO playgrounds (thread_id, data) VALUES (?, '{}')").run(withTools.id);

    expect(threads.deleteEmptyUntitled()).toBe(1);
    expect(threads.get(unused.id)).toBeNull();
    expect(threads.list().map((t) => t.id).sort()).toEqual([used.id, titled.id, withTools.id].sort());
    db.close();
  });
});
