// The renderer's message store after a reload or reconnect: main's snapshot replaces the copy here,
// later deltas apply on top, and an answer that ended while the window was away is not kept `streaming`.
import { beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { awaitingMessage, useMessages } from '../../../renderer/stores/messages';

const T = 'thread-1';

function answer(id: string, text: string, status: Message['status'], createdAt = 2): Message {
  return {
    id,
    threadId: T,
    role: 'assistant',
    parts: text ? [{ type: 'text', key: 'text', text }] : [],
    status,
    error: null,
    usage: null,
    model: 'm',
    finishReason: null,
    createdAt,
  };
}
const user: Message = { ...answer('u1', 'hi', 'done', 1), role: 'user' };

beforeEach(() => {
  useMessages.setState({ byId: {}, idsByThread: {}, pages: {} });
});

describe('messages store: live answers', () => {
  it('a snapshot replaces the copy here; later deltas apply on top of it', () => {
    const store = useMessages.getState();
    store.putPage(T, [user, answer('a1', 'The st', 'streaming')], false, false);
    store.putLive([answer('a1', 'The story so far', 'streaming')]);
    useMessages.getState().applyEvents('a1', [{ type: 'text', key: 'text', delta: ', and more' }]);
    expect(messageText(useMessages.getState().byId.a1!)).toBe('The story so far, and more');
  });

  it('a snapshot for a thread not open yet is what the thread shows when it opens (storage lags)', () => {
    useMessages.getState().putLive([answer('a1', 'The story so far', 'streaming')]);
    useMessages.getState().applyEvents('a1', [{ type: 'text', key: 'text', delta: '!' }]);
    // storage has an older snapshot of the same streaming answer
    useMessages.getState().putPage(T, [user, answer('a1', 'The st', 'streaming')], false, false);
    const s = useMessages.getState();
    expect(s.idsByThread[T]).toEqual(['u1', 'a1']);
    expect(messageText(s.byId.a1!)).toBe('The story so far!');
  });

  it('an answer that ended while the window was away is reported, and storage’s end then wins', () => {
    useMessages.getState().putPage(T, [user, answer('a1', 'The st', 'streaming')], false, false);
    const ended = useMessages.getState().putLive([]);
    expect(ended).toEqual([T]);
    useMessages.getState().putPage(T, [user, answer('a1', 'The story, finished.', 'done')], false, false);
    expect(useMessages.getState().byId.a1).toMatchObject({ status: 'done' });
    expect(messageText(useMessages.getState().byId.a1!)).toBe('The story, finished.');
  });

  it('a retry being started here is not taken for an ended answer', async () => {
    useMessages.getState().putPage(T, [user, answer('a1', 'Old text', 'interrupted')], false, false);
    await awaitingMessage(async () => {
      useMessages.getState().replace(answer('a1', '', 'streaming'));
      expect(useMessages.getState().putLive([])).toEqual([]);
      useMessages.getState().putPage(T, [user, answer('a1', 'Old text', 'interrupted')], false, false);
      expect(useMessages.getState().byId.a1).toMatchObject({ status: 'streaming', parts: [] });
    });
  });
});
