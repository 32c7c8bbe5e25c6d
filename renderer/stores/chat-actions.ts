// Sending, stopping and retrying answers.
import type { Message } from '../../shared/domain';
import { getApi } from '../api';
import { awaitingMessage, useMessages } from './messages';
import { loadNewestPage } from './page-actions';
import { createThread } from './thread-actions';
import { useThreads } from './threads';
import { useUi } from './ui';

// Paging lives in page-actions.ts, which thread-actions.ts imports too: one-way, no cycle
// (ARCHITECTURE.md § Import cycles). Re-exported so callers keep one place for message actions.
export { loadNewestPage, loadOlderPage, PAGE_SIZE } from './page-actions';

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
  // Opened in the middle (search, link): the newest messages come first, then the new one after them.
  if (useMessages.getState().pages[threadId]?.hasNewer) await loadNewestPage(threadId);
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
