// UI state that is nobody else's: dialogs, drafts, composer errors, notices, the connection.
import { create } from 'zustand';
import type { AppError } from '../../shared/domain';
import type { ConnectionState } from '../api';

export type Confirm =
  | { kind: 'delete-thread'; threadId: string; title: string }
  | { kind: 'delete-message'; messageId: string };

export interface Notice {
  id: number;
  error: AppError;
}

interface UiState {
  settingsOpen: boolean;
  confirm: Confirm | null;
  /** composer text per thread ('' = the composer of "no thread yet") */
  drafts: Record<string, string>;
  /** the last failed send per thread */
  sendErrors: Record<string, AppError | null>;
  notice: Notice | null;
  connection: ConnectionState;
  /** a thread whose title is being edited inline */
  renamingId: string | null;
  /** bumped to ask the composer to take focus */
  focusComposer: number;
  /** the keyboard-shortcut sheet */
  shortcutsOpen: boolean;
  openSettings: (open: boolean) => void;
  askConfirm: (confirm: Confirm | null) => void;
  setDraft: (threadKey: string, text: string) => void;
  setSendError: (threadKey: string, error: AppError | null) => void;
  showNotice: (error: AppError | null) => void;
  setConnection: (state: ConnectionState) => void;
  setRenaming: (id: string | null) => void;
  requestComposerFocus: () => void;
  openShortcuts: (open: boolean) => void;
}

let noticeId = 0;

export const useUi = create<UiState>()((set) => ({
  settingsOpen: false,
  confirm: null,
  drafts: {},
  sendErrors: {},
  notice: null,
  connection: 'open',
  renamingId: null,
  focusComposer: 0,
  openSettings: (settingsOpen) => set({ settingsOpen }),
  askConfirm: (confirm) => set({ confirm }),
  setDraft: (key, text) => set((s) => ({ drafts: { ...s.drafts, [key]: text } })),
  setSendError: (key, error) => set((s) => ({ sendErrors: { ...s.sendErrors, [key]: error } })),
  showNotice: (error) => set({ notice: error ? { id: ++noticeId, error } : null }),
  setConnection: (connection) => set({ connection }),
  setRenaming: (renamingId) => set({ renamingId }),
  requestComposerFocus: () => set((s) => ({ focusComposer: s.focusComposer + 1 })),
  shortcutsOpen: false,
  openShortcuts: (shortcutsOpen) => set({ shortcutsOpen }),
}));
