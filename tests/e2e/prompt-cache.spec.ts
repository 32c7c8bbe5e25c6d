// Prompt caching as a user meets it against the mock gateway: the cache setting of a Claude thread (and
// its default in Settings) puts cache_control breakpoints in the request, the 1-hour one with its beta
// header; each answer shows the cache tokens the gateway reported, and the header the thread's hit rate
// and, with a price, what caching saved. OpenAI-format threads have nothing to set.
import { expect, test } from '@playwright/test';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import type { RecordedRequest } from '../fixtures/gateway/types';
import { startHarness, type Harness } from './harness';
import { AppPage } from './pages/app-page';

const CLAUDE = 'claude-sonnet-4-20250514';

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: 'sk-e2e-cache-7781' });
});
test.afterEach(async () => {
  await h.close();
});

const last = (path: string): RecordedRequest => h.gateway.requests.filter((r) => r.path === path).at(-1)!;

async function answered(app: AppPage, count: number): Promise<void> {
  await expect(app.messages('assistant')).toHaveCount(count);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
}

test('a Claude thread’s cache setting marks the request; cache tokens per answer, hit rate and savings per thread', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  await app.byId('model-select').selectOption(CLAUDE);
  await expect(app.byId('protocol-select')).toHaveValue('anthropic-messages');

  await app.byId('thread-params').click();
  const mode = app.byId('cache-mode');
  await expect(mode).toHaveValue('');
  await mode.selectOption('5m');
  await expect(app.byId('thread-params')).toContainText('cache 5 min');

  h.gateway.queue(anthropicText('Written to the cache.', { usage: { input: 12, output: 5, cacheWrite: 1_800 } }));
  await app.send('A long document to keep.');
  await answered(app, 1);
  let req = last('/v1/messages');
  expect(req.body).toContain('"cache_control":{"type":"ephemeral"}');
  expect(req.headers).not.toHaveProperty('anthropic-beta');

  const first = app.lastAssistant().getByTestId('usage-cache');
  await expect(first).toHaveAttribute('data-cache-write', '1800');
  await expect(first).toContainText('1,800 cache write');
  await expect(first).toContainText('0 cached');
  // Input counts every input token, cached ones included: 12 + 1,800.
  await expect(app.lastAssistant().getByTestId('message-usage')).toContainText('1,812 in');
  await expect(app.byId('thread-cache')).toContainText('0% cache hits');
  await expect(app.byId('thread-cache-saved')).toHaveCount(0);

  h.gateway.queue(anthropicText('Read from the cache.', { usage: { input: 12, output: 5, cacheRead: 1_800, cacheWrite: 30 } }));
  await app.send('And a question about it.');
  await answered(app, 2);
  const second = app.lastAssistant().getByTestId('usage-cache');
  await expect(second).toHaveAttribute('data-cache-read', '1800');
  await expect(second).toContainText('1,800 cached');
  await expect(second).toContainText('30 cache write');
  // 1,800 read of 1,812 + 1,842 input tokens.
  await expect(app.byId('thread-cache')).toContainText('49.3% cache hits');
  await expect(app.byId('thread-usage')).toContainText('3,654 in');

  // With a price: 1,800 read × (3 − 0.3) − 1,830 written × (3.75 − 3) = 3,487.5 per million.
  await app.byId('settings-open').click();
  await app.byId('price-preset').selectOption('claude-sonnet-4');
  await expect(app.byId('price-row')).toHaveAttribute('data-model', 'claude-sonnet-4');
  await app.closeSettings();
  await expect(app.byId('thread-cache-saved')).toHaveText('saved $0.00349');

  // One hour: the ttl and the beta header the API requires. (The panel is still open.)
  await expect(app.byId('params-panel')).toBeVisible();
  await app.byId('cache-mode').selectOption('1h');
  await expect(app.byId('thread-params')).toContainText('cache 1 h');
  h.gateway.queue(anthropicText('An hour.'));
  await app.send('Keep it longer.');
  await answered(app, 3);
  req = last('/v1/messages');
  expect(req.headers['anthropic-beta']).toBe('extended-cache-ttl-2025-04-11');
  expect(req.body).toContain('"cache_control":{"type":"ephemeral","ttl":"1h"}');

  // Remembered, and read back from storage after a reload.
  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.byId('thread-params')).toContainText('cache 1 h');
  await expect(app.byId('thread-cache')).toContainText('cache hits');
  await expect(app.byId('thread-cache-saved')).toHaveText('saved $0.00349');
});

test('the default in Settings applies to Claude threads; OpenAI-format threads cache by themselves', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.byId('settings-open').click();
  await expect(app.byId('settings-default-cache-mode')).toHaveValue('off');
  await app.byId('settings-default-cache-mode').selectOption('1h');
  await app.closeSettings();

  await app.newThread();
  await app.byId('model-select').selectOption('gpt-4o');
  await app.byId('thread-params').click();
  await expect(app.byId('params-panel')).toContainText('OpenAI format caches long prompts by itself');
  await expect(app.byId('cache-mode')).toHaveCount(0);
  h.gateway.queue(openaiText('Cached automatically.', { usage: { prompt: 5_000, completion: 20, cached: 4_096 } }));
  await app.send('Hi');
  await answered(app, 1);
  expect(last('/v1/chat/completions').body).not.toContain('cache_control');
  const usage = app.lastAssistant().getByTestId('usage-cache');
  await expect(usage).toContainText('4,096 cached');
  await expect(usage).not.toContainText('cache write');
  await expect(app.lastAssistant().getByTestId('message-usage')).toContainText('5,000 in');
  await expect(app.byId('thread-cache')).toContainText('81.9% cache hits');

  await app.byId('model-select').selectOption(CLAUDE);
  await expect(app.byId('thread-params')).toContainText('cache 1 h');
  await expect(app.byId('cache-mode')).toHaveValue('');
  h.gateway.queue(anthropicText('Defaulted.'));
  await app.send('Again');
  await answered(app, 2);
  expect(last('/v1/messages').headers['anthropic-beta']).toBe('extended-cache-ttl-2025-04-11');
});
