// The API key never reaches the renderer, a log or the database: a canary key is configured,
// used, and echoed back by a hostile gateway error; then every place it could leak is searched.
// Runs in both transports (browser mode and the desktop path; see playwright.config.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { expect } from '@playwright/test';
import { error, openaiText } from '../fixtures/gateway/scenarios';
import { rendererTraffic, startHarness, test, type Harness } from './harness';
import { AppPage } from './pages/app-page';

const CANARY = `sk-canary-${Math.random().toString(36).slice(2)}${Date.now().toString(36)}`;

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness();
});
test.afterEach(async () => {
  await h.close();
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

test('the canary key is found nowhere but in the gateway’s auth header', async ({ page }) => {
  // What main sent the renderer: WebSocket frames in browser mode, IPC results and events on the desktop.
  const received = rendererTraffic(page);
  const app = new AppPage(page);
  await page.goto(h.app.url);

  await app.configure({ apiKey: CANARY });
  await app.testConnection();
  await app.closeSettings();
  await app.byId('balance-refresh').click();
  await expect(app.byId('balance')).toContainText('17.66');

  await app.newThread();
  h.gateway.queue(openaiText('A normal answer.'));
  await app.send('hello');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  // A gateway that echoes the key in its error message, as some do.
  h.gateway.queue(error(401, { error: { message: `Incorrect API key provided: ${CANARY}`, type: 'invalid_request_error' } }));
  await app.send('again');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'error');
  await expect(app.lastAssistant().getByTestId('message-error')).toBeVisible();

  // Restart so the database and logs are flushed and re-read.
  const { url } = await h.restart();
  await page.goto(url);
  await app.byId('thread-item').first().click();
  await expect(app.messages()).toHaveCount(4);

  const dom = await page.content();
  const storage = await page.evaluate(() => JSON.stringify({ local: { ...localStorage }, session: { ...sessionStorage } }));
  const idb = await page.evaluate(async () => JSON.stringify(await indexedDB.databases()));
  const cookies = JSON.stringify(await page.context().cookies());
  expect(received.length).toBeGreaterThan(10);
  const places: Record<string, string> = { dom, storage, idb, cookies, frames: received.join('\n') };
  for (const file of filesUnder(h.dataDir)) places[file] = readFileSync(file).toString('latin1');
  expect(Object.keys(places).some((p) => p.endsWith('yibu-chat.db'))).toBe(true);
  expect(Object.keys(places).some((p) => p.endsWith('main.log'))).toBe(true);
  const hits = Object.entries(places)
    .filter(([, text]) => text.includes(CANARY))
    .map(([where]) => where);
  expect(hits).toEqual([]);

  // The gateway did see it, where it belongs.
  expect(h.gateway.requests.some((r) => r.headers.authorization === `Bearer ${CANARY}`)).toBe(true);

  await app.removeKeyIfStored();
});
