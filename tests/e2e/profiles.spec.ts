// Connection profiles end to end in browser mode: a thread switched to a second profile sends that
// profile's key, in its header style, to its gateway (the mock records it); the first profile's
// threads keep theirs; a profile's proxy override carries its requests through a local proxy.
import { expect, test } from '@playwright/test';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import { startProxy, type TestProxy } from '../fixtures/proxy';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';
import { addProfile } from './pages/profiles';

const DEFAULT_KEY = 'sk-e2e-default-profile-1111';
const SECOND_KEY = 'sk-e2e-second-profile-2222';

let h: Harness;
let second: Gateway;
let proxy: TestProxy | null = null;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: DEFAULT_KEY });
  second = await startGateway({ demo: false });
});
test.afterEach(async () => {
  await h.close();
  await second.close();
  await proxy?.close();
  proxy = null;
});

const posts = (g: Gateway) => g.requests.filter((r) => r.method === 'POST');

test('switching a thread to another profile sends that profile’s key in its header style to its gateway', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  const id = await addProfile(app, {
    name: 'Anthropic direct',
    baseUrl: second.url,
    protocol: 'anthropic-messages',
    auth: 'x-api-key',
    key: SECOND_KEY,
  });

  await app.newThread();
  h.gateway.queue(openaiText('From the default profile.'));
  await app.send('First, on the default profile');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  expect(posts(h.gateway)[0]!.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`);

  const select = app.byId('profile-select');
  await select.selectOption(id);
  await expect(app.byId('protocol-select')).toHaveValue('anthropic-messages');
  second.queue(anthropicText('From the second profile.'));
  await app.send('Now on the second profile');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText('From the second profile.');

  const sent = posts(second);
  expect(sent).toHaveLength(1);
  expect(sent[0]!.path).toBe('/v1/messages');
  expect(sent[0]!.headers['x-api-key']).toBe(SECOND_KEY);
  expect(sent[0]!.headers.authorization).toBeUndefined();
  expect(posts(h.gateway)).toHaveLength(1);

  // The choice is remembered: after a reload the thread still shows and uses the second profile.
  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.byId('profile-select')).toHaveValue(id);
});

test('a profile’s proxy override carries its requests through the proxy', async ({ page }) => {
  proxy = await startProxy();
  const app = new AppPage(page);
  await page.goto(h.app.url);
  const id = await addProfile(app, { name: 'Behind a proxy', baseUrl: second.url, proxy: proxy.url, key: SECOND_KEY });

  await app.newThread();
  await app.byId('profile-select').selectOption(id);
  second.queue(openaiText('Through the proxy.'));
  await app.send('Hello through a proxy');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText('Through the proxy.');
  expect(proxy.tunnels).toContain(new URL(second.url).host);
  expect(posts(second)[0]!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);

  // Test connection from the profile's editor: its models, through its proxy, with its key.
  const tunnels = proxy.tunnels.length;
  await app.byId('settings-open').click();
  await app.page.locator(`[data-testid="profile-item"][data-profile-id="${id}"]`).getByTestId('profile-edit').click();
  await app.byId('profile-test').click();
  await expect(app.byId('profile-test-result')).toHaveAttribute('data-ok', 'true');
  expect(proxy.tunnels.length).toBe(tunnels + 1);
  expect(second.requests.at(-1)).toMatchObject({ method: 'GET', path: '/v1/models' });
  expect(second.requests.at(-1)!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);
});
