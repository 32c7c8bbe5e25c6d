// Export and import through the UI: a thread exported as our JSON (a real download) comes back whole in
// a fresh app through the import file input; a hostile file is refused with a translated reason and
// nothing appears in the list.
import { readFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startApp, startHarness, type AppProcess, type Harness } from './harness';
import { AppPage } from './pages/app-page';

const KEY = 'sk-e2e-export-canary-4242';
let h: Harness;
let fresh: AppProcess | null = null;
test.beforeEach(async () => {
  h = await startHarness({ apiKey: KEY });
});
test.afterEach(async () => {
  await fresh?.stop();
  fresh = null;
  await h.close();
});

test('a thread exported as JSON imports whole into a fresh app; a hostile file is refused', async ({ page }) => {
  const app = new AppPage(page);
  await page.goto(h.app.url);
  await app.newThread();
  h.gateway.queue(openaiText(`Exported answer. ${KEY}`));
  await app.send('Please export me');
  await expect(app.lastAssistant()).toHaveAttribute('data-status', 'done');

  const download = page.waitForEvent('download');
  await app.byId('export-thread').selectOption('json');
  const file = await download;
  expect(file.suggestedFilename()).toBe('Please export me.yibu.json');
  const saved = path.join(mkdtempSync(path.join(os.tmpdir(), 'yibu-export-')), file.suggestedFilename());
  await file.saveAs(saved);
  const text = readFileSync(saved, 'utf8');
  expect(text).not.toContain(KEY);

  const md = page.waitForEvent('download');
  await app.byId('export-all').selectOption('markdown');
  expect((await md).suggestedFilename()).toMatch(/\.zip$/);

  fresh = await startApp({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-import-')), baseUrl: h.gateway.url });
  await page.goto(fresh.url);
  await expect(app.byId('thread-item')).toHaveCount(0);

  // A hostile copy: an attachment-free file with a thread whose message id appears twice.
  const hostile = JSON.parse(text) as { threads: Array<{ messages: unknown[] }> };
  hostile.threads[0]!.messages.push(hostile.threads[0]!.messages[0]);
  await app.byId('import-file-input').setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
  await expect(app.byId('notice')).toContainText('Nothing was imported: the file has the same id twice');
  await expect(app.byId('thread-item')).toHaveCount(0);

  await app.byId('import-file-input').setInputFiles(saved);
  await expect(app.byId('thread-item')).toHaveCount(1);
  await expect(app.byId('thread-item')).toContainText('Please export me');
  await app.byId('thread-item').click();
  await expect(app.messages()).toHaveCount(2);
  await expect(app.lastAssistant().getByTestId('message-text')).toContainText('Exported answer.');
});
