// Paging a thread opened in the middle (a search result, a find match, a link): the stretch around the
// message, then newer pages as the user scrolls down. Older pages come from page-actions.ts as usual.
import { getApi } from '../api';
import { EMPTY_PAGE, useMessages } from './messages';
import { PAGE_SIZE } from './page-actions';
import { useThreads } from './threads';

/**
 * Loads the page around the message into the store, and its thread (the list may not show it). False (with
 * the page's error set) when it failed.
 */
let aroundSeq = 0;

export async function loadAroundPage(threadId: string, messageId: string): Promise<boolean> {
  const seq = ++aroundSeq;
  useMessages.getState().setPageState(threadId, { loading: true, error: null });
  const res = await getApi()['messages.around']({ threadId, messageId, limit: PAGE_SIZE });
  // stepping quickly through find matches: only the last jump's page goes in
  if (seq !== aroundSeq) return res.ok;
  if (res.ok) {
    const { thread, messages, hasMore, hasNewer } = res.value;
    useThreads.getState().upsert(thread);
    useMessages.getState().putWindow(threadId, messages, hasMore, hasNewer);
    return true;
  }
  useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
  return false;
}

export async function loadNewerPage(threadId: string): Promise<void> {
  const { pages, idsByThread, byId } = useMessages.getState();
  const page = pages[threadId] ?? EMPTY_PAGE;
  const ids = idsByThread[threadId] ?? [];
  const last = byId[ids[ids.length - 1] ?? ''];
  if (!page.hasNewer || page.loading || !last) return;
  useMessages.getState().setPageState(threadId, { loading: true });
  const res = await getApi()['messages.newer']({ threadId, after: last.createdAt, limit: PAGE_SIZE });
  if ((useMessages.getState().pages[threadId] ?? EMPTY_PAGE).window !== page.window) return;
  if (res.ok) useMessages.getState().putNewer(threadId, res.value.messages, res.value.hasNewer);
  else useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
}
