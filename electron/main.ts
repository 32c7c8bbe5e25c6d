// Electron entry: lifecycle, the window, one marked security block, and wiring of the core.
import { app, BrowserWindow, Menu, net, protocol, screen, session, shell, type MenuItemConstructorOptions } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Settings } from '../shared/domain';
import { messageLinkPath, parseMessageLink, type MessageLink } from '../shared/message-link';
import { isSafeExternalUrl } from '../shared/url';
import { createCore, type Core } from './core/core';
import { createFileLogger } from './core/logger';
import { Redactor } from './core/redact';
import { createElectronPlatform, safeStorage } from './platform/electron';
import { createSecretStore } from './secrets';
import { contentSecurityPolicy } from './transport/csp';
import { attachWindow, registerIpc } from './transport/electron-ipc';
import { APP_ORIGIN } from './transport/sender';
import { resolveStaticFile } from './transport/web-static';
import { menuLanguage, menuTemplate, type MenuItem } from './menu';
import { loadWindowState, saveWindowState, WINDOW_STATE_FILE } from './window-state';

const RENDERER_DIR = path.join(__dirname, '..', 'renderer');
const PRELOAD = path.join(__dirname, 'preload.cjs');
const demo = process.argv.includes('--demo');
const argValue = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
// --base-url= and --data-dir= mirror browser mode's flags (used by the Electron e2e specs). A packaged
// app ignores both: a shortcut with extra arguments must not redirect the key or the data.
const devFlag = (name: string) => (app.isPackaged ? undefined : argValue(name));
const baseUrlArg = devFlag('base-url') ?? (demo ? process.env.YIBU_DEMO_BASE_URL : undefined);
const dataDirArg = devFlag('data-dir');

if (dataDirArg) app.setPath('userData', path.resolve(dataDirArg));
// Demo threads live apart from real ones.
else if (demo) app.setPath('userData', `${app.getPath('userData')} Demo`);

// One instance per data folder (the lock lives in userData, so it is set above): a second start brings
// the running window forward and quits.
const primaryInstance = app.requestSingleInstanceLock();
if (!primaryInstance) {
  console.error(`Yibu Chat is already running with this data folder (${app.getPath('userData')}); its window was brought to the front.`);
  app.quit();
}
app.on('second-instance', (_event, argv: string[]) => {
  // Windows and Linux start a second instance for a yibu:// link, with the link in its argv.
  const link = linkInArgv(argv);
  if (link) return openMessageLink(link);
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
});

// Links to a message (`yibu://thread/<id>/message/<id>`, shared/message-link.ts): this app is the
// protocol's handler. macOS hands a link over with 'open-url' (also for the launch it causes); Windows and
// Linux put it in the argv of the launch or of the second instance. The window is told by its address:
// main sets the fragment `#/thread/…/message/…`, which the renderer opens on load and on every change
// (renderer/stores/search-actions.ts watchMessageLinks), as browser mode's links do.
/** a link that came before the window was there: the window opens at it */
let pendingLink: MessageLink | null = null;

/** Only the protocol's own links: never a flag, a file or a web address that happens to parse. */
const yibuLink = (text: string): MessageLink | null => (text.toLowerCase().startsWith('yibu://') ? parseMessageLink(text) : null);

function linkInArgv(argv: readonly string[]): MessageLink | null {
  for (const arg of argv) {
    const link = yibuLink(arg);
    if (link) return link;
  }
  return null;
}

const windowUrl = (link: MessageLink | null) => `${APP_ORIGIN}/index.html${link ? `#${messageLinkPath(link)}` : ''}`;

function openMessageLink(link: MessageLink): void {
  const win = BrowserWindow.getAllWindows()[0];
  if (!win) {
    pendingLink = link; // before the window (a launch by the link), or after the last closed on macOS
    if (core && app.isReady()) createWindow(core);
    return;
  }
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
  // a change of fragment only: the page stays and opens the link (hashchange)
  void win.loadURL(windowUrl(link));
}

pendingLink = linkInArgv(process.argv);
if (primaryInstance) {
  // Unpackaged (npm start), the OS must start Electron with this app's script for the link to reach it.
  if (process.defaultApp && process.argv[1]) app.setAsDefaultProtocolClient('yibu', process.execPath, [path.resolve(process.argv[1])]);
  else app.setAsDefaultProtocolClient('yibu');
}
app.on('open-url', (event, url) => {
  event.preventDefault();
  const link = yibuLink(url);
  if (link) openMessageLink(link);
});

protocol.registerSchemesAsPrivileged([
  { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);

//#region Security related measures — keep every rule here; do not loosen one without review.
const CSP = contentSecurityPolicy();

app.enableSandbox();

const SECURE_WEB_PREFERENCES = {
  preload: PRELOAD,
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  spellcheck: true,
} as const;

app.on('web-contents-created', (_event, contents) => {
  // No new windows and no navigation away from the app; links go through shell.openExternal.
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!url.startsWith(`${APP_ORIGIN}/`)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

function lockDownSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // The renderer is served by our own handler, from the built files only, with a strict CSP.
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    if (`${url.protocol}//${url.host}` !== APP_ORIGIN) return new Response('Not found', { status: 404 });
    // a malformed escape is a 400 for this request, never a throw out of the handler
    const target = resolveStaticFile(RENDERER_DIR, url.pathname);
    if ('status' in target) return new Response('Not found', { status: target.status });
    const res = await net.fetch(pathToFileURL(target.file).toString());
    const headers = new Headers(res.headers);
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    return new Response(res.body, { status: res.status, headers });
  });
}
//#endregion

let core: Core | null = null;

async function start(): Promise<void> {
  if (!primaryInstance) return;
  lockDownSession();
  const userDataDir = app.getPath('userData');
  const redactor = new Redactor();
  const envKey = demo ? process.env.YIBU_API_KEY?.trim() : undefined;
  delete process.env.YIBU_API_KEY; // read once; nothing the app spawns inherits it
  redactor.add(envKey);
  const logger = createFileLogger(path.join(userDataDir, 'logs'), redactor);
  const secrets = await createSecretStore({ userDataDir, envApiKey: envKey, logger, safeStorage });
  const platform = createElectronPlatform({ secrets, logger, userDataDir });
  core = await createCore(platform, { redactor, demo, baseUrl: baseUrlArg });
  registerIpc(core);
  await setAppMenu(core);
  createWindow(core);
}

/** The native menu in the app's language (Settings' language, else the system's). */
async function setAppMenu(c: Core): Promise<void> {
  const res = await c.call('settings.get', {}, { clientId: 'main' });
  const locale: Settings['locale'] = res.ok ? (res.value as Settings).locale : 'system';
  const lang = menuLanguage(locale, app.getPreferredSystemLanguages()[0] ?? app.getLocale());
  const toElectron = (items: MenuItem[]): MenuItemConstructorOptions[] =>
    items.map(({ link, submenu, ...item }) => ({
      ...(item as MenuItemConstructorOptions),
      ...(submenu ? { submenu: toElectron(submenu) } : {}),
      ...(link && isSafeExternalUrl(link) ? { click: () => void shell.openExternal(link) } : {}),
    }));
  Menu.setApplicationMenu(Menu.buildFromTemplate(toElectron(menuTemplate(lang, process.platform, { devTools: !app.isPackaged }))));
}

function createWindow(c: Core): void {
  // Size and place as the user left them, fitted to today's displays.
  const stateFile = path.join(app.getPath('userData'), WINDOW_STATE_FILE);
  const state = loadWindowState(stateFile, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: 720,
    minHeight: 480,
    title: 'Yibu Chat',
    show: false,
    webPreferences: SECURE_WEB_PREFERENCES,
  });
  attachWindow(c, win.webContents);
  if (state.maximized) win.maximize();
  win.on('close', () => {
    try {
      saveWindowState(stateFile, { ...win.getNormalBounds(), maximized: win.isMaximized() });
    } catch (err) {
      console.error('Saving the window state failed:', err);
    }
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(windowUrl(pendingLink));
  pendingLink = null;
}

app.whenReady().then(start, (err: unknown) => {
  console.error('Yibu Chat failed to start:', err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('activate', () => {
  if (core && BrowserWindow.getAllWindows().length === 0) createWindow(core);
});

let quitting = false;
app.on('before-quit', (event) => {
  if (quitting || !core) return;
  event.preventDefault();
  quitting = true;
  void core.close().finally(() => app.quit());
});
