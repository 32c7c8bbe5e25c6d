// The start-up sweep: what a killed run left `streaming` (or running, or awaiting the user) is marked
// `interrupted`, text kept; finished answers are left alone.
import { describe, expect, it } from 'vitest';
import type { Message, Part } from '../../../shared/domain';
import { interruptUnfinished, MIGRATIONS, MessagesRepo, openDatabase, schemaVersion, ThreadsRepo } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('sweep');

function answer(threadId: string, id: string, createdAt: number, extra: Partial<Message> = {}): Message {
  return {
    id,
    threadId,
    role: 'assistant',
    parts: [{ type: 'text', key: 'text', text: `partial text of ${id}` }],
    status: 'done',
    error: null,
    usage: null,
    model: 'm',
    finishReason: null,
    createdAt,
    ...extra,
  };
}

const call = (id: string, status: Extract<Part, { type: 'tool_call' }>['status'], extra: Partial<Part> = {}): Part =>
  ({ type: 'tool_call', key: `k-${id}`, id, name: 'lookup', inputJson: '{}', input: {}, status, ...extra }) as Part;

function setup() {
  const file = temp.file();
  const db = openDatabase(file);
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db);
  return { file, db, threads, messages };
}

describe('interruptUnfinished (start-up sweep)', () => {
  it('marks streaming answers interrupted with their text, and their in-flight tool calls too', () => {
    const { db, threads, messages } = setup();
    const t1 = threads.create({ model: 'm', protocol: 'openai-chat' });
    const t2 = threads.create({ model: 'm', protocol: 'openai-chat' });
    const t3 = threads.create({ model: 'm', protocol: 'openai-chat' });
    // t1: an older finished answer, then one cut off mid-stream with a call still running
    messages.insert(answer(t1.id, 'old-done', 1));
    messages.insert(
      answer(t1.id, 'cut', 2, {
        status: 'streaming',
        parts: [{ type: 'text', key: 'text', text: 'half an ans' }, call('c1', 'running'), call('c2', 'done')],
      }),
    );
    // t2: a tool loop that died between steps: the step is done, but a call awaits the user's result
    messages.insert(answer(t2.id, 'loop', 3, { parts: [call('c3', 'waiting', { awaiting: 'result', resultDraft: '{}' })] }));
    // t3: a step limit left its calls `waiting` with nothing awaited: a finished state, not a crash
    messages.insert(answer(t3.id, 'limit', 4, { parts: [call('c4', 'waiting')], finishReason: 'step_limit' }));

    const swept = interruptUnfinished(db);
    expect(swept.map((m) => m.id).sort()).toEqual(['cut', 'loop']);

    const cut = messages.get('cut')!;
    expect(cut.status).toBe('interrupted');
    expect(cut.parts[0]).toMatchObject({ type: 'text', text: 'half an ans' });
    expect(cut.parts.map((p) => (p.type === 'tool_call' ? p.status : p.type))).toEqual(['text', 'interrupted', 'done']);

    const loop = messages.get('loop')!;
    expect(loop.status).toBe('interrupted');
    expect(loop.parts[0]).toMatchObject({ status: 'interrupted' });
    expect(loop.parts[0]).not.toHaveProperty('awaiting');

    expect(messages.get('old-done')!.status).toBe('done');
    expect(messages.get('limit')!).toMatchObject({ status: 'done', parts: [{ status: 'waiting' }] });

    // Nothing is left to sweep on the next start.
    expect(interruptUnfinished(db)).toEqual([]);
    db.close();
  });

  it('a database from before the status existed opens, and its streaming rows are swept', () => {
    const file = temp.file();
    const before = openDatabase(file, { migrations: MIGRATIONS.slice(0, 3) });
    // Raw SQL, as that version wrote it: today's repositories expect tables of later steps (the search index).
    before.prepare(`INSERT INTO threads (id, model, protocol, created_at, updated_at) VALUES ('t', 'm', 'openai-chat', 1, 1)`).run();
    const a1 = answer('t', 'a1', 1, { status: 'streaming' });
    before
      .prepare(`INSERT INTO messages (id, thread_id, role, parts, status, created_at) VALUES ('a1', 't', 'assistant', ?, 'streaming', 1)`)
      .run(JSON.stringify(a1.parts));
    before.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(interruptUnfinished(db).map((m) => m.id)).toEqual(['a1']);
    expect(new MessagesRepo(db).get('a1')).toMatchObject({ status: 'interrupted', parts: [{ text: 'partial text of a1' }] });
    db.close();
  });

  it('an unreadable streaming row stops being streaming and is reported', () => {
    const { db, threads } = setup();
    const t = threads.create({ model: 'm', protocol: 'openai-chat' });
    db.prepare(
      `INSERT INTO messages (id, thread_id, role, parts, status, created_at) VALUES ('bad', ?, 'assistant', '{not json', 'streaming', 1)`,
    ).run(t.id);
    const reports: string[] = [];
    interruptUnfinished(db, (r) => reports.push(r.id));
    expect(reports).toEqual(['bad']);
    expect((db.prepare(`SELECT status FROM messages WHERE id = 'bad'`).get() as { status: string }).status).toBe('interrupted');
    db.close();
  });
});
