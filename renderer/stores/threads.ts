// Threads: normalized by id, with the visible order (newest first) kept alongside.
import { create } from 'zustand';
import type { Thread } from '../../shared/domain';

interface ThreadsState {
  byId: Record<string, Thread>;
  /** ids of the listed threads, most recently updated first */
  order: string[];
  selectedId: string | null;
  /** the search box's text; the list holds the matches of this query */
  query: string;
  loaded: boolean;
  setList: (threads: Thread[]) => void;
  upsert: (thread: Thread, opts?: { insert?: boolean }) => void;
  remove: (id: string) => void;
  select: (id: string | null) => void;
  setQuery: (query: string) => void;
}

function sortIds(byId: Record<string, Thread>, ids: Iterable<string>): string[] {
  return [...ids].sort((a, b) => byId[b]!.updatedAt - byId[a]!.updatedAt || (a < b ? 1 : -1));
}

export const useThreads = create<ThreadsState>()((set) => ({
  byId: {},
  order: [],
  selectedId: null,
  query: '',
  loaded: false,
  setList: (threads) =>
    set((s) => {
      const byId: Record<string, Thread> = {};
      for (const t of threads) byId[t.id] = t;
      // Keep the selected thread known even when the search hides it from the list.
      const selected = s.selectedId ? s.byId[s.selectedId] : undefined;
      if (selected && !byId[selected.id]) byId[selected.id] = selected;
      return { byId, order: sortIds(byId, threads.map((t) => t.id)), loaded: true };
    }),
  upsert: (thread, opts) =>
    set((s) => {
      const listed = s.order.includes(thread.id);
      const byId = { ...s.byId, [thread.id]: thread };
      if (!listed && !opts?.insert) return { byId };
      const ids = listed ? s.order : [...s.order, thread.id];
      return { byId, order: sortIds(byId, ids) };
    }),
  remove: (id) =>
    set((s) => {
      const byId = { ...s.byId };
      delete byId[id];
      return {
        byId,
        order: s.order.filter((x) => x !== id),
        selectedId: s.selectedId === id ? null : s.selectedId,
      };
    }),
  select: (id) => set({ selectedId: id }),
  setQuery: (query) => set({ query }),
}));

/** The selected thread, or null. */
export const useSelectedThread = (): Thread | null =>
  useThreads((s) => (s.selectedId ? (s.byId[s.selectedId] ?? null) : null));
