// Sending, stopping and retrying answers, and paging a thread's messages in.
import type { Message } from '../../shared/domain';
import { getApi } from '../api';
import { awaitingMessage, EMPTY_PAGE, useMessages } from './messages';
import { createThread } from './thread-actions';
import { useThreads } from './threads';
import { useUi } from './ui';

export const PAGE_SIZE = 40;

export async function loadNewestPage(threadId: string): Promise<void> {
  const store = useMessages.getState();
  store.setPageState(threadId, { loading: true, error: null });
  const res = await getApi()['messages.list']({ threadId, limit: PAGE_SIZE });
  if (res.ok) useMessages.getState().putPage(threadId, res.value.messages, res.value.hasMore, false);
  else useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
}

export async function loadOlderPage(threadId: string): Promise<void> {
  const { pages, idsByThread, byId } = useMessages.getState();
  const page = pages[threadId] ?? EMPTY_PAGE;
  const firstId = idsByThread[threadId]?.[0];
  const first = firstId ? byId[firstId] : undefined;
  if (!page.hasMore || page.loading || !first) return;
  useMessages.getState().setPageState(threadId, { loading: true });
  const res = await getApi()['messages.list']({ threadId, before: first.createdAt, limit: PAGE_SIZE });
  if (res.ok) useMessages.getState().putPage(threadId, res.value.messages, res.value.hasMore, true);
  else useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
}

/**
 * Sends the draft of the selected thread (creating a thread first when none is selected).
 * The draft is cleared only when main has accepted the message; a failed send keeps it.
 */
export async function sendDraft(threadKey: string): Promise<boolean> {
  const ui = useUi.getState();
  const text = ui.drafts[threadKey] ?? '';
  if (!text.trim()) return false;
  ui.setSendError(threadKey, null);
  let threadId = threadKey;
  if (!threadId) {
    const created = await createThread();
    if (!created) return false;
    threadId = created;
    // The text moves with the new thread, so a failure there still keeps it.
    useUi.getState().setDraft(threadId, text);
    useUi.getState().setDraft('', '');
  }
  const res = await awaitingMessage(async () => {
    const r = await getApi()['chat.send']({ threadId, parts: [{ type: 'text', text }] });
    if (r.ok) {
      useMessages.getState().add(r.value.userMessage);
      useMessages.getState().add(r.value.assistantMessage);
    }
    return r;
  });
  if (!res.ok) {
    useUi.getState().setSendError(threadId, res.error);
    return false;
  }
  if ((useUi.getState().drafts[threadId] ?? '') === text) useUi.getState().setDraft(threadId, '');
  return true;
}

export async function stopMessage(messageId: string): Promise<void> {
  const res = await getApi()['chat.stop']({ messageId });
  if (!res.ok) useUi.getState().showNotice(res.error);
}

/** Runs an answer again in place. The old text is cleared at once so new deltas land on a blank. */
export async function retryMessage(messageId: string): Promise<void> {
  const old = useMessages.getState().byId[messageId];
  if (!old) return;
  const model = useThreads.getState().byId[old.threadId]?.model ?? old.model;
  const blank: Message = { ...old, parts: [], status: 'streaming', error: null, usage: null, finishReason: null, model };
  useMessages.getState().replace(blank);
  const res = await awaitingMessage(async () => {
    const r = await getApi()['chat.retry']({ messageId });
    if (!r.ok) useMessages.getState().replace(old);
    else if (r.value.id !== messageId) useMessages.getState().swap(messageId, r.value);
    // Deltas may already have landed on the blank: then it is newer than main's answer.
    else if (useMessages.getState().byId[messageId] === blank) useMessages.getState().replace(r.value);
    return r;
  });
  if (!res.ok) useUi.getState().showNotice(res.error);
}
