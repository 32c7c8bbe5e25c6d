// Compare models on the renderer's stores in Node: the compare send goes through the one send path, the
// columns stay off the thread's shown path, a tool loop's next message joins its column, Stop reaches only
// the columns still answering, Keep selects one column, and another send first leaves the compare view.
import { beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../../shared/chat-events';
import type { Message } from '../../../shared/domain';
import { installFakeApi, ok } from './fake-api';

const api = installFakeApi();
// Imported after the fake is in place: getApi() takes window.api on its first call.
const { useMessages } = await import('../../../renderer/stores/messages');
const { useCompare } = await import('../../../renderer/stores/compare');
const { requestAnswer } = await import('../../../renderer/stores/send-path');
const { claimCompareMessage, keepColumn, noteCompareEvents, openCompareRow, protocolFor, stopCompare } = await import(
  '../../../renderer/stores/compare-actions'
);
const { columnStatus } = await import('../../../renderer/features/compare/CompareColumn');
const { useSettings } = await import('../../../renderer/stores/settings');
const { startAnnouncements, useAnnouncer } = await import('../../../renderer/stores/announcer');
const { i18n } = await import('../../../renderer/i18n');

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
    model: 'gpt-4o-mini',
    finishReason: null,
    createdAt: ++clock,
    ...extra,
  };
}
const shown = () => useMessages.getState().idsByThread[T] ?? [];
const run = () => useCompare.getState().runs[T];
const MODELS = [
  { model: 'gpt-4o-mini', protocol: 'openai-chat' as const },
  { model: 'claude-sonnet-4-20250514', protocol: 'anthropic-messages' as const },
];

/** A compare send whose first column's first token beats main's reply. */
async function compareSend(): Promise<void> {
  api.handle('chat.compare', () => {
    useMessages.getState().applyEvents('c1', [{ type: 'text', key: 'text', delta: 'early' }]);
    return ok({
      userMessage: m('q', 'user', 'Which is better?'),
      assistantMessages: [m('c1', 'assistant', ''), m('c2', 'assistant', '', { model: 'claude-sonnet-4-20250514' })],
    });
  });
  expect(await requestAnswer({ kind: 'compare', threadId: T, parts: [{ type: 'text', text: 'Which is better?' }], models: MODELS })).toBeNull();
}

beforeEach(() => {
  api.reset();
  useMessages.setState({ byId: {}, idsByThread: {}, pages: {}, siblings: {} });
  useCompare.setState({ rows: {}, runs: {} });
  useMessages.getState().putPage(T, [m('u1', 'user', 'Q1'), m('a1', 'assistant', 'A1')], false, false);
});

describe('compare models in the renderer', () => {
  it('the question joins the thread, the answers become columns off its shown path, early tokens kept', async () => {
    await compareSend();
    expect(shown()).toEqual(['u1', 'a1', 'q']);
    expect(run()?.questionId).toBe('q');
    expect(run()?.columns.map((c) => [c.rootId, c.model, c.protocol])).toEqual([
      ['c1', 'gpt-4o-mini', 'openai-chat'],
      ['c2', 'claude-sonnet-4-20250514', 'anthropic-messages'],
    ]);
    const byId = useMessages.getState().byId;
    expect(messageText(byId.c1!)).toBe('early');
    expect(run()?.columns[0]?.firstAt).not.toBeNull();
    expect(columnStatus([byId.c1!])).toBe('streaming');
    expect(columnStatus([byId.c2!])).toBe('queued');

    // Later events land in the column; its end is noted.
    useMessages.getState().applyEvents('c2', [{ type: 'text', key: 'text', delta: 'late' }, { type: 'status', status: 'error', error: { code: 'quota', message: 'x' } }]);
    noteCompareEvents('c2', [{ type: 'status', status: 'error', error: { code: 'quota', message: 'x' } }]);
    expect(columnStatus([useMessages.getState().byId.c2!])).toBe('error');
    expect(run()?.columns[1]?.endAt).not.toBeNull();
  });

  it("a tool loop's next message joins its column, not the thread; others are left to the thread", async () => {
    await compareSend();
    expect(claimCompareMessage(m('tool1', 'tool', '', { parentId: 'c2' }))).toBe(true);
    expect(claimCompareMessage(m('c2b', 'assistant', '', { parentId: 'tool1' }))).toBe(true);
    expect(claimCompareMessage(m('other', 'assistant', '', { parentId: 'a1' }))).toBe(false);
    expect(run()?.columns[1]?.ids).toEqual(['c2', 'tool1', 'c2b']);
    expect(shown()).toEqual(['u1', 'a1', 'q']);
    expect(useMessages.getState().byId.c2b).toBeDefined();
  });

  it('Stop reaches every column still answering, at its latest step', async () => {
    await compareSend();
    claimCompareMessage(m('tool1', 'tool', '', { parentId: 'c2' }));
    claimCompareMessage(m('c2b', 'assistant', '', { parentId: 'tool1' }));
    useMessages.getState().applyEvents('c2', [{ type: 'status', status: 'done', error: null }]);
    useMessages.getState().applyEvents('c1', [{ type: 'status', status: 'done', error: null }]);
    api.handle('chat.stop', () => ok(null));
    await stopCompare(T);
    expect(api.calls.filter((c) => c.route === 'chat.stop').map((c) => c.input)).toEqual([{ messageId: 'c2b' }]);
  });

  it('Keep selects that column; the thread shows it with its branches and the compare view ends', async () => {
    await compareSend();
    api.handle('messages.select', () =>
      ok({ messages: [m('u1', 'user', 'Q1'), m('a1', 'assistant', 'A1'), m('q', 'user', 'Q'), m('c2', 'assistant', 'Claude')], hasMore: false, siblings: { c2: ['c1', 'c2'] } }),
    );
    await keepColumn(T, 'c2');
    expect(api.calls.find((c) => c.route === 'messages.select')?.input).toMatchObject({ messageId: 'c2' });
    expect(run()).toBeUndefined();
    expect(shown()).toEqual(['u1', 'a1', 'q', 'c2']);
    expect(useMessages.getState().siblings.c2).toEqual(['c1', 'c2']);
  });

  it('an ordinary send while a compare view is open first shows the thread again, then sends', async () => {
    await compareSend();
    const path = [m('u1', 'user', 'Q1'), m('a1', 'assistant', 'A1'), m('q', 'user', 'Q'), m('c1', 'assistant', 'GPT')];
    api.handle('messages.list', () => ok({ messages: path, hasMore: false, siblings: { c1: ['c1', 'c2'] } }));
    api.handle('chat.send', () => ok({ userMessage: m('u3', 'user', 'next'), assistantMessage: m('a3', 'assistant', '') }));
    expect(await requestAnswer({ kind: 'send', threadId: T, parts: [{ type: 'text', text: 'next' }] })).toBeNull();
    expect(run()).toBeUndefined();
    expect(shown()).toEqual(['u1', 'a1', 'q', 'c1', 'u3', 'a3']);
    expect(api.calls.map((c) => c.route)).toEqual(['chat.compare', 'messages.list', 'chat.send']);
  });

  it("a column's answer ending is announced in the live region, though it is off the shown path", async () => {
    // Just the words this needs (initI18n also sets the page's lang, and Node has no page).
    await i18n.init({ lng: 'en', resources: { en: { translation: { a11y: { answerFinished: 'Answer finished' } } } } });
    const stopWatching = startAnnouncements();
    try {
      await compareSend();
      useMessages.getState().applyEvents('c2', [{ type: 'text', key: 'text', delta: 'Claude answers' }]);
      const before = useAnnouncer.getState().n;
      useMessages.getState().applyEvents('c2', [{ type: 'status', status: 'done', error: null }]);
      expect(useAnnouncer.getState().n).toBe(before + 1);
      expect(useAnnouncer.getState().text).toMatch(/finished/i);
    } finally {
      stopWatching();
    }
  });

  it("the row opens with the thread's model and one of the other family; each model's protocol", () => {
    useSettings.getState().setModels({ value: ['gpt-4o-mini', 'gpt-4o', 'claude-sonnet-4-20250514'] });
    openCompareRow({ id: T, model: 'gpt-4o-mini' });
    expect(useCompare.getState().rows[T]).toEqual(['gpt-4o-mini', 'claude-sonnet-4-20250514']);
    const thread = { model: 'claude-custom', protocol: 'openai-chat' as const };
    expect(protocolFor(thread, 'claude-custom')).toBe('openai-chat');
    expect(protocolFor(thread, 'claude-sonnet-4-20250514')).toBe('anthropic-messages');
    expect(protocolFor(thread, 'gpt-4o')).toBe('openai-chat');
  });
});
