// The messages store when a thread is opened in the middle (search, find, link): the stretch replaces what
// was loaded, pages down append, live messages wait for the end of the thread, and the newest page brings
// the list back to the end.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/domain';
import { EMPTY_PAGE, useMessages } from '../../../renderer/stores/messages';

const T = 'thread-1';
const msg = (n: number): Message => ({
  id: `m${n}`,
  threadId: T,
  role: n % 2 ? 'assistant' : 'user',
  parts: [{ type: 'text', text: `message ${n}` }],
  status: 'done',
  error: null,
  usage: null,
  model: null,
  finishReason: null,
  createdAt: n,
});
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => msg(from + i));
const ids = () => useMessages.getState().idsByThread[T];
const page = () => useMessages.getState().pages[T] ?? EMPTY_PAGE;

beforeEach(() => useMessages.setState({ byId: {}, idsByThread: {}, pages: {} }));

describe('messages store, opened in the middle', () => {
  it('replaces the loaded page with the stretch around a message and starts a new list', () => {
    const s = useMessages.getState();
    s.putPage(T, range(960, 1000), true, false);
    const before = page().window;
    s.putWindow(T, range(480, 520), true, true);
    expect(ids()).toEqual(range(480, 520).map((m) => m.id));
    expect(page()).toMatchObject({ loaded: true, hasMore: true, hasNewer: true, prepended: 0 });
    expect(page().window).toBe(before + 1);
    expect(useMessages.getState().byId.m999).toBeUndefined();
  });

  it('appends newer pages without duplicates and remembers which id came from paging', () => {
    const s = useMessages.getState();
    s.putWindow(T, range(480, 520), true, true);
    s.putNewer(T, range(519, 560), true);
    expect(ids()).toEqual(range(480, 560).map((m) => m.id));
    expect(page()).toMatchObject({ hasNewer: true, newerTail: 'm559' });
  });

  it('keeps a live message out of the middle of the thread, and the newest page ends the stretch', () => {
    const s = useMessages.getState();
    s.putWindow(T, range(480, 520), true, true);
    s.add(msg(5000));
    expect(ids()).not.toContain('m5000');
    const w = page().window;
    s.putPage(T, range(960, 1000), true, false);
    expect(page()).toMatchObject({ hasNewer: false, newerTail: null });
    expect(page().window).toBe(w + 1);
    s.add(msg(5000));
    expect(ids()!.at(-1)).toBe('m5000');
  });
});
