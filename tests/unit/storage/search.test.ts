import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import {
  createMessageWriter,
  MessagesRepo,
  MIGRATIONS,
  openDatabase,
  parseQuery,
  SearchRepo,
  ThreadsRepo,
  type SnippetPart,
} from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('search');

function setup(file = temp.file()) {
  const db = openDatabase(file);
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db);
  const search = new SearchRepo(db);
  const thread = threads.create({ model: 'm', protocol: 'openai-chat', title: 'First' });
  return { db, threads, messages, search, thread };
}

const msg = (threadId: string, id: string, text: string, createdAt: number, extra: Partial<Message> = {}): Message =>
  storedMessage(threadId, id, createdAt, text, { role: 'assistant', ...extra });

const hitIds = (s: SearchRepo, q: string) => s.messages(q, 50).map((h) => h.messageId);
const marked = (parts: SnippetPart[]) => parts.filter((p) => p.mark).map((p) => p.text);

describe('SearchRepo', () => {
  it('finds English and Chinese substrings, case-insensitively, newest first, with the thread title', () => {
    const { messages, search, thread } = setup();
    messages.insert(msg(thread.id, 'a', 'The Zebrafish swims', 1));
    messages.insert(msg(thread.id, 'b', '我们讨论量子纠缠的原理', 2));
    messages.insert(msg(thread.id, 'c', 'another zebrafish, much later', 3));
    expect(hitIds(search, 'zebrafish')).toEqual(['c', 'a']);
    expect(hitIds(search, '子纠缠')).toEqual(['b']);
    expect(hitIds(search, 'nothing-like-this')).toEqual([]);
    const [hit] = search.messages('量子纠缠', 10);
    expect(hit).toMatchObject({ threadId: thread.id, threadTitle: 'First', messageId: 'b', role: 'assistant', createdAt: 2 });
    expect(marked(hit!.snippet)).toEqual(['量子纠缠']);
    expect(hit!.snippet.map((p) => p.text).join('')).toBe('我们讨论量子纠缠的原理');
  });

  it('needs every word; words shorter than 3 characters (trigram cannot index them) still count', () => {
    const { messages, search, thread } = setup();
    messages.insert(msg(thread.id, 'a', 'red apple pie', 1));
    messages.insert(msg(thread.id, 'b', 'green apple', 2));
    messages.insert(msg(thread.id, 'c', '你好 world', 3));
    expect(hitIds(search, 'apple pie')).toEqual(['a']);
    expect(hitIds(search, 'apple ee')).toEqual(['b']);
    expect(hitIds(search, '你好')).toEqual(['c']);
    expect(hitIds(search, 'pl')).toEqual(['b', 'a']);
    // FTS5 syntax in a query is just text
    expect(hitIds(search, '"apple')).toEqual([]);
    expect(hitIds(search, 'apple AND')).toEqual([]);
    expect(parseQuery('  ').words).toEqual([]);
    expect(search.messages('   ', 10)).toEqual([]);
  });

  it('stays in sync when a message is edited, deleted, or its thread is deleted', () => {
    const { threads, messages, search, thread } = setup();
    messages.insert(msg(thread.id, 'a', 'original wording', 1));
    messages.update('a', { parts: [{ type: 'text', text: 'edited phrasing' }] });
    expect(hitIds(search, 'original')).toEqual([]);
    expect(hitIds(search, 'phrasing')).toEqual(['a']);
    // a status-only update keeps the text searchable
    messages.update('a', { status: 'stopped' });
    expect(hitIds(search, 'phrasing')).toEqual(['a']);
    messages.delete('a');
    expect(hitIds(search, 'phrasing')).toEqual([]);

    messages.insert(msg(thread.id, 'b', 'cascade check', 2));
    expect(hitIds(search, 'cascade')).toEqual(['b']);
    threads.delete(thread.id);
    expect(hitIds(search, 'cascade')).toEqual([]);
  });

  it('indexes a streaming message as its text grows and at its final write', () => {
    const { db, messages, search, thread } = setup();
    const start = messages.insert(msg(thread.id, 's', '', 1, { status: 'streaming', parts: [] }));
    const writer = createMessageWriter(db, { intervalMs: 0 });
    writer.schedule({ ...start, parts: [{ type: 'text', text: 'partial answ' }] });
    writer.flush();
    expect(hitIds(search, 'partial')).toEqual(['s']);
    writer.schedule({ ...start, parts: [{ type: 'text', text: 'partial answer, then the conclusion' }], status: 'done' });
    writer.close();
    expect(hitIds(search, 'conclusion')).toEqual(['s']);
    expect(hitIds(search, 'answ')).toEqual(['s']);
    expect(search.inThread(thread.id, 'conclusion', 10).messageIds).toEqual(['s']);
  });

  it('finds a thread’s matches in thread order, and only that thread’s', () => {
    const { threads, messages, search, thread } = setup();
    const other = threads.create({ model: 'm', protocol: 'openai-chat' });
    messages.insert(msg(thread.id, 'a', 'needle one', 1));
    messages.insert(msg(thread.id, 'b', 'hay', 2));
    messages.insert(msg(other.id, 'x', 'needle elsewhere', 3));
    messages.insert(msg(thread.id, 'c', 'needle two', 4));
    expect(search.inThread(thread.id, 'needle', 10)).toEqual({ messageIds: ['a', 'c'], truncated: false });
    expect(search.inThread(thread.id, 'needle', 1)).toEqual({ messageIds: ['a'], truncated: true });
    expect(search.inThread(thread.id, 'ay', 10).messageIds).toEqual(['b']);
  });

  it('builds the index for a database that had messages before the search migration', () => {
    const file = temp.file();
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'message-search')) });
    // rows as that version wrote them (today's repositories expect the index to exist)
    before.prepare(
      `INSERT INTO threads (id, title, model, protocol, created_at, updated_at) VALUES ('t', '', 'm', 'openai-chat', 1, 1)`,
    ).run();
    before
      .prepare(
        `INSERT INTO messages (id, thread_id, role, parts, search_text, status, created_at)
         VALUES ('old', 't', 'user', '[]', 'written before the index existed 早期的消息', 'done', 1)`,
      )
      .run();
    const thread = { id: 't' };
    expect(() => before.prepare('SELECT * FROM messages_fts').all()).toThrow();
    before.close();

    const after = openDatabase(file);
    const search = new SearchRepo(after);
    expect(hitIds(search, 'index existed')).toEqual(['old']);
    expect(hitIds(search, '早期的')).toEqual(['old']);
    // and the triggers work from then on
    new MessagesRepo(after).insert(msg(thread.id, 'new', 'written after', 2));
    expect(hitIds(search, 'written')).toEqual(['new', 'old']);
  });

  it('cuts a long text around the first match and marks every match in view', () => {
    const { messages, search, thread } = setup();
    const text = `${'lorem '.repeat(50)}Needle here and needle again${' ipsum'.repeat(50)}`;
    messages.insert(msg(thread.id, 'a', text, 1));
    const [hit] = search.messages('needle', 5);
    expect(hit!.snippet[0]).toEqual({ text: '…', mark: false });
    expect(hit!.snippet[hit!.snippet.length - 1]).toEqual({ text: '…', mark: false });
    expect(marked(hit!.snippet)).toEqual(['Needle', 'needle']);
  });
});
