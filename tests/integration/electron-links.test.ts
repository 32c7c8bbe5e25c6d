// yibu:// links in the desktop app: the BUILT main.cjs under the Electron stand-in registers itself as the
// protocol's handler, and a link that reaches it (the argv of the launch, the argv of a second instance on
// Windows and Linux, 'open-url' on macOS) brings the window forward at that message: main sets the page's
// fragment `#/thread/…/message/…`, which the renderer opens (renderer/stores/search-actions.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadMain, type LoadedMain } from '../fixtures/electron-standin/load-main';

const launched: Array<{ m: LoadedMain; dir: string }> = [];
async function launch(extra: string[] = []): Promise<LoadedMain> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-electron-links-'));
  const m = await loadMain({ args: [`--data-dir=${dir}`, ...extra] });
  launched.push({ m, dir });
  return m;
}
afterEach(async () => {
  for (const { m, dir } of launched.splice(0)) {
    if (!m.standin.app.hasEnded()) await m.quit();
    rmSync(dir, { recursive: true, force: true });
  }
});

const APP_PAGE = 'app://yibu/index.html';

describe('yibu:// links', () => {
  it('registers the app as the handler of yibu://', async () => {
    const m = await launch();
    expect(m.standin.app.isDefaultProtocolClient('yibu')).toBe(true);
    expect(m.window.webContents.getURL()).toBe(APP_PAGE);
  });

  it('opens the window at the message a link in the launch argv names', async () => {
    const m = await launch(['yibu://thread/t-1/message/m-9']);
    expect(m.window.webContents.getURL()).toBe(`${APP_PAGE}#/thread/t-1/message/m-9`);
  });

  it('a second instance started for a link brings the window forward, restored, at that message', async () => {
    const m = await launch();
    m.window.minimize();
    const focused = m.window.focusCount;
    m.standin.app.secondInstance(['/usr/bin/yibu-chat', '--no-sandbox', 'yibu://thread/a%2Fb/message/%E6%B6%88'], '/home/user');
    expect(m.window.webContents.getURL()).toBe(`${APP_PAGE}#/thread/a%2Fb/message/%E6%B6%88`);
    expect(m.window.isMinimized()).toBe(false);
    expect(m.window.isVisible()).toBe(true);
    expect(m.window.focusCount).toBe(focused + 1);
    // a second start without a link only brings the window forward
    m.standin.app.secondInstance(['/usr/bin/yibu-chat'], '/home/user');
    expect(m.window.webContents.getURL()).toBe(`${APP_PAGE}#/thread/a%2Fb/message/%E6%B6%88`);
    expect(m.window.focusCount).toBe(focused + 2);
  });

  it("macOS 'open-url' opens the link (the event is taken); anything else that is not a link changes nothing", async () => {
    const m = await launch();
    expect(m.standin.app.openUrl('yibu://thread/t-2/message/m-3')).toBe(true);
    expect(m.window.webContents.getURL()).toBe(`${APP_PAGE}#/thread/t-2/message/m-3`);
    for (const bad of ['yibu://settings', 'yibu://thread/x', 'https://example.com/#/thread/a/message/b']) m.standin.app.openUrl(bad);
    m.standin.app.secondInstance(['/usr/bin/yibu-chat', 'https://example.com/#/thread/a/message/b', '#/thread/a/message/b'], '/');
    expect(m.window.webContents.getURL()).toBe(`${APP_PAGE}#/thread/t-2/message/m-3`);
  });
});
