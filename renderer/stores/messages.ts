// Messages: normalized by id, with each thread's ordered id list. A streamed batch replaces one
// message object, so only components selecting that message re-render.
import { create } from 'zustand';
import { applyChatEvents, type ChatEvent } from '../../shared/chat-events';
import type { Message, Siblings } from '../../shared/domain';

export interface ThreadPage {
  loaded: boolean;
  loading: boolean;
  /** older messages exist before the first loaded one */
  hasMore: boolean;
  /** how many messages older pages have put in front (drives the list's firstItemIndex) */
  prepended: number;
  error: string | null;
  /** newer messages exist after the last loaded one (the thread was opened in the middle: search, link) */
  hasNewer: boolean;
  /** bumped when the loaded ids are replaced by another stretch of the thread: the list starts afresh */
  window: number;
  /** the last id of the newest page appended by paging down (the list follows only messages added live) */
  newerTail: string | null;
}

export const EMPTY_PAGE: ThreadPage = {
  loaded: false,
  loading: false,
  hasMore: false,
  prepended: 0,
  error: null,
  hasNewer: false,
  window: 0,
  newerTail: null,
};

interface MessagesState {
  byId: Record<string, Message>;
  idsByThread: Record<string, string[]>;
  pages: Record<string, ThreadPage>;
  /** message id → it and its siblings (branches) in creation order; absent when it has none */
  siblings: Siblings;
  setPageState: (threadId: string, patch: Partial<ThreadPage>) => void;
  /** the newest page (replaces what was loaded) or an older page (goes in front) */
  putPage: (threadId: string, messages: Message[], hasMore: boolean, older: boolean, siblings?: Siblings) => void;
  /**
   * Main changed which branch is shown (a sibling chosen, a message deleted): its newest page replaces
   * exactly what the thread shows, older pages included.
   */
  putPath: (threadId: string, messages: Message[], hasMore: boolean, siblings?: Siblings) => void;
  /**
   * A new branch beside `fromId` (edit, regenerate): `fromId` and what followed it leave the view, the new
   * messages follow what came before it, and `siblings` says the new message's branches.
   */
  branch: (fromId: string, messages: Message[], siblings: Siblings) => void;
  /** a message this window created (chat.send): appended; buffered events are applied */
  add: (message: Message) => void;
  /** a message replaced in place (chat.retry), or put back after a failed retry */
  replace: (message: Message) => void;
  /** a message known here but not on the thread's shown path (a compare column): buffered events are applied */
  putLoose: (message: Message) => void;
  /** a retried message that came back under a new id takes the old one's place */
  swap: (oldId: string, message: Message) => void;
  applyEvents: (messageId: string, events: readonly ChatEvent[]) => void;
  /**
   * Main's snapshot of the answers running now (chat.attach; of `threadId`, or all): each replaces what is
   * here, and later pushed events apply on top. Returns the threads holding an answer still `streaming`
   * here that main no longer runs: it ended while this window was away, and storage has its end.
   */
  putLive: (messages: readonly Message[], threadId?: string) => string[];
  dropThread: (threadId: string) => void;
  /** the stretch of the thread around a message (replaces what was loaded) */
  putWindow: (threadId: string, messages: Message[], hasMore: boolean, hasNewer: boolean) => void;
  /** the page after the last loaded message (a thread opened in the middle, scrolled down) */
  putNewer: (threadId: string, messages: Message[], hasNewer: boolean) => void;
}

/**
 * Events can arrive before the chat.send result that introduces their message (main starts the
 * stream before it answers). They wait here, keyed by message id, and are applied on `add`.
 */
const early = new Map<string, ChatEvent[]>();
const EARLY_MAX = 100;
let awaiting = 0;

/**
 * Wrap a call that introduces a message (send, retry) *and* the store update that puts it in:
 * events for unknown ids are kept until both are done, then dropped.
 */
export async function awaitingMessage<T>(call: () => Promise<T>): Promise<T> {
  awaiting++;
  try {
    return await call();
  } finally {
    awaiting--;
    if (awaiting === 0) early.clear();
  }
}

function bufferEarly(messageId: string, events: readonly ChatEvent[]): void {
  const list = early.get(messageId);
  if (list) list.push(...events);
  else {
    if (early.size >= EARLY_MAX) early.delete(early.keys().next().value!);
    early.set(messageId, [...events]);
  }
}

function takeEarly(message: Message): Message {
  const events = early.get(message.id);
  if (!events) return message;
  early.delete(message.id);
  return applyChatEvents(message, events);
}

/**
 * Whether a message main created on its own (a tool loop's next step, an answer another window started)
 * belongs at the end of the branch shown: it follows the last message shown. One on another branch (the
 * user chose a sibling meanwhile) is not shown; it is there when its branch is chosen.
 */
export function continuesView(ids: readonly string[], m: Message): boolean {
  return m.parentId === undefined || ids.length === 0 || m.parentId === ids[ids.length - 1];
}

/** The sibling map with the lists of `ids` replaced by what main said (none listed = no siblings). */
function withSiblings(current: Siblings, ids: readonly string[], fresh: Siblings | undefined): Siblings {
  if (!fresh) return current;
  const next = { ...current };
  for (const id of ids) {
    const list = fresh[id];
    if (list) next[id] = list;
    else delete next[id];
  }
  return next;
}

export const useMessages = create<MessagesState>()((set) => ({
  byId: {},
  idsByThread: {},
  pages: {},
  siblings: {},
  setPageState: (threadId, patch) =>
    set((s) => ({ pages: { ...s.pages, [threadId]: { ...(s.pages[threadId] ?? EMPTY_PAGE), ...patch } } })),
  putPage: (threadId, messages, hasMore, older, siblings) =>
    set((s) => {
      const byId = { ...s.byId };
      const page = s.pages[threadId] ?? EMPTY_PAGE;
      const current = s.idsByThread[threadId] ?? [];
      const fresh: string[] = [];
      for (const m of messages) {
        if (older && byId[m.id]) continue;
        // While storage still says `streaming`, the copy here is fresher (writes are coalesced); once storage
        // has the end, the end wins (a window that was away may hold a copy that never saw it), except
        // while a send or retry is under way here: its blank copy is newer than what storage has yet.
        const live = s.byId[m.id];
        const keep = live && (m.status === 'streaming' || (awaiting > 0 && live.status === 'streaming'));
        byId[m.id] = keep ? live : m;
        fresh.push(m.id);
      }
      let ids: string[];
      if (older) {
        ids = [...fresh, ...current];
      } else {
        // Messages sent from here while the page was loading are newer than the page: keep them.
        const inPage = new Set(fresh);
        const newest = messages[messages.length - 1]?.createdAt ?? -Infinity;
        const sentMeanwhile = current.filter((id) => !inPage.has(id) && (s.byId[id]?.createdAt ?? -Infinity) >= newest);
        for (const id of current) if (!inPage.has(id) && !sentMeanwhile.includes(id)) delete byId[id];
        ids = [...fresh, ...sentMeanwhile];
      }
      return {
        byId,
        idsByThread: { ...s.idsByThread, [threadId]: ids },
        siblings: withSiblings(s.siblings, fresh, siblings),
        pages: {
          ...s.pages,
          [threadId]: {
            ...page,
            loaded: true,
            loading: false,
            error: null,
            hasMore,
            prepended: older ? page.prepended + fresh.length : 0,
            // the newest page after a stretch in the middle: another list, started at the bottom
            ...(older ? {} : { hasNewer: false, newerTail: null, window: page.hasNewer ? page.window + 1 : page.window }),
          },
        },
      };
    }),
  putPath: (threadId, messages, hasMore, siblings) =>
    set((s) => {
      const byId = { ...s.byId };
      for (const id of s.idsByThread[threadId] ?? []) delete byId[id];
      const ids = messages.map((m) => m.id);
      for (const m of messages) {
        // A running answer's copy here is ahead of storage (writes are coalesced).
        const live = s.byId[m.id];
        byId[m.id] = live && m.status === 'streaming' ? live : m;
      }
      const page = s.pages[threadId] ?? EMPTY_PAGE;
      return {
        byId,
        idsByThread: { ...s.idsByThread, [threadId]: ids },
        siblings: withSiblings(s.siblings, ids, siblings ?? {}),
        pages: { ...s.pages, [threadId]: { ...page, loaded: true, loading: false, error: null, hasMore, prepended: 0 } },
      };
    }),
  branch: (fromId, messages, siblings) =>
    set((s) => {
      const old = s.byId[fromId];
      const threadId = old?.threadId ?? messages[0]?.threadId;
      if (!threadId) return s;
      const current = s.idsByThread[threadId] ?? [];
      const at = current.indexOf(fromId);
      const kept = at < 0 ? current : current.slice(0, at);
      const byId = { ...s.byId };
      // What left the view stays known to main; here it is dropped, and comes back from storage when chosen.
      for (const id of at < 0 ? [] : current.slice(at)) delete byId[id];
      for (const m of messages) byId[m.id] = takeEarly(m);
      const ids = messages.map((m) => m.id);
      return {
        byId,
        idsByThread: { ...s.idsByThread, [threadId]: [...kept, ...ids.filter((id) => !kept.includes(id))] },
        siblings: withSiblings(s.siblings, ids, siblings),
      };
    }),
  add: (message) =>
    set((s) => {
      // Opened in the middle: the end of the thread is not loaded, so the message comes with the newer pages.
      if (s.pages[message.threadId]?.hasNewer) return { byId: { ...s.byId, [message.id]: takeEarly(message) } };
      const ids = s.idsByThread[message.threadId] ?? [];
      return {
        byId: { ...s.byId, [message.id]: takeEarly(message) },
        idsByThread: ids.includes(message.id)
          ? s.idsByThread
          : { ...s.idsByThread, [message.threadId]: [...ids, message.id] },
      };
    }),
  replace: (message) => set((s) => ({ byId: { ...s.byId, [message.id]: message } })),
  putLoose: (message) => set((s) => ({ byId: { ...s.byId, [message.id]: takeEarly(message) } })),
  swap: (oldId, message) =>
    set((s) => {
      const byId = { ...s.byId, [message.id]: takeEarly(message) };
      delete byId[oldId];
      const ids = (s.idsByThread[message.threadId] ?? []).map((id) => (id === oldId ? message.id : id));
      return { byId, idsByThread: { ...s.idsByThread, [message.threadId]: ids } };
    }),
  applyEvents: (messageId, events) =>
    set((s) => {
      const m = s.byId[messageId];
      if (!m) {
        // Not loaded here (another thread, not opened yet): storage will have it when it is opened.
        if (awaiting > 0) bufferEarly(messageId, events);
        return s;
      }
      return { byId: { ...s.byId, [messageId]: applyChatEvents(m, events) } };
    }),
  putLive: (messages, threadId) => {
    const running = new Set(messages.map((m) => m.id));
    const ended = new Set<string>();
    set((s) => {
      const byId = { ...s.byId };
      // A send or retry under way has a blank here that main may not run yet: not ended, only early.
      for (const m of awaiting > 0 ? [] : Object.values(s.byId)) {
        if (m.status === 'streaming' && !running.has(m.id) && (threadId === undefined || m.threadId === threadId)) {
          ended.add(m.threadId);
        }
      }
      let idsByThread = s.idsByThread;
      for (const m of messages) {
        byId[m.id] = m;
        const ids = idsByThread[m.threadId];
        // Shown where the thread is loaded and it continues the branch shown; a thread opened later
        // prefers this copy (putPage).
        if (s.pages[m.threadId]?.loaded && ids && !ids.includes(m.id) && continuesView(ids, m)) {
          const sorted = [...ids, m.id].sort((a, b) => (byId[a]?.createdAt ?? 0) - (byId[b]?.createdAt ?? 0));
          idsByThread = { ...idsByThread, [m.threadId]: sorted };
        }
      }
      return { byId, idsByThread };
    });
    return [...ended];
  },
  dropThread: (threadId) =>
    set((s) => {
      const byId = { ...s.byId };
      for (const id of s.idsByThread[threadId] ?? []) delete byId[id];
      const idsByThread = { ...s.idsByThread };
      delete idsByThread[threadId];
      const pages = { ...s.pages };
      delete pages[threadId];
      return { byId, idsByThread, pages };
    }),
  putWindow: (threadId, messages, hasMore, hasNewer) =>
    set((s) => {
      const byId = { ...s.byId };
      for (const id of s.idsByThread[threadId] ?? []) if (byId[id]?.status !== 'streaming') delete byId[id];
      for (const m of messages) {
        const live = byId[m.id];
        byId[m.id] = live && live.status === 'streaming' ? live : m;
      }
      const page = s.pages[threadId] ?? EMPTY_PAGE;
      return {
        byId,
        idsByThread: { ...s.idsByThread, [threadId]: messages.map((m) => m.id) },
        pages: {
          ...s.pages,
          [threadId]: { ...page, loaded: true, loading: false, error: null, hasMore, hasNewer, prepended: 0, window: page.window + 1, newerTail: null },
        },
      };
    }),
  putNewer: (threadId, messages, hasNewer) =>
    set((s) => {
      const current = s.idsByThread[threadId] ?? [];
      const have = new Set(current);
      const byId = { ...s.byId };
      const fresh: string[] = [];
      for (const m of messages) {
        if (have.has(m.id)) continue;
        byId[m.id] = byId[m.id] ?? m;
        fresh.push(m.id);
      }
      const page = s.pages[threadId] ?? EMPTY_PAGE;
      const ids = [...current, ...fresh];
      return {
        byId,
        idsByThread: { ...s.idsByThread, [threadId]: ids },
        pages: { ...s.pages, [threadId]: { ...page, loading: false, hasNewer, newerTail: ids[ids.length - 1] ?? null } },
      };
    }),
}));

const NO_IDS: string[] = [];

export const useThreadMessageIds = (threadId: string | null): string[] =>
  useMessages((s) => (threadId ? (s.idsByThread[threadId] ?? NO_IDS) : NO_IDS));

export const useMessage = (id: string): Message | undefined => useMessages((s) => s.byId[id]);

/** The id of the thread's last message while it is still streaming, else null. */
export const useStreamingMessageId = (threadId: string | null): string | null =>
  useMessages((s) => {
    if (!threadId) return null;
    const ids = s.idsByThread[threadId];
    const last = ids?.[ids.length - 1];
    return last && s.byId[last]?.status === 'streaming' ? last : null;
  });
