import { afterEach, describe, expect, it, vi } from 'vitest';
import { applyChatEvent } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { createMessageWriter, MessagesRepo, openDatabase, openStorage, ThreadsRepo } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('writer');
const tmpFile = (): string => temp.file();
afterEach(() => {
  vi.useRealTimers();
});

function streaming(threadId: string, id = 'a1'): Message {
  return {
    id,
    threadId,
    role: 'assistant',
    parts: [],
    status: 'streaming',
    error: null,
    usage: null,
    model: 'gpt-4o-mini',
    finishReason: null,
    createdAt: 1,
  };
}

describe('createMessageWriter', () => {
  it('coalesces snapshots into at most one write per interval and writes the latest one', () => {
    vi.useFakeTimers();
    const db = openDatabase(tmpFile());
    const thread = new ThreadsRepo(db).create({ model: 'm', protocol: 'openai-chat' });
    const messages = new MessagesRepo(db);
    let m = messages.insert(streaming(thread.id));

    const writer = createMessageWriter(db, { intervalMs: 250 });
    const storedLength = () => {
      const part = messages.get(m.id)!.parts[0];
      return part && part.type === 'text' ? part.text.length : 0;
    };

    for (let i = 0; i < 100; i++) {
      m = applyChatEvent(m, { type: 'text', key: 'text', delta: 'x' });
      writer.schedule(m);
    }
    expect(writer.pending).toBe(1); // one snapshot per message, not 100
    expect(storedLength()).toBe(0); // never synchronous
    vi.advanceTimersByTime(0); // no earlier write: the first one is due at once
    expect(storedLength()).toBe(100);

    for (let i = 0; i < 50; i++) {
      m = applyChatEvent(m, { type: 'text', key: 'text', delta: 'y' });
      writer.schedule(m);
      vi.advanceTimersByTime(2);
    }
    expect(storedLength()).toBe(100); // 100 ms after the first write: waiting for the interval
    vi.advanceTimersByTime(149);
    expect(storedLength()).toBe(100);
    vi.advanceTimersByTime(1);
    expect(storedLength()).toBe(150);
    expect(writer.pending).toBe(0);
    db.close();
  });

  it('flush() writes the final snapshot now, and it survives a reopen', () => {
    const file = tmpFile();
    const s = openStorage(file, { writer: { intervalMs: 10_000 } });
    const thread = s.threads.create({ model: 'm', protocol: 'anthropic-messages' });
    let m = s.messages.insert(streaming(thread.id));
    let other = s.messages.insert(streaming(thread.id, 'a2'));
    for (const ch of 'Hello, world') {
      m = applyChatEvent(m, { type: 'text', key: 'b0', delta: ch });
      s.writer.schedule(m);
    }
    other = applyChatEvent(other, { type: 'status', status: 'stopped', error: null });
    s.writer.schedule(other);
    m = applyChatEvent(m, { type: 'usage', usage: { inputTokens: 3, outputTokens: 4 } });
    m = applyChatEvent(m, { type: 'finish', reason: 'end_turn' });
    m = applyChatEvent(m, { type: 'status', status: 'done', error: null });
    s.writer.schedule(m);
    expect(s.messages.get(m.id)!.status).toBe('streaming'); // not yet
    s.writer.flush();
    expect(s.messages.get(m.id)).toEqual(m);
    s.db.close(); // no close() of the writer: flush alone must be enough

    const again = openStorage(file);
    expect(again.messages.get(m.id)).toEqual(m);
    expect(again.messages.get('a2')!.status).toBe('stopped');
    expect(again.threads.list({ query: 'hello, WORLD' })).toHaveLength(1);
    again.close();
  });

  it('close() flushes; writes for a message deleted mid-stream are dropped', () => {
    const file = tmpFile();
    const s = openStorage(file, { writer: { intervalMs: 10_000 } });
    const thread = s.threads.create({ model: 'm', protocol: 'openai-chat' });
    const gone = s.threads.create({ model: 'm', protocol: 'openai-chat' });
    const m = s.messages.insert(streaming(thread.id));
    const g = s.messages.insert(streaming(gone.id, 'g1'));
    s.writer.schedule(applyChatEvent(m, { type: 'text', key: 't', delta: 'kept' }));
    s.threads.delete(gone.id);
    s.writer.schedule(applyChatEvent(g, { type: 'text', key: 't', delta: 'lost' }));
    s.close();
    expect(() => s.writer.schedule(m)).toThrow(/closed/);

    const again = openStorage(file);
    expect(again.messages.get(m.id)!.parts).toEqual([{ type: 'text', key: 't', text: 'kept' }]);
    expect(again.messages.get('g1')).toBeNull();
    again.close();
  });

  it('rejects an invalid snapshot at schedule(), keeping the rest of the batch', () => {
    const db = openDatabase(tmpFile());
    const thread = new ThreadsRepo(db).create({ model: 'm', protocol: 'openai-chat' });
    const messages = new MessagesRepo(db);
    const m = messages.insert(streaming(thread.id));
    const writer = createMessageWriter(db, { intervalMs: 10_000 });
    writer.schedule({ ...m, status: 'done' });
    expect(() => writer.schedule({ ...m, status: 'weird' } as never)).toThrow();
    writer.flush();
    expect(messages.get(m.id)!.status).toBe('done');
    db.close();
  });

  it('keeps snapshots queued when a write fails, reports it, and retries after the interval', () => {
    vi.useFakeTimers();
    const db = openDatabase(tmpFile());
    const thread = new ThreadsRepo(db).create({ model: 'm', protocol: 'openai-chat' });
    const messages = new MessagesRepo(db);
    const m = messages.insert(streaming(thread.id));
    const errors: unknown[] = [];
    const writer = createMessageWriter(db, { intervalMs: 100, onError: (e) => errors.push(e) });

    db.exec(`CREATE TRIGGER fail BEFORE UPDATE ON messages BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
    writer.schedule({ ...m, status: 'done' });
    expect(() => writer.flush()).toThrow(/disk on fire/);
    expect(writer.pending).toBe(1);
    vi.advanceTimersByTime(100);
    expect(errors).toHaveLength(1);
    vi.advanceTimersByTime(50); // no tight retry loop
    expect(errors).toHaveLength(1);

    db.exec('DROP TRIGGER fail');
    vi.advanceTimersByTime(100);
    expect(writer.pending).toBe(0);
    expect(messages.get(m.id)!.status).toBe('done');
    db.close();
  });
});
