// The first working version, as a user would use it: configure, test the connection, pick a model,
// send and watch it stream, stop a long answer, retry after a 500, restart and find the thread.
// Runs in both transports (browser mode and the desktop path; see playwright.config.ts).
import { expect } from '@playwright/test';
import { errors, openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startHarness, test, type Harness } from './harness';
import { AppPage } from './pages/app-page';

let h: Harness;
test.beforeEach(async () => {
  // The app starts unconfigured: the user sets the base URL and key in Settings.
  h = await startHarness({ configureBaseUrl: false });
});
test.afterEach(async () => {
  await h.close();
});

test('configure, test connection, pick a model, chat, stop, retry, restart', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);

  await app.configure({ baseUrl: `${h.gateway.url}/v1/`, apiKey: 'sk-e2e-user-key-7781' });
  await expect(page.getByText(`${h.gateway.url}/v1/chat/completions`)).toBeVisible();
  const result = await app.testConnection();
  await expect(result).toContainText(/\d+/);
  await app.closeSettings();

  await app.newThread();
  await app.byId('model-select').selectOption('gpt-4o');

  // Send and watch it stream.
  h.gateway.queue(openaiText('Streaming works: **bold** and `code`.', { chunkSize: 4, delayMs: 150 }));
  await app.send('Hello, gateway');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Streaming works: bold and code.');
  await expect(app.lastAssistant().locator('strong')).toHaveText('bold');
  const chat = h.gateway.requests.find((r) => r.path === '/v1/chat/completions')!;
  expect(chat.headers.authorization).toBe('Bearer sk-e2e-user-key-7781');
  expect((chat.json as { model: string }).model).toBe('gpt-4o');
  await expect(app.byId('thread-item').first()).toContainText('Hello, gateway');

  // Stop a long answer: the partial text stays, marked stopped.
  h.gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
  await app.send('Write something long');
  await expect(app.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
  await app.byId('composer-stop').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'stopped');
  const partial = (await app.lastAssistant().getByTestId('message-text').innerText()).trim();
  expect(partial.length).toBeGreaterThan(0);

  // A 500 that outlasts the retries is shown as a server error with Retry; Retry then succeeds.
  h.gateway.queue({ ...errors.server(500), times: 3 });
  await app.send('Will this fail?');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
  await expect(app.lastAssistant().getByTestId('message-error')).toBeVisible();
  h.gateway.queue(openaiText('Recovered after the retry.'));
  await app.lastAssistant().getByTestId('message-retry').click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Recovered after the retry.');
  await expect(app.messages()).toHaveCount(6);

  // Restart the app: the thread and its messages are still there.
  const { url } = await h.restart();
  await page.goto(url);
  await expect(app.byId('thread-item')).toHaveCount(1);
  await app.byId('thread-item').first().click();
  await expect(app.messages()).toHaveCount(6);
  await expect(app.messages('assistant').nth(1)).toHaveAttribute('data-status', 'stopped');
  await expect(app.messages('assistant').nth(1).getByTestId('message-text')).toContainText(partial.slice(0, 20));
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Recovered after the retry.');

  // Leave the real keychain as we found it.
  await app.removeKeyIfStored();
});

test('a failed send keeps the typed text; Shift+Enter makes a new line', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  // No key is set: the send fails and the draft stays in the composer.
  await app.byId('composer-input').fill('first line');
  await app.byId('composer-input').press('Shift+Enter');
  await app.byId('composer-input').pressSequentially('second line');
  await expect(app.byId('composer-input')).toHaveValue('first line\nsecond line');
  await app.byId('composer-input').press('Enter');
  await expect(page.getByRole('alert')).toBeVisible();
  await expect(app.byId('composer-input')).toHaveValue('first line\nsecond line');
  expect(h.gateway.requests).toHaveLength(0);
});

test('threads: rename, search and delete with confirmation', async ({ page }) => {
  await h.close();
  h = await startHarness({ apiKey: 'sk-env-key-for-threads-0001' });
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  h.gateway.queue(openaiText('Answer about apples.'));
  await app.send('Tell me about apples');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await app.newThread();
  h.gateway.queue(openaiText('Answer about pears.'));
  await app.send('Tell me about pears');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(app.byId('thread-item')).toHaveCount(2);
  await expect(app.byId('thread-item').first()).toContainText('pears');

  await app.byId('thread-search').fill('apples');
  await expect(app.byId('thread-item')).toHaveCount(1);
  await expect(app.byId('thread-item').first()).toContainText('apples');
  await app.byId('thread-search').fill('');
  await expect(app.byId('thread-item')).toHaveCount(2);

  const pears = app.byId('thread-item').first();
  await pears.hover();
  await pears.getByTestId('thread-rename').click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.type('Fruit notes');
  await page.keyboard.press('Enter');
  await expect(app.byId('thread-item').first()).toContainText('Fruit notes');

  await app.byId('thread-item').first().hover();
  await app.byId('thread-item').first().getByTestId('thread-delete').click();
  await app.byId('confirm-ok').click();
  await expect(app.byId('thread-item')).toHaveCount(1);
  await expect(app.byId('thread-item').first()).toContainText('apples');

  const { url } = await h.restart();
  await page.goto(url);
  await expect(app.byId('thread-item')).toHaveCount(1);
});
