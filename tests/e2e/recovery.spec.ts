// Off the happy path: the app killed mid-answer, the page reloaded mid-answer, a second start on the same
// data folder. Each costs nothing but the last instant of text.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { expect, test, type WebSocketRoute } from '@playwright/test';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startApp, startHarness, type AppProcess, type Harness } from './harness';
import { AppPage } from './pages/app-page';

const KEY = 'sk-e2e-recovery-5521';
/** Plain words, so the rendered text is the streamed text exactly. */
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

let h: Harness;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: KEY });
});
test.afterEach(async () => {
  await h.close();
});

/** This spec runs in the browser project only (playwright.config.ts), where the harness's app is a process. */
function kill(launched: Harness['app']): Promise<void> {
  const app = launched as AppProcess;
  return new Promise((resolve) => {
    app.child.once('exit', () => resolve());
    app.child.kill('SIGKILL');
  });
}

/** What the app has written of the answer so far (the database, read as another process would). */
function storedAnswerText(dataDir: string): string {
  const db = new Database(path.join(dataDir, 'yibu-chat.db'), { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT search_text FROM messages WHERE role = 'assistant' ORDER BY seq DESC LIMIT 1`).get() as
      | { search_text: string }
      | undefined;
    return row?.search_text ?? '';
  } finally {
    db.close();
  }
}

test('kill -9 mid-answer: after a restart the answer is interrupted with its text, and Retry finishes it', async ({ page }) => {
  const app = new AppPage(page);
  const full = words(600);
  h.gateway.queue(openaiText(full, { delayMs: 25 }));
  await page.goto(h.app.url);
  await app.newThread();
  await app.send('Tell me a long story');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  // Wait until part of the answer is on disk (writes are coalesced), then kill the process outright.
  await expect.poll(() => storedAnswerText(h.dataDir).length, { timeout: 15_000 }).toBeGreaterThan(20);
  await kill(h.app);

  h.app = await startApp({ dataDir: h.dataDir, apiKey: KEY, baseUrl: h.gateway.url });
  await page.goto(h.app.url);
  await app.byId('thread-item').first().click();
  const answer = app.lastAssistant();
  await expect(answer).toHaveAttribute('data-status', 'interrupted');
  await expect(answer.getByTestId('message-status')).toHaveText('Interrupted');
  await expect(answer.getByTestId('message-text')).toContainText('w0 w1 w2 w3');
  const partial = ((await answer.getByTestId('message-text').textContent()) ?? '').trim();
  expect(partial.length).toBeGreaterThan(20);
  expect(partial.length).toBeLessThan(full.length);
  expect(full.startsWith(partial)).toBe(true);

  h.gateway.queue(openaiText('Finished after the crash.', { delayMs: 20 }));
  await answer.getByTestId('message-retry').click();
  await expect(answer).toHaveAttribute('data-status', 'done');
  await expect(answer.getByTestId('message-text')).toHaveText('Finished after the crash.');
  await expect(app.messages()).toHaveCount(2);
});

test('reload mid-answer: the text keeps growing and ends done with the whole answer', async ({ page }) => {
  const app = new AppPage(page);
  const full = words(240);
  h.gateway.queue(openaiText(full, { delayMs: 30 }));
  await page.goto(h.app.url);
  await app.newThread();
  await app.send('Stream while I reload');
  const text = () => app.lastAssistant().getByTestId('message-text');
  await expect.poll(async () => ((await text().count()) ? ((await text().textContent()) ?? '').length : 0)).toBeGreaterThan(60);

  await page.reload();
  await app.byId('thread-item').first().click();
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const atReload = ((await text().textContent()) ?? '').trim();
  expect(full.startsWith(atReload)).toBe(true);
  // Live deltas arrive after the reload, not only a final state read back from storage.
  await expect.poll(async () => ((await text().textContent()) ?? '').trim().length).toBeGreaterThan(atReload.length);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(text()).toHaveText(full);
});

test('the socket drops mid-answer and reconnects by itself: the answer goes on live to its end', async ({ page }) => {
  const app = new AppPage(page);
  const sockets: { page: WebSocketRoute; server: WebSocketRoute }[] = [];
  await page.routeWebSocket(/\/ws/, (ws) => {
    sockets.push({ page: ws, server: ws.connectToServer() });
  });
  const full = words(240);
  h.gateway.queue(openaiText(full, { delayMs: 30 }));
  await page.goto(h.app.url);
  await app.newThread();
  await app.send('Stream while the connection drops');
  const text = () => app.lastAssistant().getByTestId('message-text');
  await expect.poll(async () => ((await text().count()) ? ((await text().textContent()) ?? '').length : 0)).toBeGreaterThan(60);

  const first = sockets[0]!;
  await first.server.close();
  await first.page.close();
  await expect.poll(() => sockets.length).toBe(2);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const atReconnect = ((await text().textContent()) ?? '').trim();
  await expect.poll(async () => ((await text().textContent()) ?? '').trim().length).toBeGreaterThan(atReconnect.length);
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(text()).toHaveText(full);
});

test('a second tab that opens the thread mid-answer follows it live to the whole answer', async ({ page, context }) => {
  const app = new AppPage(page);
  const full = words(200);
  h.gateway.queue(openaiText(full, { delayMs: 30 }));
  // The second tab is open before the answer starts: it learns of the answer only when it opens the thread.
  const tab = new AppPage(await context.newPage());
  await tab.page.goto(h.app.url);
  await page.goto(h.app.url);
  await app.newThread();
  await app.send('Two tabs');
  await expect.poll(async () => ((await app.lastAssistant().getByTestId('message-text').textContent()) ?? '').length).toBeGreaterThan(40);

  await tab.byId('thread-item').first().click();
  const text = () => tab.lastAssistant().getByTestId('message-text');
  await expect(tab.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const atOpen = ((await text().textContent()) ?? '').trim();
  expect(full.startsWith(atOpen)).toBe(true);
  await expect.poll(async () => ((await text().textContent()) ?? '').trim().length).toBeGreaterThan(atOpen.length);
  await expect(tab.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(text()).toHaveText(full);
  await expect(app.lastAssistant().getByTestId('message-text')).toHaveText(full);
});

test('one instance per data folder: a second start names the running URL; a killed one’s lock is taken over', async () => {
  await expect(startApp({ dataDir: h.dataDir, apiKey: KEY })).rejects.toThrow(
    `browser mode exited (3): Yibu Chat is already running on this data folder (${h.dataDir}): ${h.app.url}`,
  );
  await kill(h.app);
  const lockFile = path.join(h.dataDir, 'browser-mode.lock');
  expect(existsSync(lockFile)).toBe(true); // left behind by the killed process: stale
  h.app = await startApp({ dataDir: h.dataDir, apiKey: KEY, baseUrl: h.gateway.url });
  expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: (h.app as AppProcess).child.pid, url: h.app.url });

  // A different data folder is a different instance.
  const otherDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-'));
  const other = await startApp({ dataDir: otherDir, apiKey: KEY });
  await other.stop();
  rmSync(otherDir, { recursive: true, force: true });
});
