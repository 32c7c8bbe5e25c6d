// The key goes only where it was given: moving the base URL to a second gateway in Settings sends that
// gateway nothing with the key; the app asks for the key again, and after re-entry a message goes through.
import { expect, test } from '@playwright/test';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';

const KEY = 'sk-e2e-origin-key-5521';

let h: Harness;
let second: Gateway;
test.beforeEach(async () => {
  // YIBU_API_KEY + --base-url: the key is bound to the first gateway's origin.
  h = await startHarness({ apiKey: KEY });
  second = await startGateway({ demo: false });
});
test.afterEach(async () => {
  await h.close();
  await second.close();
});

const sawKey = (g: Gateway) => g.requests.filter((r) => Object.values(r.headers).some((v) => v.includes(KEY)) || r.body.includes(KEY));

test('moving the base URL to another gateway asks for the key again before anything is sent there', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);

  await app.newThread();
  h.gateway.queue(openaiText('Hello from the first gateway.'));
  await app.send('First message');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  expect(sawKey(h.gateway).length).toBeGreaterThan(0);

  // Point the app at the second gateway.
  await app.byId('settings-open').click();
  const status = app.byId('settings-key-status');
  await expect(status).toHaveAttribute('data-origin', h.gateway.url);
  await expect(status).toContainText(h.gateway.url);
  await app.byId('settings-base-url').fill(second.url);
  await app.byId('settings-save').click();
  await expect(app.byId('settings-save-state')).toContainText('Saved');

  // The settings ask for the key again, for the new address.
  const notice = app.byId('settings-key-origin-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText(second.url);
  await expect(notice).toContainText(h.gateway.url);
  await expect(status).toHaveAttribute('data-origin-matches', 'false');
  await expect(app.byId('settings-key-origin-confirm')).toHaveCount(0); // browser mode: re-entry only
  // Refreshing the balance by hand is refused in main, not sent.
  await app.byId('settings-balance-refresh').click();
  await expect(app.byId('settings-balance')).toContainText('Not available');
  await app.closeSettings();

  // Sending is refused with the reason, and the draft stays.
  await app.send('Is the key sent to the second gateway?');
  const refusal = app.byId('composer-error');
  await expect(refusal).toHaveAttribute('data-error-code', 'key_origin');
  await expect(refusal).toContainText(`Your key was saved for ${h.gateway.url}. Enter it again for ${second.url}`);
  await expect(app.byId('composer-input')).toHaveValue('Is the key sent to the second gateway?');
  expect(second.requests).toEqual([]);

  // Enter the key again: it is bound to the second gateway and the message goes through.
  await app.byId('settings-open').click();
  await app.byId('settings-api-key').fill(KEY);
  await app.byId('settings-save').click();
  await expect(app.byId('settings-key-origin-notice')).toBeHidden();
  await expect(status).toHaveAttribute('data-origin', second.url);
  await expect(status).toHaveAttribute('data-origin-matches', 'true');
  await app.closeSettings();

  second.queue(openaiText('Hello from the second gateway.'));
  await app.byId('composer-send').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Hello from the second gateway.');
  const chat = second.requests.find((r) => r.path === '/v1/chat/completions')!;
  expect(chat.headers.authorization).toBe(`Bearer ${KEY}`);
});

test('plain http to a public host is flagged while typing and cannot be saved', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.byId('settings-open').click();
  await app.byId('settings-base-url').fill('http://example.com');
  const error = app.byId('settings-base-url-error');
  await expect(error).toHaveAttribute('data-reason', 'insecure_http');
  await expect(error).toContainText('use https://');
  await expect(app.byId('settings-save')).toBeDisabled();
  await app.byId('settings-base-url').fill('http://192.168.1.20:3000');
  await expect(error).toBeHidden();
  await expect(app.byId('settings-save')).toBeEnabled();
});
