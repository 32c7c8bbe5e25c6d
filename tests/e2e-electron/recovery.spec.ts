// Crash and reload in the desktop shell: Ctrl+R mid-answer keeps the answer live (the window keeps its
// webContents, so its client id, and takes the answer over with chat.attach), and a second start on the
// same data folder quits, naming the folder. Skips where Electron's binary is absent, like app.spec.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { openaiText } from '../fixtures/gateway/scenarios';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { AppPage } from '../e2e/pages/app-page';
import { electronBinary } from '../../electron/scripts/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');


const binary = electronBinary();
test.skip(!binary, 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); tests/e2e/recovery.spec.ts covers browser mode.');

let gateway: Gateway;
let dataDir: string;
let app: ElectronApplication | null = null;
test.beforeEach(async () => {
  gateway = await startGateway({ demo: false });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-electron-'));
});
test.afterEach(async () => {
  await app?.close();
  app = null;
  await gateway?.close();
});

const args = () => [path.join(ROOT, 'dist/electron/main.cjs'), `--data-dir=${dataDir}`, `--base-url=${gateway.url}`, '--no-sandbox'];
const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i}`).join(' ');

test('desktop: Ctrl+R mid-answer, the text keeps growing to the whole answer', async () => {
  app = await electron.launch({ executablePath: binary!, args: args(), cwd: ROOT });
  const page = await app.firstWindow();
  const ui = new AppPage(page);
  await ui.configure({ apiKey: 'sk-electron-reload-7310' });
  await ui.closeSettings();
  await ui.newThread();
  const full = words(240);
  gateway.queue(openaiText(full, { delayMs: 30 }));
  await ui.send('Stream while I reload');
  const text = () => ui.lastAssistant().getByTestId('message-text');
  await expect.poll(async () => ((await text().count()) ? ((await text().textContent()) ?? '').length : 0)).toBeGreaterThan(60);

  await page.reload();
  await ui.byId('thread-item').first().click();
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'streaming');
  const atReload = ((await text().textContent()) ?? '').trim();
  await expect.poll(async () => ((await text().textContent()) ?? '').trim().length).toBeGreaterThan(atReload.length);
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(text()).toHaveText(full);
  await ui.removeKeyIfStored();
});

test('desktop: a second start on the same data folder quits and says the app is running', async () => {
  app = await electron.launch({ executablePath: binary!, args: args(), cwd: ROOT });
  await app.firstWindow();
  const second = spawn(binary!, args(), { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  second.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const code = await new Promise<number | null>((resolve) => second.once('exit', (c) => resolve(c)));
  expect(code).toBe(0);
  expect(stderr).toContain(`Yibu Chat is already running with this data folder (${dataDir})`);
  // The first instance is untouched.
  expect(app.windows()).toHaveLength(1);
});
