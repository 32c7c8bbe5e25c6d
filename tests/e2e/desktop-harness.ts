// The desktop transport for the Chromium specs: the BUILT main.cjs runs in this Node process under the
// Electron stand-in, and Chromium plays its window. Every page request is answered by main's REGISTERED
// app:// handler; the REAL preload bundle runs in the page before the app's scripts, and its
// ipcRenderer reaches main's ipcMain handlers (with their sender check) through a page binding, while
// webContents.send comes back into the page. The page's origin stands for app://yibu.
import { existsSync } from 'node:fs';
import type { Frame, Page, Route } from '@playwright/test';
import { loadMain, type LoadedMain } from '../fixtures/electron-standin/load-main';
import { DELIVER_FUNCTION, INVOKE_BINDING, preloadInitScript } from '../fixtures/electron-standin/preload-side';
import type { SentMessage, StandinFrame } from '../fixtures/electron-standin';

/** A made-up origin Playwright intercepts entirely: the page's stand-in for app://yibu. */
export const DESKTOP_ORIGIN = 'http://yibu.desktop.test';
const APP_ORIGIN = 'app://yibu';

/** The page playing the window, and the app whose window it plays (one at a time, like a launch). */
let windowPage: Page | null = null;
let running: LoadedMain | null = null;
/** everything the renderer received from main (invoke results and events), as JSON */
let received: string[] = [];
let deliveries: Promise<void> = Promise.resolve();

/** Makes `page` the desktop window: call before the page loads the app (the e2e `page` fixture does). */
export async function installDesktopBridge(page: Page): Promise<void> {
  windowPage = page;
  received = [];
  invokes = 0;
  sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.route(`${DESKTOP_ORIGIN}/**`, (route) => serve(route));
  await page.exposeBinding(INVOKE_BINDING, (source: { frame: Frame }, channel: string, args: unknown[]) => invokeFrom(source.frame, channel, args));
  await applyPreload();
}

/** The preload main configured for its window, if that file exists (Electron logs "Unable to load
 * preload script" and loads the page without it otherwise), runs in the page before its scripts. */
let preloadScript: { app: LoadedMain; page: Page; dispose(): Promise<void> } | null = null;
async function applyPreload(): Promise<void> {
  const app = running;
  const page = windowPage;
  if (!app || !page || page.isClosed() || (preloadScript?.app === app && preloadScript.page === page)) return;
  await preloadScript?.dispose().catch(() => undefined);
  preloadScript = null;
  const prefs = app.window.options.webPreferences as { preload?: unknown } | undefined;
  const file = typeof prefs?.preload === 'string' ? prefs.preload : null;
  if (!file || !existsSync(file)) {
    console.warn(`desktop: Unable to load preload script: ${String(file)}`);
    return;
  }
  const script = await page.addInitScript({ content: preloadInitScript(file) });
  preloadScript = { app, page, dispose: () => script.dispose() };
}

let invokes = 0;
let sockets: string[] = [];

/** After a test: the page really used the desktop path (IPC through the preload) and nothing of
 * browser mode (its WebSocket), so a renderer call that exists only in browser mode fails the test. */
export function assertDesktopPathUsed(): void {
  if (sockets.length > 0) throw new Error(`the desktop renderer opened a WebSocket (${sockets.join(', ')}): it must use window.api`);
  if (invokes === 0) throw new Error('no call reached main through the preload: the page did not use window.api');
}

/** What the renderer received over IPC so far (the desktop counterpart of WebSocket frames). */
export function desktopTraffic(): string[] {
  return received;
}

export interface DesktopApp {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

/** Launches main like `electron dist/electron/main.cjs --data-dir=… [--base-url=…]`. An apiKey is set
 * through main's own key.set route (browser mode takes it from the environment; the desktop app
 * does not), and removed again when the app stops. */
export async function startDesktopApp(opts: { dataDir: string; baseUrl?: string; apiKey?: string }): Promise<DesktopApp> {
  const args = [`--data-dir=${opts.dataDir}`];
  if (opts.baseUrl) args.push(`--base-url=${opts.baseUrl}`);
  const app = await loadMain({ args });
  running = app;
  app.window.webContents.on('standin:sent', (msg: SentMessage) => deliver(app, msg));
  await applyPreload();
  if (opts.apiKey) await mustSucceed(app.invoke('key.set', { key: opts.apiKey }), 'key.set');
  const loaded = app.window.webContents.getURL();
  if (!loaded.startsWith(`${APP_ORIGIN}/`)) throw new Error(`main loaded ${loaded}, not a page of ${APP_ORIGIN}`);
  return {
    url: `${DESKTOP_ORIGIN}${loaded.slice(APP_ORIGIN.length)}`,
    origin: DESKTOP_ORIGIN,
    async stop() {
      if (app.standin.app.hasEnded()) return;
      if (opts.apiKey) await app.invoke('key.remove', {});
      // The window closes with the app: its page goes away before main finishes quitting.
      if (running === app) running = null;
      if (windowPage?.url().startsWith(DESKTOP_ORIGIN)) await windowPage.goto('about:blank').catch(() => undefined);
      await app.quit();
    },
  };
}

async function mustSucceed(call: Promise<unknown>, what: string): Promise<void> {
  const res = (await call) as { ok: boolean; error?: { message: string } };
  if (!res.ok) throw new Error(`${what} failed: ${res.error?.message}`);
}

/** Chromium's request for a page URL, answered by the handler main registered for app://. */
async function serve(route: Route): Promise<void> {
  const app = running;
  if (!app) return route.abort('connectionrefused');
  const url = new URL(route.request().url());
  try {
    const res = await app.standin.protocol.request(`${APP_ORIGIN}${url.pathname}${url.search}`, { method: route.request().method() });
    await route.fulfill({ status: res.status, headers: Object.fromEntries(res.headers), body: Buffer.from(await res.arrayBuffer()) });
  } catch {
    await route.abort('failed');
  }
}

/** The frame as main's sender check sees it: its app:// URL and whether it has a parent. */
function standinFrame(frame: Frame): StandinFrame {
  const url = frame.url();
  const parent = frame.parentFrame();
  return {
    url: url.startsWith(`${DESKTOP_ORIGIN}/`) ? `${APP_ORIGIN}${url.slice(DESKTOP_ORIGIN.length)}` : url,
    parent: parent ? standinFrame(parent) : null,
  };
}

async function invokeFrom(frame: Frame, channel: string, args: unknown[]): Promise<unknown> {
  const app = running;
  if (!app) throw new Error(`Error invoking remote method '${channel}': the app is not running`);
  invokes++;
  const result = await app.standin.ipcMain.invoke(channel, { sender: app.window.webContents, senderFrame: standinFrame(frame) }, ...args);
  received.push(JSON.stringify(result));
  return result;
}

/** webContents.send → the preload's ipcRenderer listeners, in order, while the page shows this app. */
function deliver(app: LoadedMain, msg: SentMessage): void {
  received.push(JSON.stringify(msg));
  const page = windowPage;
  if (!page) return;
  deliveries = deliveries.then(async () => {
    if (running !== app || !page.url().startsWith(DESKTOP_ORIGIN)) return;
    await page
      .evaluate(
        ([name, channel, args]) => (globalThis as unknown as Record<string, (c: string, a: unknown[]) => void>)[name]?.(channel, args),
        [DELIVER_FUNCTION, msg.channel, msg.args] as const,
      )
      .catch(() => undefined); // the page is navigating: like a reloading renderer, it misses this one
  });
}
