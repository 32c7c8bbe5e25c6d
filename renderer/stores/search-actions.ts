// Search actions: message results for the sidebar, jumping to a message (result, find match, link), the
// find bar's matches, and links to a message.
import type { AppError } from '../../shared/domain';
import { browserMessageLink, desktopMessageLink, parseMessageLink } from '../../shared/message-link';
import { getApi } from '../api';
import { useMessages } from './messages';
import { useSearch } from './search';
import { loadAroundPage } from './search-pages';
import { useSettings } from './settings';
import { useThreads } from './threads';
import { useUi } from './ui';

const notify = (error: AppError) => useUi.getState().showNotice(error);

const RESULTS = 50;
let searchSeq = 0;

/** Message results for the sidebar's query ('' clears them). Only the newest query's answer is shown. */
export async function searchMessages(query: string): Promise<void> {
  const seq = ++searchSeq;
  const q = query.trim();
  // Any length: one Chinese character is a word, and words shorter than trigram's 3 characters have their own
  // index (electron/storage/grams.ts), so even one character is no scan.
  if (!q) {
    useSearch.getState().setResults('', []);
    return;
  }
  useSearch.getState().setLoading(true);
  const res = await getApi()['search.messages']({ query: q, limit: RESULTS });
  if (seq !== searchSeq) return;
  if (res.ok) useSearch.getState().setResults(q, res.value);
  else {
    useSearch.getState().setLoading(false);
    notify(res.error);
  }
}

/**
 * Opens the thread at the message, highlighted: scrolls to it when it is loaded, else loads the page
 * around it (the list then starts there). False when the thread or the message is gone.
 */
export async function jumpToMessage(threadId: string, messageId: string, query = ''): Promise<boolean> {
  const switching = useThreads.getState().selectedId !== threadId;
  // what search or find pointed at in the thread being left goes with it
  if (switching) useSearch.getState().leaveThread();
  // Set first: a list that starts afresh (below) opens at the highlighted message.
  useSearch.getState().setHighlight({ threadId, messageId, query });
  const { idsByThread, pages } = useMessages.getState();
  const here = pages[threadId]?.loaded && idsByThread[threadId]?.includes(messageId) && useThreads.getState().byId[threadId];
  // the page around it, and the thread itself, which the (filtered) thread list may not hold
  const ok = here || (await loadAroundPage(threadId, messageId));
  if (!ok) {
    const error = useMessages.getState().pages[threadId]?.error;
    notify({ code: 'not_found', message: error ?? '', reason: 'message_gone' });
    useSearch.getState().setHighlight(null);
    return false;
  }
  if (useThreads.getState().selectedId !== threadId) {
    useThreads.getState().select(threadId);
    useUi.getState().setRenaming(null);
  }
  return true;
}

let findSeq = 0;

/** Finds every message of the selected thread containing the query, and goes to the newest. */
export async function runFind(query: string): Promise<void> {
  const seq = ++findSeq;
  const threadId = useThreads.getState().selectedId;
  useSearch.getState().setFind({ query });
  const q = query.trim();
  if (!threadId || !q) {
    useSearch.getState().setFind({ ids: [], index: -1, truncated: false });
    return;
  }
  const res = await getApi()['search.inThread']({ threadId, query: q });
  if (seq !== findSeq || !useSearch.getState().find.open) return;
  if (!res.ok) {
    notify(res.error);
    return;
  }
  const ids = [...res.value.messageIds].reverse();
  useSearch.getState().setFind({ ids, index: ids.length ? 0 : -1, truncated: res.value.truncated });
  if (ids[0]) void jumpToMessage(threadId, ids[0], q);
}

/** +1: the next match (older), -1: the previous one (newer); wraps around. */
export function findStep(delta: 1 | -1): void {
  const { ids, index, query } = useSearch.getState().find;
  const threadId = useThreads.getState().selectedId;
  if (!threadId || ids.length === 0) return;
  const next = (index + delta + ids.length) % ids.length;
  useSearch.getState().setFind({ index: next });
  void jumpToMessage(threadId, ids[next]!, query.trim());
}

export function openFind(): void {
  const s = useSearch.getState();
  s.setFind({ open: true, focus: s.find.focus + 1 });
}

export function closeFind(): void {
  useSearch.getState().closeFind();
  useSearch.getState().setHighlight(null);
}

/** The link to a message: yibu:// in the desktop app, the page's own address + #/thread/… in browser mode. */
export function messageLink(threadId: string, messageId: string): string {
  const browser = useSettings.getState().appInfo?.mode === 'browser';
  return browser ? browserMessageLink(location.origin, { threadId, messageId }) : desktopMessageLink({ threadId, messageId });
}

/** Opens a link to a message (yibu://…, http://…/#/thread/…, or a bare #/thread/… fragment). */
export function openMessageLink(link: string): boolean {
  const parsed = parseMessageLink(link);
  if (!parsed) return false;
  void jumpToMessage(parsed.threadId, parsed.messageId);
  return true;
}

/**
 * Browser mode (and the desktop window, whose main process sets the fragment when a yibu:// link is opened):
 * the page's #/thread/…/message/… on load and on every change. The fragment is removed once handled, so
 * opening the same link again is a change again.
 */
export function watchMessageLinks(): () => void {
  const handle = () => {
    if (!location.hash.startsWith('#/thread/')) return;
    const hash = location.hash;
    history.replaceState(null, '', location.pathname + location.search);
    openMessageLink(hash);
  };
  handle();
  window.addEventListener('hashchange', handle);
  return () => window.removeEventListener('hashchange', handle);
}
