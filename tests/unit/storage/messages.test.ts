import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { MessagesRepo, openDatabase, ThreadsRepo, type CorruptRow } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('messages');
const tmpFile = (): string => temp.file();

function setup(file = tmpFile()) {
  const db = openDatabase(file);
  const reports: CorruptRow[] = [];
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db, { onCorrupt: (r) => reports.push(r) });
  return { db, reports, threads, messages, thread: threads.create({ model: 'm', protocol: 'anthropic-messages' }) };
}

const msg = (threadId: string, id: string, createdAt: number, extra: Partial<Message> = {}): Message =>
  storedMessage(threadId, id, createdAt, `text of ${id}`, extra);

const ids = (ms: Message[]) => ms.map((m) => m.id);

describe('MessagesRepo', () => {
  it('round-trips every kind of part and survives close and reopen', () => {
    const file = tmpFile();
    const a = setup(file);
    const full = msg(a.thread.id, 'asst', 5, {
      role: 'assistant',
      model: 'claude-sonnet-4',
      status: 'error',
      error: { code: 'rate_limit', message: 'slow down', status: 429, requestId: 'req_1' },
      usage: { inputTokens: 10, outputTokens: 20, cacheReadTokens: 3 },
      finishReason: 'tool_use',
      parts: [
        { type: 'thinking', key: 'b0', text: 'hmm', signature: 'sig', source: 'anthropic' },
        { type: 'redacted_thinking', key: 'b1', data: 'xyz' },
        { type: 'text', key: 'b2', text: 'Here 🐈' },
        { type: 'image', attachmentId: 'att1', mime: 'image/png', name: 'a.png', width: 2, height: 3, size: 44 },
        { type: 'document', attachmentId: 'att2', mime: 'application/pdf', name: 'a.pdf', size: 9, pages: 1 },
        { type: 'tool_call', key: 'b3', id: 'tu_1', name: 'get_weather', inputJson: '{"city":"Paris"}', input: { city: 'Paris' }, status: 'waiting' },
        { type: 'tool_result', toolCallId: 'tu_1', content: 'sunny', isError: false },
        { type: 'refusal', text: 'no' },
      ],
    });
    // The first message of a thread is a first turn: no parent.
    expect(a.messages.insert(full)).toEqual({ ...full, parentId: null });
    a.db.close();

    const b = setup(file);
    expect(b.messages.get('asst')).toEqual({ ...full, parentId: null });
    expect(b.messages.lastMessages(a.thread.id)).toEqual([{ ...full, parentId: null }]);
    b.db.close();
  });

  it('rejects an invalid message and a message of a missing thread', () => {
    const { db, messages, thread } = setup();
    expect(() => messages.insert({ ...msg(thread.id, 'x', 1), role: 'system' } as never)).toThrow();
    expect(() => messages.insert(msg('no-such-thread', 'y', 1))).toThrow(/FOREIGN KEY/);
    messages.insert(msg(thread.id, 'z', 1));
    expect(() => messages.insert(msg(thread.id, 'z', 2))).toThrow(/UNIQUE/);
    db.close();
  });

  it('updates only the fields in the patch', () => {
    const { db, messages, thread } = setup();
    const m = messages.insert(
      msg(thread.id, 'a', 1, { role: 'assistant', status: 'streaming', usage: { inputTokens: 1 }, finishReason: 'x' }),
    );
    const parts = [{ type: 'text' as const, key: 'text', text: 'done now' }];
    expect(messages.update('a', { parts, status: 'done' })).toEqual({ ...m, parts, status: 'done' });
    expect(messages.update('a', { usage: null, finishReason: null, error: { code: 'network', message: 'reset' } })).toEqual({
      ...m,
      parts,
      status: 'done',
      usage: null,
      finishReason: null,
      error: { code: 'network', message: 'reset' },
    });
    expect(messages.update('missing', { status: 'done' })).toBeNull();
    expect(() => messages.update('a', { role: 'user' } as never)).toThrow();
    expect(() => messages.update('a', { status: 'finished' } as never)).toThrow();
    db.close();
  });

  it('deletes one message', () => {
    const { db, messages, thread } = setup();
    messages.insert(msg(thread.id, 'a', 1));
    messages.insert(msg(thread.id, 'b', 2));
    expect(messages.delete('a')).toBe(true);
    expect(messages.delete('a')).toBe(false);
    expect(ids(messages.lastMessages(thread.id))).toEqual(['b']);
    db.close();
  });

  it('keeps insertion order for messages created in the same millisecond', () => {
    const { db, messages, thread } = setup();
    for (const id of ['q', 'p', 'z', 'a']) messages.insert(msg(thread.id, id, 7));
    messages.insert(msg(thread.id, 'early', 3));
    expect(ids(messages.lastMessages(thread.id))).toEqual(['early', 'q', 'p', 'z', 'a']);
    expect(ids(messages.listByThread(thread.id, { limit: 10 }).messages)).toEqual(['early', 'q', 'p', 'z', 'a']);
    db.close();
  });

  it('pages newest first, each page in chronological order, with hasMore', () => {
    const { db, messages, thread, threads } = setup();
    const other = threads.create({ model: 'm', protocol: 'openai-chat' });
    for (let i = 1; i <= 7; i++) messages.insert(msg(thread.id, `m${i}`, i * 10));
    messages.insert(msg(other.id, 'elsewhere', 35));

    const p1 = messages.listByThread(thread.id, { limit: 3 });
    expect(ids(p1.messages)).toEqual(['m5', 'm6', 'm7']);
    expect(p1.hasMore).toBe(true);
    const p2 = messages.listByThread(thread.id, { limit: 3, before: p1.messages[0]!.createdAt });
    expect(ids(p2.messages)).toEqual(['m2', 'm3', 'm4']);
    expect(p2.hasMore).toBe(true);
    const p3 = messages.listByThread(thread.id, { limit: 3, before: p2.messages[0]!.createdAt });
    expect(ids(p3.messages)).toEqual(['m1']);
    expect(p3.hasMore).toBe(false);

    const exact = messages.listByThread(thread.id, { limit: 7 });
    expect(exact.messages).toHaveLength(7);
    expect(exact.hasMore).toBe(false);
    expect(messages.listByThread('none', { limit: 5 })).toEqual({ messages: [], hasMore: false, siblings: {} });
    db.close();
  });

  it('never splits messages sharing a createdAt across pages, so paging skips none', () => {
    const { db, messages, thread } = setup();
    messages.insert(msg(thread.id, 'old', 10));
    for (const id of ['t1', 't2', 't3']) messages.insert(msg(thread.id, id, 20));
    messages.insert(msg(thread.id, 'new', 30));

    const p1 = messages.listByThread(thread.id, { limit: 2 });
    expect(ids(p1.messages)).toEqual(['t1', 't2', 't3', 'new']);
    expect(p1.hasMore).toBe(true);
    const p2 = messages.listByThread(thread.id, { limit: 2, before: p1.messages[0]!.createdAt });
    expect(ids(p2.messages)).toEqual(['old']);
    expect(p2.hasMore).toBe(false);

    const onlyTies = messages.listByThread(thread.id, { limit: 1, before: 30 });
    expect(ids(onlyTies.messages)).toEqual(['t1', 't2', 't3']);
    expect(onlyTies.hasMore).toBe(true);
    db.close();
  });

  it('reports a corrupt row and shows a placeholder instead of failing the list', () => {
    const { db, messages, thread, reports } = setup();
    messages.insert(msg(thread.id, 'good1', 1));
    messages.insert(msg(thread.id, 'bad-json', 2));
    messages.insert(msg(thread.id, 'bad-part', 3, { role: 'assistant' }));
    messages.insert(msg(thread.id, 'good2', 4));
    const corrupt = db.prepare('UPDATE messages SET parts = ? WHERE id = ?');
    corrupt.run('[{"type":"text","text":', 'bad-json');
    corrupt.run('[{"type":"hologram"}]', 'bad-part');

    const page = messages.listByThread(thread.id, { limit: 10 });
    expect(ids(page.messages)).toEqual(['good1', 'bad-json', 'bad-part', 'good2']);
    const placeholder = page.messages[2]!;
    expect(placeholder).toMatchObject({ role: 'assistant', parts: [], status: 'error', error: { code: 'storage' } });
    expect(page.messages[3]!.parts).toEqual([{ type: 'text', text: 'text of good2' }]);
    expect(reports.map((r) => [r.table, r.id])).toEqual([
      ['messages', 'bad-json'],
      ['messages', 'bad-part'],
    ]);
    expect(reports[0]!.issue).toMatch(/parts/);

    // request history leaves corrupt rows out rather than sending a placeholder to the model
    expect(ids(messages.lastMessages(thread.id))).toEqual(['good1', 'good2']);
    expect(messages.get('bad-json')).toMatchObject({ status: 'error', parts: [] });
    db.close();
  });

  it('uses the thread+createdAt index for a page', () => {
    const { db } = setup();
    const plan = db
      .prepare(
        "EXPLAIN QUERY PLAN SELECT * FROM messages WHERE thread_id = 'x' AND created_at < 5 ORDER BY created_at DESC, seq DESC LIMIT 10",
      )
      .all() as { detail: string }[];
    const detail = plan.map((p) => p.detail).join(' ');
    expect(detail).toMatch(/messages_by_thread_created/);
    expect(detail).not.toMatch(/TEMP B-TREE/);
    db.close();
  });
});
