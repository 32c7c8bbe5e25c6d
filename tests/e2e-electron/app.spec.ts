// The happy path in the real desktop shell through Playwright's _electron. Where Electron's binary
// was not downloaded (ELECTRON_SKIP_BINARY_DOWNLOAD, as in CI here) it skips, saying so.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { openaiLong, openaiText } from '../fixtures/gateway/scenarios';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { AppPage } from '../e2e/pages/app-page';
import { electronBinary } from '../../electron/scripts/lib.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');


const binary = electronBinary();
test.skip(!binary, 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); the same flow runs in browser mode in tests/e2e.');

let gateway: Gateway;
let dataDir: string;
test.beforeAll(async () => {
  gateway = await startGateway({ demo: false });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-electron-'));
});
test.afterAll(async () => {
  await gateway?.close();
});

async function launch(): Promise<ElectronApplication> {
  return electron.launch({
    executablePath: binary!,
    args: [path.join(ROOT, 'dist/electron/main.cjs'), `--data-dir=${dataDir}`, `--base-url=${gateway.url}`, '--no-sandbox'],
    cwd: ROOT,
  });
}

test('desktop: secure window, key, chat, stop, restart', async () => {
  let app = await launch();
  const page = await app.firstWindow();
  const ui = new AppPage(page);

  // The renderer has the contract's API and nothing of Node.
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { process?: unknown }).process)).toBe('undefined');
  expect(await page.evaluate(() => typeof (window as unknown as { api: Record<string, unknown> }).api['chat.send'])).toBe('function');
  // Navigation away from the app is refused by the security block.
  await page.evaluate(() => {
    window.location.href = 'https://example.invalid/';
  });
  await expect(ui.byId('thread-new')).toBeVisible();
  expect(page.url()).toMatch(/^app:\/\/yibu\//);

  await ui.configure({ apiKey: 'sk-electron-e2e-4242' });
  await ui.testConnection();
  await ui.closeSettings();
  await ui.newThread();
  gateway.queue(openaiText('Hello from the desktop app.'));
  await ui.send('Hello');
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'done');
  await expect(ui.lastAssistant().getByTestId('message-text')).toContainText('Hello from the desktop app.');

  gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 40 }));
  await ui.send('Something long');
  await expect(ui.lastAssistant().getByTestId('message-text')).not.toBeEmpty();
  await ui.byId('composer-stop').click();
  await expect(ui.lastAssistant()).toHaveAttribute('data-status', 'stopped');

  await app.close();
  app = await launch();
  const again = new AppPage(await app.firstWindow());
  await expect(again.byId('thread-item')).toHaveCount(1);
  await again.byId('thread-item').first().click();
  await expect(again.messages()).toHaveCount(4);
  await again.removeKeyIfStored();
  await app.close();
});
