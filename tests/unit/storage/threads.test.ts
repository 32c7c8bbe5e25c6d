import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { MessagesRepo, openDatabase, ThreadsRepo, type Db } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('threads');
const tmpFile = (): string => temp.file();

function setup(file = tmpFile()) {
  const db = openDatabase(file);
  let t = 1_000;
  const clock = { set: (v: number) => (t = v), now: () => t };
  return { db, clock, threads: new ThreadsRepo(db, { now: clock.now }), messages: new MessagesRepo(db) };
}

const msg = (threadId: string, id: string, text: string, createdAt: number): Message => storedMessage(threadId, id, createdAt, text);

describe('ThreadsRepo', () => {
  it('creates with defaults, reads back, updates and deletes', () => {
    const { db, threads } = setup();
    const t = threads.create({ model: 'gpt-4o-mini', protocol: 'openai-chat' });
    expect(t).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      title: '',
      model: 'gpt-4o-mini',
      protocol: 'openai-chat',
      systemPrompt: '',
      thinking: null,
      createdAt: 1_000,
      updatedAt: 1_000,
    });
    expect(threads.get(t.id)).toEqual(t);

    const u = threads.update(t.id, {
      title: 'Renamed',
      protocol: 'anthropic-messages',
      thinking: { enabled: true, budgetTokens: 2048 },
    });
    expect(u).toEqual({ ...t, title: 'Renamed', protocol: 'anthropic-messages', thinking: { enabled: true, budgetTokens: 2048 } });
    expect(threads.get(t.id)).toEqual(u);
    expect(threads.update('nope', { title: 'x' })).toBeNull();
    expect(() => threads.update(t.id, { protocol: 'smtp' } as never)).toThrow();

    expect(threads.delete(t.id)).toBe(true);
    expect(threads.delete(t.id)).toBe(false);
    expect(threads.get(t.id)).toBeNull();
    db.close();
  });

  it('survives close and reopen', () => {
    const file = tmpFile();
    const a = setup(file);
    const t = a.threads.create({ model: 'claude-sonnet-4', protocol: 'anthropic-messages', title: '猫', systemPrompt: 'be brief' });
    a.db.close();
    const b = setup(file);
    expect(b.threads.get(t.id)).toEqual(t);
    b.db.close();
  });

  it('lists newest first by updatedAt; touch and a new message move a thread up', () => {
    const { db, clock, threads, messages } = setup();
    const a = threads.create({ model: 'm', protocol: 'openai-chat', title: 'a' });
    clock.set(2_000);
    const b = threads.create({ model: 'm', protocol: 'openai-chat', title: 'b' });
    const c = threads.create({ model: 'm', protocol: 'openai-chat', title: 'c' }); // same ms as b
    expect(threads.list().map((t) => t.title)).toEqual(['c', 'b', 'a']);

    clock.set(3_000);
    expect(threads.touch(a.id)).toBe(true);
    expect(threads.list().map((t) => t.title)).toEqual(['a', 'c', 'b']);
    expect(threads.get(a.id)!.updatedAt).toBe(3_000);

    messages.insert(msg(b.id, 'm1', 'hi', 4_000));
    expect(threads.list().map((t) => t.title)).toEqual(['b', 'a', 'c']);
    expect(threads.list({ limit: 2 }).map((t) => t.title)).toEqual(['b', 'a']);
    expect(threads.touch('nope')).toBe(false);
    void c;
    db.close();
  });

  it('searches titles and message text, case-insensitively, with % _ and \\ taken literally', () => {
    const { db, clock, threads, messages } = setup();
    const recipes = threads.create({ model: 'm', protocol: 'openai-chat', title: 'Pasta Recipes' });
    clock.set(2_000);
    const stats = threads.create({ model: 'm', protocol: 'openai-chat', title: 'stats' });
    messages.insert(msg(stats.id, 's1', 'growth was 50% in Q1_2024, path C:\\tmp', 2_001));
    clock.set(3_000);
    const other = threads.create({ model: 'm', protocol: 'openai-chat', title: 'other' });
    messages.insert(msg(other.id, 'o1', 'growth was 50 percent; 图片描述', 3_001));

    const titles = (query: string) => threads.list({ query }).map((t) => t.title);
    expect(titles('PASTA')).toEqual(['Pasta Recipes']);
    expect(titles('GROWTH')).toEqual(['other', 'stats']);
    expect(titles('50%')).toEqual(['stats']);
    expect(titles('q1_2')).toEqual(['stats']);
    expect(titles('_')).toEqual(['stats']);
    expect(titles('%')).toEqual(['stats']);
    expect(titles('C:\\tmp')).toEqual(['stats']);
    expect(titles('图片')).toEqual(['other']);
    expect(titles('nothing like this')).toEqual([]);
    expect(titles('  ')).toHaveLength(3); // blank query = no filter
    // the JSON around the text is not searchable
    expect(titles('"type"')).toEqual([]);
    void recipes;
    db.close();
  });

  it('deleting a thread deletes its messages', () => {
    const { db, threads, messages } = setup();
    const t = threads.create({ model: 'm', protocol: 'openai-chat' });
    const keep = threads.create({ model: 'm', protocol: 'openai-chat' });
    messages.insert(msg(t.id, 'a', 'one', 1));
    messages.insert(msg(t.id, 'b', 'two', 2));
    messages.insert(msg(keep.id, 'c', 'three', 3));
    threads.delete(t.id);
    expect(messages.get('a')).toBeNull();
    expect(messages.lastMessages(t.id)).toEqual([]);
    expect(messages.get('c')).not.toBeNull();
    expect(countMessages(db)).toBe(1);
    db.close();
  });

  // Speed is measured in `npm run bench`; here: the result and an index-only plan (no sort step).
  it('lists 5,000 threads newest first and finds one by message text, without a sort step', () => {
    const { db, threads, messages } = setup();
    const insertMany = db.transaction(() => {
      for (let i = 0; i < 5_000; i++) {
        const t = threads.create({ model: 'm', protocol: 'openai-chat', title: `thread ${i}` });
        for (let j = 0; j < 4; j++) messages.insert(msg(t.id, `${i}-${j}`, `message ${j} of thread ${i} lorem ipsum`, i * 10 + j));
      }
    });
    insertMany();
    const plan = db
      .prepare('EXPLAIN QUERY PLAN SELECT * FROM threads ORDER BY updated_at DESC, rowid DESC')
      .all() as { detail: string }[];
    expect(plan.map((p) => p.detail).join(' ')).not.toMatch(/TEMP B-TREE/);

    const all = threads.list();
    expect(all).toHaveLength(5_000);
    expect(all[0]!.title).toBe('thread 4999');

    const found = threads.list({ query: 'OF THREAD 4242 ' });
    expect(found.map((t) => t.title)).toEqual(['thread 4242']);
    db.close();
  });
});

function countMessages(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM messages').get() as { n: number }).n;
}
