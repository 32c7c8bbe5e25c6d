// The Tests tab of each thread: its suite as main stored it, the run on screen (filled live by
// `suites.cell` events), which models the next run uses, and the case whose assertions are open.
import { create } from 'zustand';
import type { AppError } from '../../shared/domain';
import type { Suite, SuiteCell, SuiteRun } from '../../shared/suite';

export interface SuiteEntry {
  suite: Suite | null;
  run: SuiteRun | null;
  /** models ticked for the next run (default: the suite's) */
  models: string[] | null;
  /** the case whose assertion editor is open */
  openCase: string | null;
  busy: boolean;
  error: AppError | null;
}

const EMPTY: SuiteEntry = { suite: null, run: null, models: null, openCase: null, busy: false, error: null };

interface SuitesState {
  byThread: Record<string, SuiteEntry>;
  patch: (threadId: string, patch: Partial<SuiteEntry>) => void;
  /** a cell event: applied when it belongs to the run on screen */
  applyCell: (threadId: string, runId: string, cell: SuiteCell) => void;
}

export const useSuites = create<SuitesState>()((set) => ({
  byThread: {},
  patch: (threadId, patch) =>
    set((s) => ({ byThread: { ...s.byThread, [threadId]: { ...(s.byThread[threadId] ?? EMPTY), ...patch } } })),
  applyCell: (threadId, runId, cell) =>
    set((s) => {
      const entry = s.byThread[threadId];
      if (!entry?.run || entry.run.id !== runId) return s;
      const cells = entry.run.cells.map((c) => (c.id === cell.id ? cell : c));
      return { byThread: { ...s.byThread, [threadId]: { ...entry, run: { ...entry.run, cells } } } };
    }),
}));

export function useSuiteEntry(threadId: string): SuiteEntry {
  return useSuites((s) => s.byThread[threadId] ?? EMPTY);
}

export function suiteEntry(threadId: string): SuiteEntry {
  return useSuites.getState().byThread[threadId] ?? EMPTY;
}
