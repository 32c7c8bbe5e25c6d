// Thread operations: each calls main, then puts main's answer into the stores.
import type { RouteInput } from '../../shared/contract';
import type { AppError } from '../../shared/domain';
import { getApi } from '../api';
import { useAttachments } from './attachments';
import { loadNewestPage } from './page-actions';
import { useMessages } from './messages';
import { useSearch } from './search';
import { useSettings } from './settings';
import { useThreads } from './threads';
import { useUi } from './ui';

const notify = (error: AppError) => useUi.getState().showNotice(error);

let listSeq = 0;

/** Lists the threads matching the search box (all of them when it is empty). */
export async function loadThreads(): Promise<void> {
  const seq = ++listSeq;
  const query = useThreads.getState().query.trim();
  const res = await getApi()['threads.list'](query ? { query } : {});
  if (seq !== listSeq) return; // a newer search has been asked for meanwhile
  if (res.ok) useThreads.getState().setList(res.value);
  else notify(res.error);
}

export function selectThread(id: string | null): void {
  const left = useThreads.getState().selectedId;
  // what search or find pointed at belongs to the thread being left
  if (id !== left) {
    useSearch.getState().leaveThread();
    if (left && isEmptyThread(left) && !hasDraft(left)) void discardThread(left);
  }
  useThreads.getState().select(id);
  useUi.getState().setRenaming(null);
  const page = id ? useMessages.getState().pages[id] : undefined;
  // a thread last seen in the middle (a search result) opens at its newest messages like any other
  if (id && (!page?.loaded || page.hasNewer)) void loadNewestPage(id);
  useUi.getState().requestComposerFocus();
}

export async function createThread(): Promise<string | null> {
  const model = useSettings.getState().settings.model;
  const res = await getApi()['threads.create'](model ? { model } : {});
  if (!res.ok) {
    notify(res.error);
    return null;
  }
  const threads = useThreads.getState();
  if (threads.query) {
    threads.setQuery('');
    void loadThreads();
  }
  useThreads.getState().upsert(res.value, { insert: true });
  useMessages.getState().putPage(res.value.id, [], false, false);
  selectThread(res.value.id);
  return res.value.id;
}

/**
 * A new thread left before its first message goes away (main checks that it is unused: no message, title
 * or playground), so "New thread" never leaves empty threads behind in the list.
 */
async function discardThread(id: string): Promise<void> {
  const res = await getApi()['threads.discard']({ id });
  if (!res.ok || !res.value.discarded) return;
  useThreads.getState().remove(id);
  useMessages.getState().dropThread(id);
}

/** Text typed or files attached in the thread's composer: a thread holding them is in use. */
function hasDraft(id: string): boolean {
  return (useUi.getState().drafts[id] ?? '').trim() !== '' || (useAttachments.getState().drafts[id]?.length ?? 0) > 0;
}

/** A thread opened here whose messages are loaded and are none. */
function isEmptyThread(id: string): boolean {
  const { pages, idsByThread } = useMessages.getState();
  const page = pages[id];
  return !!page?.loaded && !page.loading && !page.hasMore && (idsByThread[id]?.length ?? 0) === 0;
}

/**
 * "New thread", lazily: while the open thread is still empty it is the new thread, so asking twice
 * leaves one empty thread, not two. (Main drops empty untitled threads on its next start.)
 */
export async function newThread(): Promise<string | null> {
  const selected = useThreads.getState().selectedId;
  if (selected && isEmptyThread(selected)) {
    selectThread(selected);
    return selected;
  }
  return createThread();
}

type ThreadPatch = Omit<RouteInput<'threads.update'>, 'id'>;

export async function updateThread(id: string, patch: ThreadPatch): Promise<boolean> {
  const res = await getApi()['threads.update']({ id, ...patch });
  if (!res.ok) {
    notify(res.error);
    return false;
  }
  useThreads.getState().upsert(res.value);
  return true;
}

export async function renameThread(id: string, title: string): Promise<void> {
  useUi.getState().setRenaming(null);
  const trimmed = title.trim();
  const current = useThreads.getState().byId[id];
  if (!trimmed || trimmed === current?.title) return;
  await updateThread(id, { title: trimmed });
}

export async function deleteThread(id: string): Promise<void> {
  const res = await getApi()['threads.delete']({ id });
  if (!res.ok) {
    notify(res.error);
    return;
  }
  useThreads.getState().remove(id);
  useMessages.getState().dropThread(id);
}
