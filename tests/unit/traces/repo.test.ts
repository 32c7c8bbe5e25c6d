import { describe, expect, it } from 'vitest';
import { MessagesRepo, MIGRATIONS, openDatabase, openStorage, schemaVersion, ThreadsRepo, type CorruptRow } from '../../../electron/storage';
import { TracesRepo } from '../../../electron/storage/traces';
import type { Message, Trace } from '../../../shared/domain';
import { anthropicRequest, recorder, weatherBody } from './helpers';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('traces');
const tmpFile = (): string => temp.file();

function assistant(threadId: string, id: string): Message {
  return {
    id,
    threadId,
    role: 'assistant',
    parts: [],
    status: 'done',
    error: null,
    usage: null,
    model: 'claude-sonnet-4-20250514',
    finishReason: null,
    createdAt: 10,
  };
}

function recordedTrace(messageId: string, threadId: string, id: string, createdAt = 1_000): Trace {
  const { rec, clock } = recorder({ messageId, threadId, id, wallNow: () => createdAt });
  rec.beginStep(anthropicRequest(weatherBody));
  clock.advance(10);
  rec.onFrame({ t: 10, event: 'message_start', data: '{"type":"message_start"}' });
  rec.onEvent({ type: 'text', key: 'b0', delta: 'hi' });
  rec.endStep({ status: 'done', error: null });
  return rec.snapshot();
}

function setup(file = tmpFile()) {
  const db = openDatabase(file);
  const reports: CorruptRow[] = [];
  const threads = new ThreadsRepo(db);
  const messages = new MessagesRepo(db);
  const traces = new TracesRepo(db, { onCorrupt: (r) => reports.push(r) });
  return { db, file, reports, threads, messages, traces };
}

function withMessage(s: ReturnType<typeof setup>, messageId = 'a1') {
  const thread = s.threads.create({ model: 'claude-sonnet-4-20250514', protocol: 'anthropic-messages' });
  s.messages.insert(assistant(thread.id, messageId));
  return thread;
}

describe('TracesRepo', () => {
  it('saves, gets the newest trace of a message, upserts by id and deletes', () => {
    const s = setup();
    const thread = withMessage(s);
    expect(s.traces.getByMessage('a1')).toBeNull();

    const first = recordedTrace('a1', thread.id, 'tr1', 1_000);
    expect(s.traces.save(first)).toEqual(first);
    expect(s.traces.getByMessage('a1')).toEqual(first);

    // the same trace saved again after another step: replaced, not duplicated
    const grown: Trace = { ...first, steps: [...first.steps, { ...first.steps[0]!, index: 1 }] };
    s.traces.save(grown);
    expect(s.traces.getByMessage('a1')).toEqual(grown);

    // a retry in place records a new trace: the newest wins
    const retried = recordedTrace('a1', thread.id, 'tr2', 2_000);
    s.traces.save(retried);
    expect(s.traces.getByMessage('a1')!.id).toBe('tr2');

    expect(s.traces.deleteByMessage('a1')).toBe(2);
    expect(s.traces.getByMessage('a1')).toBeNull();
    expect(s.reports).toEqual([]);
    s.db.close();
  });

  it('rejects an invalid trace and a trace of a missing message', () => {
    const s = setup();
    const thread = withMessage(s);
    expect(() => s.traces.save({ ...recordedTrace('a1', thread.id, 'x'), protocol: 'grpc' } as never)).toThrow();
    expect(() => s.traces.save(recordedTrace('no-such-message', thread.id, 'y'))).toThrow(/FOREIGN KEY/);
    s.db.close();
  });

  it('persists across close and reopen (through openStorage too)', () => {
    const file = tmpFile();
    const a = setup(file);
    const thread = withMessage(a);
    const trace = recordedTrace('a1', thread.id, 'tr1');
    a.traces.save(trace);
    a.db.close();

    const storage = openStorage(file);
    expect(storage.traces.getByMessage('a1')).toEqual(trace);
    storage.close();
  });

  it('deletes the traces with their message, and with their thread', () => {
    const s = setup();
    const thread = withMessage(s, 'a1');
    s.messages.insert(assistant(thread.id, 'a2'));
    s.traces.save(recordedTrace('a1', thread.id, 'tr1'));
    s.traces.save(recordedTrace('a2', thread.id, 'tr2'));

    expect(s.messages.delete('a1')).toBe(true);
    expect(s.traces.getByMessage('a1')).toBeNull();
    expect(s.traces.getByMessage('a2')!.id).toBe('tr2');

    s.threads.delete(thread.id);
    const left = s.db.prepare('SELECT COUNT(*) AS n FROM traces').get() as { n: number };
    expect(left.n).toBe(0);
    s.db.close();
  });

  it('reports a corrupt row and returns null', () => {
    const s = setup();
    const thread = withMessage(s);
    s.traces.save(recordedTrace('a1', thread.id, 'tr1'));
    s.db.prepare("UPDATE traces SET data = '{not json' WHERE id = 'tr1'").run();
    expect(s.traces.getByMessage('a1')).toBeNull();
    s.db.prepare(`UPDATE traces SET data = '{"id":"tr1","steps":"nope"}' WHERE id = 'tr1'`).run();
    expect(s.traces.getByMessage('a1')).toBeNull();
    expect(s.reports).toHaveLength(2);
    expect(s.reports[0]).toEqual({ table: 'traces', id: 'tr1', issue: 'data: invalid JSON' });
    expect(s.reports[1]).toMatchObject({ table: 'traces', id: 'tr1' });
    expect(s.reports[1]!.issue).toMatch(/steps/);
    s.db.close();
  });
});

describe('the traces migration', () => {
  it('applies on an existing version 1 database and keeps its messages', () => {
    const file = tmpFile();
    const v1 = openDatabase(file, { migrations: MIGRATIONS.slice(0, 1) });
    const threads = new ThreadsRepo(v1);
    const thread = threads.create({ model: 'm', protocol: 'anthropic-messages' });
    // Written as version 1 did: today's repository knows columns that schema has not.
    v1.prepare("INSERT INTO messages (id, thread_id, role, parts, status, created_at) VALUES ('old', ?, 'assistant', '[]', 'done', 1)").run(thread.id);
    expect(schemaVersion(v1)).toBe(1);
    v1.close();

    const s = setup(file);
    expect(schemaVersion(s.db)).toBe(MIGRATIONS.length);
    expect(MIGRATIONS[1]!.name).toBe('traces');
    expect(s.messages.get('old')).not.toBeNull();
    const index = s.db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'traces'").all();
    expect(index).toContainEqual({ name: 'traces_by_message' });
    s.traces.save(recordedTrace('old', thread.id, 'tr-old'));
    expect(s.traces.getByMessage('old')!.id).toBe('tr-old');
    s.db.close();
  });
});
