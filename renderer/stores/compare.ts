// Compare models (ARCHITECTURE.md § Compare models): the composer's row of models per thread, and the
// compare run a thread shows instead of its messages until one answer is kept. The answers themselves
// are ordinary messages in the message store; a run only says which column holds which.
import { create } from 'zustand';
import type { Protocol } from '../../shared/domain';

export const COMPARE_MIN = 2;
export const COMPARE_MAX = 4;

export interface CompareColumn {
  model: string;
  protocol: Protocol;
  /** the column's first answer: its sibling under the question, what Keep selects */
  rootId: string;
  /** the column's messages in order: the first answer, then (tool loop) tool results and later steps */
  ids: string[];
  /** performance.now() when the question went out, when the column's first token arrived, when it last ended */
  sentAt: number;
  firstAt: number | null;
  endAt: number | null;
}

export interface CompareRun {
  questionId: string;
  columns: CompareColumn[];
}

interface CompareState {
  /** thread id → the models of the composer's compare row (absent: the row is closed) */
  rows: Record<string, string[]>;
  /** thread id → the compare run shown instead of the thread's messages */
  runs: Record<string, CompareRun>;
  setRow: (threadId: string, models: string[] | null) => void;
  startRun: (threadId: string, run: CompareRun) => void;
  endRun: (threadId: string) => void;
  /** changes the column holding `messageId` (of any run); nothing when no column holds it */
  updateColumn: (messageId: string, fn: (c: CompareColumn) => CompareColumn) => void;
}

export const useCompare = create<CompareState>()((set) => ({
  rows: {},
  runs: {},
  setRow: (threadId, models) =>
    set((s) => {
      const rows = { ...s.rows };
      if (models) rows[threadId] = models;
      else delete rows[threadId];
      return { rows };
    }),
  startRun: (threadId, run) => set((s) => ({ runs: { ...s.runs, [threadId]: run } })),
  endRun: (threadId) =>
    set((s) => {
      if (!s.runs[threadId]) return s;
      const runs = { ...s.runs };
      delete runs[threadId];
      return { runs };
    }),
  updateColumn: (messageId, fn) =>
    set((s) => {
      for (const [threadId, run] of Object.entries(s.runs)) {
        const at = run.columns.findIndex((c) => c.ids.includes(messageId));
        if (at < 0) continue;
        const columns = run.columns.map((c, i) => (i === at ? fn(c) : c));
        return { runs: { ...s.runs, [threadId]: { ...run, columns } } };
      }
      return s;
    }),
}));

/** The column whose last message is `parentId`: a tool loop's next message continues that column. */
export function columnEndingWith(parentId: string): CompareColumn | null {
  for (const run of Object.values(useCompare.getState().runs)) {
    for (const c of run.columns) if (c.ids[c.ids.length - 1] === parentId) return c;
  }
  return null;
}
