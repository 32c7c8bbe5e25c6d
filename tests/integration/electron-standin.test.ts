// The stand-in does what Electron does when main gets something wrong (Electron's defaults are
// permissive), so that electron-main.test.ts's lock-down checks are able to fail.
import { describe, expect, it } from 'vitest';
import { createElectronStandin } from '../fixtures/electron-standin';

describe('the stand-in', () => {
  it('grants permissions and new windows by default, as Electron does without handlers', async () => {
    const s = createElectronStandin();
    s.app.makeReady();
    const win = new s.BrowserWindow({ show: false });
    expect(await s.session.requestPermission(win.webContents, 'media')).toBe(true);
    expect(s.session.checkPermission(win.webContents, 'media', 'app://yibu')).toBe(true);
    expect(win.webContents.openWindow('https://example.com/')).toEqual({ action: 'allow' });
    expect(win.webContents.navigate('https://example.com/')).toBe(false);
  });

  it('refuses what Electron refuses: a second handler, early or late calls', () => {
    const s = createElectronStandin();
    expect(() => s.electron.session.defaultSession).toThrow(/ready/);
    expect(() => s.protocol.handle('app', () => new Response(''))).toThrow(/ready/);
    expect(s.electron.safeStorage.getSelectedStorageBackend()).toBe('unknown');
    s.app.makeReady();
    expect(() => s.app.enableSandbox()).toThrow(/before app is ready/);
    expect(() => s.protocol.registerSchemesAsPrivileged([{ scheme: 'x' }])).toThrow(/before app is ready/);
    s.ipcMain.handle('a', () => 1);
    expect(() => s.ipcMain.handle('a', () => 2)).toThrow(/second handler/);
  });

  it('quits when the last window closes unless window-all-closed is handled; quit can be held', async () => {
    const s = createElectronStandin();
    s.app.makeReady();
    new s.BrowserWindow().close();
    expect(await s.app.ended$).toBe(0);

    const held = createElectronStandin();
    held.app.makeReady();
    held.app.once('before-quit', (e: { preventDefault(): void }) => e.preventDefault());
    held.app.quit();
    await new Promise((r) => setImmediate(r));
    expect(held.app.hasEnded()).toBe(false);
    held.app.quit();
    expect(await held.app.ended$).toBe(0);
  });
});
