// A thread's parameters in their own table: stored, read back with the thread, cleared to "every
// default", deleted with the thread, and a corrupt row reads as defaults (reported), never a crash.
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, openDatabase, ThreadsRepo, type CorruptRow } from '../../../electron/storage';
import { ThreadParamsRepo } from '../../../electron/storage/thread-params';
import { UsageQueries } from '../../../electron/storage/usage';
import { MessagesRepo } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('thread-params');

function setup(file = temp.file()) {
  const db = openDatabase(file);
  const reports: CorruptRow[] = [];
  const params = new ThreadParamsRepo(db, (r) => reports.push(r));
  return { db, reports, threads: new ThreadsRepo(db, { params, onCorrupt: (r) => reports.push(r) }) };
}

describe('thread parameters', () => {
  it('are stored, listed, cleared and deleted with their thread', () => {
    const { db, threads } = setup();
    const t = threads.create({ model: 'gpt-4o', protocol: 'openai-chat', params: { temperature: 0.2 } });
    expect(t.params).toEqual({ temperature: 0.2 });
    const other = threads.create({ model: 'gpt-4o', protocol: 'openai-chat' });
    expect(other).not.toHaveProperty('params');

    expect(threads.update(t.id, { params: { topP: 0.5, reasoningEffort: 'high' } })!.params).toEqual({ topP: 0.5, reasoningEffort: 'high' });
    expect(threads.get(t.id)!.params).toEqual({ topP: 0.5, reasoningEffort: 'high' });
    expect(threads.list().find((x) => x.id === t.id)!.params).toEqual({ topP: 0.5, reasoningEffort: 'high' });
    // Other fields leave the parameters alone.
    expect(threads.update(t.id, { title: 'Renamed' })!.params).toEqual({ topP: 0.5, reasoningEffort: 'high' });

    const cleared = threads.update(t.id, { params: {} })!;
    expect(cleared).not.toHaveProperty('params');
    expect(db.prepare('SELECT COUNT(*) AS n FROM thread_params').get()).toEqual({ n: 0 });

    threads.update(t.id, { params: { maxTokens: 10 } });
    threads.delete(t.id);
    expect(db.prepare('SELECT COUNT(*) AS n FROM thread_params').get()).toEqual({ n: 0 });
    db.close();
  });

  it('a corrupt row reads as every default and is reported', () => {
    const { db, threads, reports } = setup();
    const t = threads.create({ model: 'm', protocol: 'openai-chat', params: { temperature: 1 } });
    db.prepare(`UPDATE thread_params SET data = '{"temperature": 9}' WHERE thread_id = ?`).run(t.id);
    expect(threads.get(t.id)).not.toHaveProperty('params');
    db.prepare(`UPDATE thread_params SET data = 'nope' WHERE thread_id = ?`).run(t.id);
    expect(threads.list()[0]).not.toHaveProperty('params');
    expect(reports.map((r) => r.table)).toEqual(['thread_params', 'thread_params']);
    db.close();
  });

  it('a database from before the step opens and its threads have no parameters', () => {
    const file = temp.file();
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, -1) });
    const old = new ThreadsRepo(before).create({ model: 'm', protocol: 'openai-chat' });
    before.close();
    const { db, threads } = setup(file);
    expect(threads.get(old.id)).toEqual(old);
    db.close();
  });

  it('usage of a thread: every answer with usage, unreadable ones left out', () => {
    const { db, threads } = setup();
    const t = threads.create({ model: 'm', protocol: 'openai-chat' });
    const messages = new MessagesRepo(db);
    const base = { threadId: t.id, role: 'assistant' as const, parts: [], status: 'done' as const, error: null, finishReason: null, model: 'm' };
    messages.insert({ ...base, id: 'a', usage: { inputTokens: 5, outputTokens: 1 }, createdAt: 1 });
    messages.insert({ ...base, id: 'b', usage: null, createdAt: 2 });
    messages.insert({ ...base, id: 'c', usage: { inputTokens: 7 }, createdAt: 3 });
    db.prepare(`UPDATE messages SET usage = '{"inputTokens": -1}' WHERE id = 'c'`).run();
    expect(new UsageQueries(db).byThread(t.id)).toEqual([{ id: 'a', model: 'm', usage: { inputTokens: 5, outputTokens: 1 } }]);
    db.close();
  });
});
