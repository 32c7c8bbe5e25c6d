// Search state: the message results of the sidebar's query, the message being pointed at (a result, a find
// match or a link: highlighted, and where the list opens), and the find bar of the open thread.
import { create } from 'zustand';
import type { SearchHit } from '../../shared/contract';

export interface Highlight {
  threadId: string;
  messageId: string;
  /** words to mark inside the message ('' for a link) */
  query: string;
  /** bumped on every jump, so jumping to the same message again scrolls again */
  seq: number;
}

export interface FindState {
  open: boolean;
  query: string;
  /** matching message ids, newest first: match 1 is the newest */
  ids: string[];
  /** index into ids of the current match, -1 when none */
  index: number;
  truncated: boolean;
  /** bumped when the bar should take focus (Ctrl/Cmd+F again) */
  focus: number;
}

const CLOSED_FIND: FindState = { open: false, query: '', ids: [], index: -1, truncated: false, focus: 0 };

interface SearchState {
  /** the query the results are for ('' = no results section) */
  query: string;
  hits: SearchHit[];
  loading: boolean;
  highlight: Highlight | null;
  find: FindState;
  setResults: (query: string, hits: SearchHit[]) => void;
  setLoading: (loading: boolean) => void;
  setHighlight: (h: Omit<Highlight, 'seq'> | null) => void;
  setFind: (patch: Partial<FindState>) => void;
  closeFind: () => void;
  /** another thread is opened: no highlight, no find bar */
  leaveThread: () => void;
}

let jumpSeq = 0;

export const useSearch = create<SearchState>()((set) => ({
  query: '',
  hits: [],
  loading: false,
  highlight: null,
  find: CLOSED_FIND,
  setResults: (query, hits) => set({ query, hits, loading: false }),
  setLoading: (loading) => set({ loading }),
  setHighlight: (h) => set({ highlight: h ? { ...h, seq: ++jumpSeq } : null }),
  setFind: (patch) => set((s) => ({ find: { ...s.find, ...patch } })),
  closeFind: () => set((s) => ({ find: { ...CLOSED_FIND, focus: s.find.focus } })),
  leaveThread: () => set((s) => ({ highlight: null, find: { ...CLOSED_FIND, focus: s.find.focus } })),
}));
