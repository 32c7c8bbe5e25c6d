// Connection profiles: each call goes to main and keeps the profiles store current.
import type { Result } from '../../shared/contract';
import type { ConnectionResult, KeyStatus, Thread } from '../../shared/domain';
import type { ProfileInput, ProfileView } from '../../shared/profiles';
import { getApi } from '../api';
import { useProfiles } from './profiles';
import { refreshKeyStatus, loadModels } from './settings-actions';
import { useSettings } from './settings';
import { useThreads } from './threads';

export async function loadProfiles(): Promise<void> {
  const res = await getApi()['profiles.list']({});
  if (res.ok) useProfiles.getState().setList(res.value.profiles, res.value.activeId);
}

export async function saveProfile(input: ProfileInput): Promise<Result<ProfileView>> {
  const res = await getApi()['profiles.save'](input);
  if (res.ok) {
    await loadProfiles();
    // The default profile's base URL and auth style are Settings' own fields.
    if (res.value.id === 'default') {
      const s = await getApi()['settings.get']({});
      if (s.ok) useSettings.getState().setSettings(s.value);
      await refreshKeyStatus();
    }
  }
  return res;
}

export async function deleteProfile(id: string): Promise<Result<null>> {
  const res = await getApi()['profiles.delete']({ id });
  if (res.ok) await loadProfiles();
  return res;
}

export async function setProfileKey(id: string, key: string): Promise<Result<KeyStatus>> {
  const res = await getApi()['profiles.setKey']({ id, key });
  if (res.ok) {
    await loadProfiles();
    if (id === 'default') useSettings.getState().setKeyStatus(res.value);
  }
  return res;
}

export async function removeProfileKey(id: string): Promise<Result<KeyStatus>> {
  const res = await getApi()['profiles.removeKey']({ id });
  if (res.ok) await loadProfiles();
  return res;
}

export async function setActiveProfile(id: string): Promise<Result<null>> {
  const res = await getApi()['profiles.setActive']({ id });
  if (res.ok) await loadProfiles();
  return res;
}

/** whose models the model picker holds: the default profile's until a thread of another is opened */
let modelsOf = 'default';

export async function loadThreadProfile(threadId: string): Promise<void> {
  const res = await getApi()['profiles.forThread']({ threadId });
  if (!res.ok) return;
  useProfiles.getState().setThreadProfile(threadId, res.value.profileId);
  if (res.value.profileId !== modelsOf && useProfiles.getState().profiles.some((p) => p.id === res.value.profileId)) {
    modelsOf = res.value.profileId;
    void loadModels(res.value.profileId);
  }
}

/** Test connection for one profile: its gateway's model list, with its key. */
export function testProfile(id: string): Promise<Result<ConnectionResult>> {
  return getApi()['gateway.test'](id === 'default' ? {} : { profileId: id });
}

/** Switching a thread's profile is explicit: its next request goes to that profile's gateway. */
export async function assignThreadProfile(threadId: string, profileId: string): Promise<Result<Thread>> {
  const res = await getApi()['profiles.assign']({ threadId, profileId });
  if (res.ok) {
    useProfiles.getState().setThreadProfile(threadId, profileId);
    useThreads.getState().upsert(res.value);
    modelsOf = profileId;
    void loadModels(profileId);
  }
  return res;
}
