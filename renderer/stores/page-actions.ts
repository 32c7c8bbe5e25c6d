// Paging a thread's messages in, newest page first. Its own module because thread-actions.ts (selecting a
// thread) needs it while chat-actions.ts (a first send creates the thread) needs thread-actions.ts: kept in
// chat-actions.ts it made an import loop (ARCHITECTURE.md § Import cycles).
import { getApi } from '../api';
import { EMPTY_PAGE, useMessages } from './messages';

export const PAGE_SIZE = 40;
/** Older pages are asked for ahead of the viewport while the user scrolls up: bigger pages, fewer round trips. */
export const OLDER_PAGE_SIZE = 100;

export async function loadNewestPage(threadId: string): Promise<void> {
  const store = useMessages.getState();
  store.setPageState(threadId, { loading: true, error: null });
  const res = await getApi()['messages.list']({ threadId, limit: PAGE_SIZE });
  if (res.ok) useMessages.getState().putPage(threadId, res.value.messages, res.value.hasMore, false, res.value.siblings);
  else useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
}

export async function loadOlderPage(threadId: string): Promise<void> {
  const { pages, idsByThread, byId } = useMessages.getState();
  const page = pages[threadId] ?? EMPTY_PAGE;
  const firstId = idsByThread[threadId]?.[0];
  const first = firstId ? byId[firstId] : undefined;
  if (!page.hasMore || page.loading || !first) return;
  useMessages.getState().setPageState(threadId, { loading: true });
  const res = await getApi()['messages.list']({ threadId, before: first.createdAt, limit: OLDER_PAGE_SIZE });
  // another stretch of the thread was loaded meanwhile (a search result, a link): this page is not its
  if ((useMessages.getState().pages[threadId] ?? EMPTY_PAGE).window !== page.window) return;
  if (res.ok) useMessages.getState().putPage(threadId, res.value.messages, res.value.hasMore, true, res.value.siblings);
  else useMessages.getState().setPageState(threadId, { loading: false, error: res.error.message });
}
