// Words of 1–2 characters (most Chinese words; "ai", "js", "C") through the gram index (migration
// "message-grams", electron/storage/grams.ts): found and not found in every thread and in one, mixed with
// long words, newest first and cut at the limit, folded like the trigram index folds long words, and the
// index itself in step with inserts, edits and deletes, also for a database that had messages before it.
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { createMessageWriter, MessagesRepo, MIGRATIONS, openDatabase, SearchRepo, ThreadsRepo, type Db } from '../../../electron/storage';
import { messageGrams, wordGram } from '../../../electron/storage/grams';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('search-grams');

function setup(file = temp.file()) {
  const db = openDatabase(file);
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db);
  const search = new SearchRepo(db);
  const thread = threads.create({ model: 'm', protocol: 'openai-chat', title: 'First' });
  const other = threads.create({ model: 'm', protocol: 'openai-chat', title: 'Second' });
  return { db, threads, messages, search, thread, other };
}

const msg = (threadId: string, id: string, text: string, createdAt: number): Message =>
  storedMessage(threadId, id, createdAt, text, { role: 'assistant' });

const hitIds = (s: SearchRepo, q: string, limit = 50) => s.messages(q, limit).map((h) => h.messageId);
const inThread = (s: SearchRepo, threadId: string, q: string, limit = 50) => s.inThread(threadId, q, limit);

/** Ids of the messages the gram index itself holds the word for (no LIKE, no other table). */
function indexed(db: Db, word: string): string[] {
  return (
    db
      .prepare(
        `SELECT m.id FROM messages_grams g JOIN messages m ON m.seq = g.rowid
         WHERE messages_grams MATCH ? ORDER BY m.seq`,
      )
      .pluck()
      .all(`"${wordGram(word)}"`) as string[]
  );
}

describe('search words of 1–2 characters', () => {
  it('finds 1- and 2-character English and Chinese words in every thread, and not absent ones', () => {
    const { messages, search, thread, other } = setup();
    messages.insert(msg(thread.id, 'a', 'we trained the model with js and C', 1));
    messages.insert(msg(other.id, 'b', '这个模型可以生成图片', 2));
    messages.insert(msg(thread.id, 'c', 'AI 模型 and a lantern', 3));
    expect(hitIds(search, 'js')).toEqual(['a']);
    expect(hitIds(search, 'C')).toEqual(['a']);
    expect(hitIds(search, '模型')).toEqual(['c', 'b']);
    expect(hitIds(search, '图')).toEqual(['b']);
    expect(hitIds(search, 'ai')).toEqual(['c', 'a']); // "trAIned"
    expect(hitIds(search, '量子')).toEqual([]);
    expect(hitIds(search, 'zq')).toEqual([]);
    expect(hitIds(search, 'Ж')).toEqual([]);
    // a gram never spans whitespace: "s a" holds "s" and "a" but not "sa"
    expect(hitIds(search, 'sa')).toEqual([]);
  });

  it('finds them in one thread, in thread order, and says when the limit cut the list', () => {
    const { messages, search, thread, other } = setup();
    messages.insert(msg(thread.id, 'a', '第一个模型', 1));
    messages.insert(msg(other.id, 'x', '别的线程里的模型', 2));
    messages.insert(msg(thread.id, 'b', 'nothing here', 3));
    messages.insert(msg(thread.id, 'c', '第二个模型 ai', 4));
    expect(inThread(search, thread.id, '模型')).toEqual({ messageIds: ['a', 'c'], truncated: false });
    expect(inThread(search, thread.id, '模型', 1)).toEqual({ messageIds: ['a'], truncated: true });
    expect(inThread(search, thread.id, '型 ai')).toEqual({ messageIds: ['c'], truncated: false });
    expect(inThread(search, thread.id, '量子')).toEqual({ messageIds: [], truncated: false });
    expect(inThread(search, other.id, '模型 个')).toEqual({ messageIds: [], truncated: false });
    expect(inThread(search, other.id, 'x')).toEqual({ messageIds: [], truncated: false });
  });

  it('needs every word when short and long words are mixed, newest first, and stops at the limit', () => {
    const { messages, search, thread, other } = setup();
    messages.insert(msg(thread.id, 'a', 'ai 模型 lantern', 1));
    messages.insert(msg(other.id, 'b', 'a lantern without the rest', 2));
    messages.insert(msg(thread.id, 'c', '模型 lantern', 3));
    messages.insert(msg(other.id, 'd', 'lantern for the ai 模型, again', 4));
    messages.insert(msg(thread.id, 'e', 'ai 模型 but no light', 5));
    expect(hitIds(search, 'ai 模型 lantern')).toEqual(['d', 'a']);
    expect(hitIds(search, 'ai 模型 lantern', 1)).toEqual(['d']);
    expect(hitIds(search, 'lantern 模')).toEqual(['d', 'c', 'a']);
    expect(hitIds(search, 'lantern 量')).toEqual([]);
    expect(hitIds(search, 'rest 模型')).toEqual([]);
    expect(inThread(search, thread.id, 'ai 模型 lantern')).toEqual({ messageIds: ['a'], truncated: false });
    expect(inThread(search, thread.id, 'lantern 型', 1)).toEqual({ messageIds: ['a'], truncated: true });
  });

  it('walks long lists of matches on both sides to find the few messages they share', () => {
    const { db, messages, search, thread } = setup();
    // The long word in the older half, the short one in the newer half, both in three: the walk runs down
    // one list past the other and switches to asking the other side row by row (intersect.ts).
    db.transaction(() => {
      for (let i = 0; i < 900; i++) {
        const both = i === 100 || i === 500 || i === 800;
        const text = both ? 'zebrafish 鱼' : i < 400 ? 'zebrafish only' : '鱼 only';
        messages.insert(msg(thread.id, `m${i}`, text, i));
      }
    })();
    expect(hitIds(search, 'zebrafish 鱼')).toEqual(['m800', 'm500', 'm100']);
    expect(hitIds(search, '鱼 zebrafish', 2)).toEqual(['m800', 'm500']);
    expect(hitIds(search, 'only 鱼')).toHaveLength(50);
    expect(inThread(search, thread.id, 'zebrafish 鱼')).toEqual({ messageIds: ['m100', 'm500', 'm800'], truncated: false });
  });

  it('folds case as the trigram index folds long words, in every script', () => {
    const { messages, search, thread } = setup();
    messages.insert(msg(thread.id, 'a', 'Ask the AI', 1));
    messages.insert(msg(thread.id, 'b', 'été à Paris', 2));
    messages.insert(msg(thread.id, 'c', 'ΟΔΟΣ and οδός', 3));
    messages.insert(msg(thread.id, 'd', 'Мы тут', 4));
    expect(hitIds(search, 'ai')).toEqual(['a']);
    expect(hitIds(search, 'aI')).toEqual(['a']);
    expect(hitIds(search, 'ASK')).toEqual(['a']);
    // LIKE folded only A–Z; the trigram index folds É, Σ, Я as well, and now short words do too
    expect(hitIds(search, 'É')).toEqual(['b']);
    expect(hitIds(search, 'ÉT')).toEqual(['b']);
    expect(hitIds(search, 'ÉTÉ')).toEqual(['b']);
    expect(hitIds(search, 'мы')).toEqual(['d']);
    expect(hitIds(search, 'ς')).toEqual(['c']); // final sigma folds to σ, as in the trigram index
    expect(hitIds(search, 'ΟΣ')).toEqual(['c']);
    expect(hitIds(search, 'όΣ')).toEqual(['c']);
    expect(inThread(search, thread.id, 'мЫ')).toEqual({ messageIds: ['d'], truncated: false });
  });

  it('filters the thread list by words of 1–2 characters through the same index, folded the same way', () => {
    const { threads, messages, thread, other } = setup();
    messages.insert(msg(thread.id, 'a', 'été à Paris', 1));
    messages.insert(msg(other.id, 'b', '图片 and js', 2));
    const titles = (query: string) => threads.list({ query }).map((t) => t.title);
    expect(titles('É')).toEqual(['First']);
    expect(titles('ÉT')).toEqual(['First']);
    expect(titles('图片')).toEqual(['Second']);
    expect(titles('JS')).toEqual(['Second']);
    expect(titles('量子')).toEqual([]);
  });

  it('keeps the gram index in step with insert, edit, streaming writes and delete', () => {
    const { db, threads, messages, thread } = setup();
    messages.insert(msg(thread.id, 'a', '原来的模型', 1));
    expect(indexed(db, '模型')).toEqual(['a']);
    messages.update('a', { parts: [{ type: 'text', text: '改过的图片' }] });
    expect(indexed(db, '模型')).toEqual([]);
    expect(indexed(db, '图片')).toEqual(['a']);
    messages.update('a', { status: 'stopped' });
    expect(indexed(db, '图片')).toEqual(['a']);
    messages.delete('a');
    expect(indexed(db, '图片')).toEqual([]);
    messages.insert(msg(thread.id, 'b', 'js 图片', 2));
    expect(indexed(db, 'js')).toEqual(['b']);
    const streaming = messages.insert({ ...msg(thread.id, 's', '', 3), status: 'streaming', parts: [] });
    const writer = createMessageWriter(db, { intervalMs: 0 });
    writer.schedule({ ...streaming, parts: [{ type: 'text', text: '正在写' }] });
    writer.flush();
    expect(indexed(db, '在写')).toEqual(['s']);
    writer.schedule({ ...streaming, parts: [{ type: 'text', text: '写完了' }], status: 'done' });
    writer.close();
    expect(indexed(db, '在写')).toEqual([]);
    expect(indexed(db, '完了')).toEqual(['s']);
    threads.delete(thread.id);
    expect(indexed(db, 'js')).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM messages_grams').pluck().get()).toBe(0);
  });

  it('builds the gram index for a database that had messages before it, and keeps it after', () => {
    const file = temp.file();
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, MIGRATIONS.findIndex((m) => m.name === 'message-grams')) });
    const threads = new ThreadsRepo(before);
    const thread = threads.create({ model: 'm', protocol: 'openai-chat', title: 'Old' });
    before
      .prepare(
        `INSERT INTO messages (id, thread_id, role, parts, search_text, status, created_at)
         VALUES ('old', ?, 'user', '[]', '早期的模型 and js', 'done', 1)`,
      )
      .run(thread.id);
    expect(() => before.prepare('SELECT * FROM messages_grams').all()).toThrow();
    before.close();

    const after = openDatabase(file);
    expect(indexed(after, '模型')).toEqual(['old']);
    expect(indexed(after, 'JS')).toEqual(['old']);
    const search = new SearchRepo(after);
    expect(hitIds(search, '模型 js')).toEqual(['old']);
    new MessagesRepo(after).insert(msg(thread.id, 'new', '新的模型', 2));
    expect(hitIds(search, '模型')).toEqual(['new', 'old']);
    after.close();
  });

  it('writes each gram of the text once, without whitespace, as ASCII tokens', () => {
    const grams = messageGrams('Ab ab\n中文 ');
    expect(grams.split(' ').sort()).toEqual(['4e2d', '4e2dx6587', '61', '61x62', '62', '6587']);
    expect(grams).toMatch(/^[0-9a-fx ]*$/);
    expect(messageGrams('')).toBe('');
    expect(wordGram('AB')).toBe(wordGram('ab'));
    expect(wordGram('😀')).toBe('1f600');
  });
});
