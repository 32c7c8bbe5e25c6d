// Sending, stopping, retrying, regenerating and editing answers (all through send-path.ts), and the
// branch moves: showing another sibling, deleting a message.
import { getApi } from '../api';
import { useMessages } from './messages';
import { loadNewestPage, PAGE_SIZE } from './page-actions';
import { requestAnswer } from './send-path';
import { createThread } from './thread-actions';
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
  const error = await requestAnswer({ kind: 'send', threadId, parts: [{ type: 'text', text }] });
  if (error) {
    useUi.getState().setSendError(threadId, error);
    return false;
  }
  if ((useUi.getState().drafts[threadId] ?? '') === text) useUi.getState().setDraft(threadId, '');
  return true;
}

export async function stopMessage(messageId: string): Promise<void> {
  const res = await getApi()['chat.stop']({ messageId });
  if (!res.ok) useUi.getState().showNotice(res.error);
}

/** Runs an answer again in place. */
export async function retryMessage(messageId: string): Promise<void> {
  const error = await requestAnswer({ kind: 'retry', messageId });
  if (error) useUi.getState().showNotice(error);
}

/** A new answer beside this one; the old one stays reachable with ‹ ›. */
export async function regenerateMessage(messageId: string): Promise<boolean> {
  const error = await requestAnswer({ kind: 'regenerate', messageId });
  if (error) useUi.getState().showNotice(error);
  return !error;
}

/** The question with new text, beside the old one, answered again. False (and a notice) when refused. */
export async function editMessage(messageId: string, text: string): Promise<boolean> {
  const error = await requestAnswer({ kind: 'edit', messageId, text });
  if (error) useUi.getState().showNotice(error);
  return !error;
}

/** The newest answer of the thread that can be regenerated now (the keyboard shortcut's target). */
export function lastRegenerable(threadId: string): string | null {
  const { idsByThread, byId } = useMessages.getState();
  const ids = idsByThread[threadId] ?? [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const m = byId[ids[i]!];
    if (m?.role === 'assistant') return m.status === 'streaming' ? null : m.id;
  }
  return null;
}

/** Shows the sibling `messageId` (and the branch below it as last seen). */
export async function selectBranch(messageId: string): Promise<void> {
  const threadId = useMessages.getState().byId[messageId]?.threadId;
  const res = await getApi()['messages.select']({ messageId, limit: PAGE_SIZE });
  if (!res.ok) return useUi.getState().showNotice(res.error);
  const target = threadId ?? res.value.messages[0]?.threadId;
  if (target) useMessages.getState().putPath(target, res.value.messages, res.value.hasMore, res.value.siblings);
}

/** Deletes one message; what followed it stays. */
export async function deleteMessage(messageId: string): Promise<void> {
  const threadId = useMessages.getState().byId[messageId]?.threadId;
  const res = await getApi()['messages.delete']({ messageId, limit: PAGE_SIZE });
  if (!res.ok) return useUi.getState().showNotice(res.error);
  if (threadId) useMessages.getState().putPath(threadId, res.value.messages, res.value.hasMore, res.value.siblings);
}
