// Connection profiles in Settings and the thread header, driven through their data-testids.
import { expect } from '@playwright/test';
import type { AppPage } from './app-page';

export interface NewProfile {
  preset?: 'yibu' | 'openai' | 'anthropic' | 'deepseek' | 'custom';
  name: string;
  baseUrl: string;
  protocol?: 'openai-chat' | 'anthropic-messages';
  auth?: 'bearer' | 'x-api-key' | 'both';
  proxy?: string;
  key: string;
}

/** Adds a profile in Settings (which it opens and closes); returns its id. */
export async function addProfile(app: AppPage, p: NewProfile): Promise<string> {
  await app.byId('settings-open').click();
  // The list loads when Settings opens: wait for it (the default profile is always there) before counting.
  await expect(app.byId('profile-item').first()).toBeVisible();
  const before = await app.byId('profile-item').count();
  await app.byId('profile-add-preset').selectOption(p.preset ?? 'custom');
  await app.byId('profile-add').click();
  await app.byId('profile-name').fill(p.name);
  await app.byId('profile-base-url').fill(p.baseUrl);
  if (p.protocol) await app.byId('profile-protocol').selectOption(p.protocol);
  if (p.auth) await app.byId('profile-auth').selectOption(p.auth);
  if (p.proxy) await app.byId('profile-proxy').fill(p.proxy);
  await app.byId('profile-key').fill(p.key);
  await app.byId('profile-save').click();
  const items = app.byId('profile-item');
  await expect(items).toHaveCount(before + 1);
  const added = items.last();
  await expect(added).toContainText(p.name);
  await expect(added.getByTestId('profile-key-status')).toHaveText(`…${p.key.slice(-4)}`);
  const id = (await added.getAttribute('data-profile-id')) ?? '';
  await app.closeSettings();
  return id;
}
