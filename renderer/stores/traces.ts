// The open trace view: which answer's trace, where to look first (a tool call), and the trace as
// main last gave it. Traces can hold tens of thousands of frames: exactly one is held here.
import { create } from 'zustand';
import type { AppError, Trace } from '../../shared/domain';
import { getApi } from '../api';

/** Where the view should open: a tool call (its block and run are found in the trace). */
export interface TraceFocus {
  toolCallId: string;
  /** the tool_call part's key (the trace block's key) */
  blockKey?: string;
}

export interface OpenTrace {
  messageId: string;
  threadId: string;
  focus: TraceFocus | null;
  /** bumped on every open, so opening the same trace at another call re-focuses */
  nonce: number;
}

interface TracesState {
  open: OpenTrace | null;
  trace: Trace | null;
  loading: boolean;
  error: AppError | null;
  setOpen: (open: OpenTrace | null) => void;
  set: (patch: Partial<Pick<TracesState, 'trace' | 'loading' | 'error'>>) => void;
}

export const useTraces = create<TracesState>()((set) => ({
  open: null,
  trace: null,
  loading: false,
  error: null,
  setOpen: (open) => set({ open }),
  set: (patch) => set(patch),
}));

let nonce = 0;
let loadSeq = 0;

export function openTrace(messageId: string, threadId: string, focus: TraceFocus | null = null): void {
  const before = useTraces.getState().open;
  useTraces.getState().setOpen({ messageId, threadId, focus, nonce: ++nonce });
  if (before?.messageId !== messageId) useTraces.getState().set({ trace: null, error: null });
  void loadTrace();
}

export function closeTrace(): void {
  loadSeq++;
  useTraces.getState().setOpen(null);
  useTraces.getState().set({ trace: null, loading: false, error: null });
}

/** (Re)loads the open trace; an answer still streaming gives the steps recorded so far. */
export async function loadTrace(): Promise<void> {
  const open = useTraces.getState().open;
  if (!open) return;
  const seq = ++loadSeq;
  useTraces.getState().set({ loading: true });
  const res = await getApi()['traces.get']({ messageId: open.messageId });
  if (seq !== loadSeq) return;
  if (res.ok) useTraces.getState().set({ trace: res.value, loading: false, error: null });
  else useTraces.getState().set({ loading: false, error: res.error });
}
