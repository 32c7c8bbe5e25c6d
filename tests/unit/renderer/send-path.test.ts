// The renderer's one send path and branch moves, on its stores in Node: send, regenerate, edit and retry
// all go through requestAnswer; the view follows the branch main chose; "New thread" is lazy.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { installFakeApi, ok } from './fake-api';

const api = installFakeApi();
// Imported after the fake is in place: getApi() takes window.api on its first call.
const { useMessages } = await import('../../../renderer/stores/messages');
const { useThreads } = await import('../../../renderer/stores/threads');
const { useUi } = await import('../../../renderer/stores/ui');
const { requestAnswer } = await import('../../../renderer/stores/send-path');
const { deleteMessage, editMessage, lastRegenerable, regenerateMessage, selectBranch } = await import('../../../renderer/stores/chat-actions');
const { newThread, selectThread } = await import('../../../renderer/stores/thread-actions');

const T = 'thread-1';
let clock = 0;
function m(id: string, role: Message['role'], text: string, extra: Partial<Message> = {}): Message {
  return {
    id,
    threadId: T,
    role,
    parts: text ? [{ type: 'text', key: 'text', text }] : [],
    status: role === 'assistant' && !text ? 'streaming' : 'done',
    error: null,
    usage: null,
    model: 'm',
    finishReason: null,
    createdAt: ++clock,
    ...extra,
  };
}
const shown = () => (useMessages.getState().idsByThread[T] ?? []).map((id) => `${id}:${messageText(useMessages.getState().byId[id]!)}`);

beforeEach(() => {
  api.reset();
  useMessages.setState({ byId: {}, idsByThread: {}, pages: {}, siblings: {} });
  useThreads.setState({ byId: {}, order: [], selectedId: null, query: '', loaded: true });
  useUi.setState({ notice: null, drafts: {}, sendErrors: {} });
  useMessages.getState().putPage(T, [m('u1', 'user', 'Q1'), m('a1', 'assistant', 'A1'), m('u2', 'user', 'Q2'), m('a2', 'assistant', 'A2')], false, false);
});

describe('one send path', () => {
  it('send: the new turn is shown, and stream events that beat main\'s reply are not lost', async () => {
    api.handle('chat.send', (input) => {
      // The stream starts in main before the reply arrives here.
      useMessages.getState().applyEvents('a3', [{ type: 'text', key: 'text', delta: 'early ' }]);
      const text = input.parts[0]!.type === 'text' ? input.parts[0]!.text : '';
      return ok({ userMessage: m('u3', 'user', text), assistantMessage: m('a3', 'assistant', '') });
    });
    expect(await requestAnswer({ kind: 'send', threadId: T, parts: [{ type: 'text', text: 'Q3' }] })).toBeNull();
    expect(shown()).toEqual(['u1:Q1', 'a1:A1', 'u2:Q2', 'a2:A2', 'u3:Q3', 'a3:early ']);
  });

  it('regenerate: the old answer leaves the view for a sibling, shown as 2/2', async () => {
    api.handle('chat.regenerate', () => ok({ message: m('a2b', 'assistant', ''), siblings: ['a2', 'a2b'] }));
    expect(await regenerateMessage('a2')).toBe(true);
    expect(shown()).toEqual(['u1:Q1', 'a1:A1', 'u2:Q2', 'a2b:']);
    expect(useMessages.getState().siblings.a2b).toEqual(['a2', 'a2b']);
    expect(api.calls.map((c) => c.route)).toEqual(['chat.regenerate']);
  });

  it('edit: the question and everything after it are replaced by the new question and its answer', async () => {
    api.handle('chat.edit', (input) =>
      ok({ userMessage: m('u1b', 'user', input.text), assistantMessage: m('a1b', 'assistant', ''), siblings: ['u1', 'u1b'] }),
    );
    expect(await editMessage('u1', 'Q1 edited')).toBe(true);
    expect(shown()).toEqual(['u1b:Q1 edited', 'a1b:']);
    expect(useMessages.getState().siblings.u1b).toEqual(['u1', 'u1b']);
  });

  it('a refused edit changes nothing here and says why', async () => {
    api.handle('chat.edit', () => ({ ok: false, error: { code: 'auth', message: 'no key' } }));
    expect(await editMessage('u1', 'Q1 edited')).toBe(false);
    expect(shown()).toEqual(['u1:Q1', 'a1:A1', 'u2:Q2', 'a2:A2']);
    expect(useUi.getState().notice?.error.code).toBe('auth');
  });

  it('retry: a blank at once, and the old text back when main refuses', async () => {
    let seenBlank = '';
    api.handle('chat.retry', () => {
      seenBlank = useMessages.getState().byId.a2!.status;
      return { ok: false, error: { code: 'network', message: 'down' } };
    });
    expect(await requestAnswer({ kind: 'retry', messageId: 'a2' })).toMatchObject({ code: 'network' });
    expect(seenBlank).toBe('streaming');
    expect(shown()).toEqual(['u1:Q1', 'a1:A1', 'u2:Q2', 'a2:A2']);
  });

  it('the regenerate shortcut targets the newest answer, and none while it streams', () => {
    expect(lastRegenerable(T)).toBe('a2');
    useMessages.getState().replace({ ...useMessages.getState().byId.a2!, status: 'streaming' });
    expect(lastRegenerable(T)).toBeNull();
  });
});

describe('branch moves', () => {
  it('choosing a sibling shows exactly the branch main returns, dropping the one shown before', async () => {
    useMessages.getState().putPage(T, [m('u1b', 'user', 'Q1 edited'), m('a1b', 'assistant', 'A1 edited')], false, false, {
      u1b: ['u1', 'u1b'],
    });
    api.handle('messages.select', () =>
      ok({ messages: [m('u1', 'user', 'Q1', { createdAt: 1 }), m('a1', 'assistant', 'A1', { createdAt: 2 })], hasMore: false, siblings: { u1: ['u1', 'u1b'] } }),
    );
    await selectBranch('u1');
    expect(shown()).toEqual(['u1:Q1', 'a1:A1']);
    expect(useMessages.getState().siblings.u1).toEqual(['u1', 'u1b']);
    expect(useMessages.getState().byId.a1b).toBeUndefined();
  });

  it('a page without siblings for a message clears what was known of them', () => {
    useMessages.getState().putPage(T, [m('u1', 'user', 'Q1')], false, false, { u1: ['u1', 'u1b'] });
    useMessages.getState().putPage(T, [m('u1', 'user', 'Q1')], false, false, {});
    expect(useMessages.getState().siblings.u1).toBeUndefined();
  });

  it('delete shows the page main returns', async () => {
    api.handle('messages.delete', () => ok({ messages: [m('u1', 'user', 'Q1'), m('u2', 'user', 'Q2'), m('a2', 'assistant', 'A2')], hasMore: false, siblings: {} }));
    await deleteMessage('a1');
    expect(shown()).toEqual(['u1:Q1', 'u2:Q2', 'a2:A2']);
  });
});

describe('lazy new thread', () => {
  it('asking twice while the new thread is still empty leaves one thread', async () => {
    let n = 0;
    api.handle('threads.create', () => {
      n++;
      return ok({ id: `t${n}`, title: '', model: 'm', protocol: 'openai-chat', systemPrompt: '', thinking: null, createdAt: n, updatedAt: n });
    });
    await newThread();
    await newThread();
    expect(n).toBe(1);
    expect(useThreads.getState().order).toEqual(['t1']);
    expect(useThreads.getState().selectedId).toBe('t1');
    // Once it has a message, "New thread" makes another.
    useMessages.getState().add({ ...m('x', 'user', 'hi'), threadId: 't1' });
    await newThread();
    expect(n).toBe(2);
  });

  it('a new thread left before its first message leaves the list; a used one stays', async () => {
    api.handle('threads.create', () => ok({ id: 'fresh', title: '', model: 'm', protocol: 'openai-chat', systemPrompt: '', thinking: null, createdAt: 9, updatedAt: 9 }));
    api.handle('threads.discard', ({ id }) => ok({ discarded: id === 'fresh' }));
    useThreads.getState().upsert({ id: 'old', title: 'Old', model: 'm', protocol: 'openai-chat', systemPrompt: '', thinking: null, createdAt: 1, updatedAt: 1 }, { insert: true });
    await newThread();
    expect(useThreads.getState().order).toEqual(['fresh', 'old']);
    selectThread('old');
    await vi.waitFor(() => expect(useThreads.getState().order).toEqual(['old']));
    expect(api.calls.filter((c) => c.route === 'threads.discard').map((c) => c.input)).toEqual([{ id: 'fresh' }]);
    // A new thread with something typed in its composer is in use: leaving it keeps it.
    await newThread();
    useUi.getState().setDraft('fresh', 'half a question');
    selectThread('old');
    expect(useThreads.getState().order).toContain('fresh');
    expect(api.calls.filter((c) => c.route === 'threads.discard')).toHaveLength(1);
    // Leaving a thread with messages asks nothing.
    useMessages.getState().putPage('old', [{ ...m('y', 'user', 'hi'), threadId: 'old' }], false, false);
    selectThread(null);
    expect(api.calls.filter((c) => c.route === 'threads.discard')).toHaveLength(1);
  });
});

describe('answers main runs on their own', () => {
  it('a running answer on the branch shown is added at its end; one on a sibling branch is not shown', () => {
    useMessages.getState().putLive([m('a3', 'assistant', 'continuing', { status: 'streaming', parentId: 'a2' })], T);
    expect(useMessages.getState().idsByThread[T]).toEqual(['u1', 'a1', 'u2', 'a2', 'a3']);
    // An answer regenerated for u2 that the user switched away from while it streams.
    useMessages.getState().putLive([m('a2b', 'assistant', 'other branch', { status: 'streaming', parentId: 'u2' })], T);
    expect(useMessages.getState().idsByThread[T]).toEqual(['u1', 'a1', 'u2', 'a2', 'a3']);
  });
});
