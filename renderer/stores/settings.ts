// What main tells us about the app, its settings, the key (status only, never the key) and the
// gateway (models, balance).
import { create } from 'zustand';
import type { AppError, AppInfo, Balance, KeyStatus, Settings } from '../../shared/domain';
import { DEFAULT_SETTINGS } from '../../shared/domain';

export interface Loadable<T> {
  value: T | null;
  loading: boolean;
  error: AppError | null;
}

const idle = <T,>(): Loadable<T> => ({ value: null, loading: false, error: null });

interface SettingsState {
  appInfo: AppInfo | null;
  settings: Settings;
  keyStatus: KeyStatus | null;
  balance: Loadable<Balance>;
  models: Loadable<string[]>;
  setAppInfo: (info: AppInfo) => void;
  setSettings: (settings: Settings) => void;
  setKeyStatus: (status: KeyStatus) => void;
  setBalance: (patch: Partial<Loadable<Balance>>) => void;
  setModels: (patch: Partial<Loadable<string[]>>) => void;
}

export const useSettings = create<SettingsState>()((set) => ({
  appInfo: null,
  settings: DEFAULT_SETTINGS,
  keyStatus: null,
  balance: idle<Balance>(),
  models: idle<string[]>(),
  setAppInfo: (appInfo) => set({ appInfo }),
  setSettings: (settings) => set({ settings }),
  setKeyStatus: (keyStatus) => set({ keyStatus }),
  setBalance: (patch) => set((s) => ({ balance: { ...s.balance, ...patch } })),
  setModels: (patch) => set((s) => ({ models: { ...s.models, ...patch } })),
}));

/** True when answers can be asked for: a key is set, or the demo gateway needs none. */
export const useCanChat = (): boolean =>
  useSettings((s) => Boolean(s.appInfo?.demo) || Boolean(s.keyStatus?.hasKey));
