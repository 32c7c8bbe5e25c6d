import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { MessagesRepo, MessageWindowRepo, openDatabase, ThreadsRepo } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';
import { storedMessage } from './message-fixture';

const temp = useTempDirs('window');

function setup(times: number[]) {
  const db = openDatabase(temp.file());
  const thread = new ThreadsRepo(db).create({ model: 'm', protocol: 'openai-chat' });
  const messages = new MessagesRepo(db);
  times.forEach((t, i) => messages.insert(msg(thread.id, `m${i}`, t)));
  return { thread, windows: new MessageWindowRepo(db) };
}

const msg = (threadId: string, id: string, createdAt: number): Message => storedMessage(threadId, id, createdAt);

const ids = (ms: Message[]) => ms.map((m) => m.id);

describe('MessageWindowRepo', () => {
  it('loads the page around a message in the middle, with more on both sides', () => {
    const { thread, windows } = setup(Array.from({ length: 100 }, (_, i) => i * 10));
    const w = windows.around(thread.id, 'm50', 10)!;
    expect(ids(w.messages)).toEqual(['m46', 'm47', 'm48', 'm49', 'm50', 'm51', 'm52', 'm53', 'm54', 'm55']);
    expect(w).toMatchObject({ hasMore: true, hasNewer: true });
    const next = windows.newer(thread.id, w.messages[w.messages.length - 1]!.createdAt, 10);
    expect(ids(next.messages)[0]).toBe('m56');
    expect(next.hasNewer).toBe(true);
    const last = windows.newer(thread.id, 950, 10);
    expect(ids(last.messages)).toEqual(['m96', 'm97', 'm98', 'm99']);
    expect(last.hasNewer).toBe(false);
  });

  it('knows the ends of the thread and a message that is not there', () => {
    const { thread, windows } = setup([1, 2, 3]);
    expect(windows.around(thread.id, 'm0', 10)).toMatchObject({ hasMore: false, hasNewer: false });
    expect(ids(windows.around(thread.id, 'm2', 2)!.messages)).toEqual(['m2']);
    expect(windows.around(thread.id, 'nope', 10)).toBeNull();
    expect(windows.around('other-thread', 'm1', 10)).toBeNull();
  });

  it('never splits messages that share a createdAt, so paging on it skips none', () => {
    const { thread, windows } = setup([1, 2, 2, 2, 3, 4, 4, 4, 5]);
    const w = windows.around(thread.id, 'm4', 4)!;
    // older half: m4 and the newest of the rest, grown to keep the three at t=2 together
    expect(ids(w.messages)).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']);
    expect(w).toMatchObject({ hasMore: true, hasNewer: true });
    const seen = [...ids(w.messages)];
    let after = w.messages[w.messages.length - 1]!.createdAt;
    for (;;) {
      const page = windows.newer(thread.id, after, 1);
      seen.push(...ids(page.messages));
      if (!page.hasNewer) break;
      after = page.messages[page.messages.length - 1]!.createdAt;
    }
    expect(seen).toEqual(['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7', 'm8']);
  });
});
