// "Describe each" in the renderer: the list of batches, and the one open in the main pane with its rows
// and their answers (streamed in with the same reducer as chat).
import { create } from 'zustand';
import type { Batch, BatchRow, BatchView } from '../../shared/batch';
import { applyChatEvent, type ChatEvent } from '../../shared/chat-events';
import type { Message } from '../../shared/domain';

export interface OpenBatch {
  batch: Batch;
  rows: BatchRow[];
  messages: Record<string, Message>;
}

interface BatchesState {
  list: Batch[];
  open: OpenBatch | null;
  /** the open batch's id, set at once when opening (the view follows when main answers) */
  openId: string | null;
  setList: (list: Batch[]) => void;
  setOpenId: (id: string | null) => void;
  putView: (view: BatchView) => void;
  /** a `batch.updated` push: the batch in the list, and its rows and answers when it is open */
  applyUpdate: (batch: Batch, rows: BatchRow[], messages: Message[]) => void;
  applyEvents: (messageId: string, events: ChatEvent[]) => void;
}

export const useBatches = create<BatchesState>()((set) => ({
  list: [],
  open: null,
  openId: null,
  setList: (list) => set({ list }),
  setOpenId: (openId) => set((s) => ({ openId, open: s.open?.batch.id === openId ? s.open : null })),
  putView: (view) =>
    set((s) =>
      s.openId !== view.batch.id
        ? s
        : { open: { batch: view.batch, rows: view.rows, messages: Object.fromEntries(view.messages.map((m) => [m.id, m])) } },
    ),
  applyUpdate: (batch, rows, messages) =>
    set((s) => {
      const list = s.list.some((b) => b.id === batch.id) ? s.list.map((b) => (b.id === batch.id ? batch : b)) : [batch, ...s.list];
      if (s.open?.batch.id !== batch.id) return { list };
      const byId = new Map(rows.map((r) => [r.id, r]));
      const next = { ...s.open.messages };
      for (const m of messages) next[m.id] = m;
      return { list, open: { batch, rows: s.open.rows.map((r) => byId.get(r.id) ?? r), messages: next } };
    }),
  applyEvents: (messageId, events) =>
    set((s) => {
      const m = s.open?.messages[messageId];
      // A row's answer comes whole in batch.updated when it ends, and may overtake the last coalesced
      // deltas: once it is no longer streaming, late deltas are already in its text.
      if (!s.open || !m || m.status !== 'streaming') return s;
      let next = m;
      for (const ev of events) next = applyChatEvent(next, ev);
      return { open: { ...s.open, messages: { ...s.open.messages, [messageId]: next } } };
    }),
}));
