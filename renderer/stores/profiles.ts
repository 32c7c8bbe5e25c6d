// Connection profiles as main reports them (each with its key's status, never the key), which one new
// threads get, and which profile each thread seen so far uses. Everything async is in profile-actions.ts.
import { create } from 'zustand';
import type { ProfileView } from '../../shared/profiles';

interface ProfilesState {
  loaded: boolean;
  profiles: ProfileView[];
  activeId: string;
  /** thread id → its profile id */
  byThread: Record<string, string>;
  setList: (profiles: ProfileView[], activeId: string) => void;
  setThreadProfile: (threadId: string, profileId: string) => void;
}

export const useProfiles = create<ProfilesState>()((set) => ({
  loaded: false,
  profiles: [],
  activeId: 'default',
  byThread: {},
  setList: (profiles, activeId) => set({ profiles, activeId, loaded: true }),
  setThreadProfile: (threadId, profileId) => set((s) => ({ byThread: { ...s.byThread, [threadId]: profileId } })),
}));
