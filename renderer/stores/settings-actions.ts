// Settings, the key and the gateway: each calls main and keeps the settings store current.
import type { Result } from '../../shared/contract';
import type { ConnectionResult, KeyStatus, Settings } from '../../shared/domain';
import { getApi } from '../api';
import { useSettings } from './settings';
import { useUi } from './ui';

export async function updateSettings(patch: Partial<Settings>): Promise<Result<Settings>> {
  const res = await getApi()['settings.update'](patch);
  if (res.ok) useSettings.getState().setSettings(res.value);
  // A new base URL may be another origin than the key's: the key status says whether it still goes there.
  if (res.ok && patch.baseUrl !== undefined) await refreshKeyStatus();
  return res;
}

export async function refreshKeyStatus(): Promise<void> {
  const res = await getApi()['key.status']({});
  if (res.ok) useSettings.getState().setKeyStatus(res.value);
}

/** Hands the key to main (which keeps it in the keychain); the caller clears its field afterwards. */
export async function saveKey(key: string): Promise<Result<KeyStatus>> {
  const res = await getApi()['key.set']({ key });
  if (res.ok) {
    useSettings.getState().setKeyStatus(res.value);
    void refreshGateway();
  }
  return res;
}

/** Electron: main asks in its own dialog whether the key may go to the new origin. */
export async function confirmKeyMove(): Promise<Result<KeyStatus>> {
  const res = await getApi()['key.confirmMove']({});
  if (res.ok) {
    useSettings.getState().setKeyStatus(res.value);
    if (res.value.originMatches !== false) void refreshGateway();
  }
  return res;
}

export async function removeKey(): Promise<Result<KeyStatus>> {
  const res = await getApi()['key.remove']({});
  if (res.ok) {
    useSettings.getState().setKeyStatus(res.value);
    useSettings.getState().setBalance({ value: null, error: null });
  }
  return res;
}

export async function testConnection(): Promise<Result<ConnectionResult>> {
  const res = await getApi()['gateway.test']({});
  if (res.ok) useSettings.getState().setModels({ value: res.value.models, error: null, loading: false });
  return res;
}

let balanceSeq = 0;

export async function refreshBalance(): Promise<void> {
  const seq = ++balanceSeq;
  useSettings.getState().setBalance({ loading: true });
  const res = await getApi()['gateway.balance']({});
  if (seq !== balanceSeq) return;
  if (res.ok) useSettings.getState().setBalance({ value: res.value, error: null, loading: false });
  else useSettings.getState().setBalance({ value: null, error: res.error, loading: false });
}

/** `profileId`: the models of a connection profile's gateway (the thread's), else the default one's. */
export async function loadModels(profileId?: string): Promise<void> {
  useSettings.getState().setModels({ loading: true });
  const res = await getApi()['gateway.models'](profileId && profileId !== 'default' ? { profileId } : {});
  if (res.ok) useSettings.getState().setModels({ value: res.value, error: null, loading: false });
  else useSettings.getState().setModels({ error: res.error, loading: false });
}

/** Models and balance, when the gateway can be asked (a key is set, or the demo gateway). */
export async function refreshGateway(): Promise<void> {
  const { appInfo, keyStatus } = useSettings.getState();
  if (!appInfo?.demo && !keyStatus?.hasKey) return;
  // The key belongs to another origin: main would refuse anyway; the settings ask for the key first.
  if (keyStatus?.hasKey && keyStatus.originMatches === false) return;
  await Promise.all([loadModels(), refreshBalance()]);
}

export function openSettings(): void {
  useUi.getState().openSettings(true);
}
