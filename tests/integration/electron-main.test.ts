// The desktop entry as shipped: the BUILT dist/electron/main.cjs runs here under the Electron
// stand-in (tests/fixtures/electron-standin), with its real core, SQLite and the mock gateway.
// It checks the window's security settings, the IPC registration against the contract, the app://
// protocol handler, the navigation/permission lock-down, the sender check, and a clean quit.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '../../shared/contract';
import { EVENT_NAMES, ROUTE_NAMES } from '../../shared/contract-names';
import { APP_FRAME, loadMain, PRELOAD_CJS, RENDERER_DIR, ROOT, type LoadedMain } from '../fixtures/electron-standin/load-main';
import { runPreloadInNode } from '../fixtures/electron-standin/preload-side';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { openaiLong } from '../fixtures/gateway/scenarios';

let gateway: Gateway;
let dataDir: string;
let m: LoadedMain;

beforeAll(async () => {
  gateway = await startGateway({ demo: false });
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-electron-main-'));
  m = await loadMain({ args: [`--data-dir=${dataDir}`, `--base-url=${gateway.url}`] });
});
afterAll(async () => {
  if (m && !m.standin.app.hasEnded()) await m.quit();
  await gateway?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

type Ok<T> = { ok: true; value: T };
type Failed = { ok: false; error: { code: string; message: string } };
async function ok<T>(channel: string, input: unknown = {}): Promise<T> {
  const res = (await m.invoke(channel, input)) as Ok<T> | Failed;
  if (!res.ok) throw new Error(`${channel}: ${res.error.code} ${res.error.message}`);
  return res.value;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('the window', () => {
  it('is made with the secure preferences and a preload that exists, and shown once its page loaded', () => {
    const windows = m.standin.windows();
    expect(windows).toHaveLength(1);
    const prefs = windows[0]!.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    // Electron's security checklist, items 2, 9 and 10: nothing turns Node, experimental or Blink features on.
    for (const risky of ['nodeIntegrationInSubFrames', 'experimentalFeatures', 'enableBlinkFeatures']) {
      expect(prefs[risky], risky).toBeFalsy();
    }
    expect(prefs.preload).toBe(PRELOAD_CJS);
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect(m.window.webContents.getURL()).toBe('app://yibu/index.html');
    expect(m.window.isVisible()).toBe(true);
    expect(m.standin.app.record.sandboxEnabled).toBe(true);
    expect(m.standin.protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
  });

  it('keeps its data in the --data-dir folder and talks to the --base-url gateway', async () => {
    expect(m.standin.app.getPath('userData')).toBe(dataDir);
    expect(existsSync(path.join(dataDir, 'yibu-chat.db'))).toBe(true);
    const info = await ok<{ mode: string; version: string }>('app.info');
    expect(info.mode).toBe('electron');
    expect(info.version).toBe((JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version);
    await ok('key.set', { key: 'sk-standin-main-0042' });
    expect(await ok<string[]>('gateway.models')).toContain('gpt-4o');
    expect(gateway.requests.some((r) => r.headers.authorization === 'Bearer sk-standin-main-0042')).toBe(true);
  });
});

describe('IPC', () => {
  it('has exactly one handler for every route of the contract, and none for anything else', () => {
    const contract = Object.keys(routes).sort();
    expect(contract.length).toBeGreaterThan(10);
    expect([...m.standin.ipcMain.channels()].sort()).toEqual(contract);
  });

  it('refuses an invoke from a foreign frame, a sub-frame or no frame before the core sees it', async () => {
    const before = (await ok<unknown[]>('threads.list')).length;
    const refused = [
      { url: 'https://evil.example/index.html', parent: null },
      { url: 'app://yibu.evil/index.html', parent: null },
      { url: 'file:///index.html', parent: null },
      { url: 'app://yibu/index.html', parent: APP_FRAME },
      null,
    ];
    for (const frame of refused) {
      const res = (await m.invoke('threads.create', {}, frame)) as Failed;
      expect(res, JSON.stringify(frame)).toMatchObject({ ok: false, error: { code: 'permission' } });
    }
    expect(await ok<unknown[]>('threads.list')).toHaveLength(before);
    await ok('threads.create', {});
    expect(await ok<unknown[]>('threads.list')).toHaveLength(before + 1);
  });

  it('the built preload exposes exactly the contract as window.api, and only with context isolation', async () => {
    expect(() => runPreloadInNode({ contextIsolated: false })).toThrow(/context isolation/);
    const world = runPreloadInNode({ contextIsolated: true, invoke: (channel, input) => m.invoke(channel, input) });
    expect(Object.keys(world.window)).toEqual(['api']);
    const api = world.window.api as Record<string, unknown> & { on: Record<string, (l: (p: unknown) => void) => () => void> };
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.keys(api).filter((k) => k !== 'on').sort()).toEqual([...ROUTE_NAMES].sort());
    expect(Object.keys(api.on).sort()).toEqual([...EVENT_NAMES].sort());
    // A call goes through ipcRenderer.invoke to main's handler and back.
    const info = (await (api['app.info'] as (i: unknown) => Promise<Ok<{ mode: string }>>)({})).value;
    expect(info.mode).toBe('electron');
    expect(world.invoked).toEqual([{ channel: 'app.info', args: [{}] }]);
    // A subscription receives what main sends and stops when unsubscribed.
    const got: unknown[] = [];
    const off = api.on['threads.changed']!((p) => got.push(p));
    world.send('threads.changed', { thread: { id: 't1' } });
    off();
    world.send('threads.changed', { thread: { id: 't2' } });
    expect(got).toEqual([{ thread: { id: 't1' } }]);
    expect(world.listenerCount('threads.changed')).toBe(0);
  });
});

describe('the app:// protocol', () => {
  const csp = (res: Response) => res.headers.get('content-security-policy') ?? '';

  it('serves index.html and every built file with the CSP and nosniff', async () => {
    const index = await m.standin.protocol.request('app://yibu/index.html');
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await index.text();
    expect(html).toBe(readFileSync(path.join(RENDERER_DIR, 'index.html'), 'utf8'));
    expect(await (await m.standin.protocol.request('app://yibu/')).text()).toBe(html);

    const files = filesUnder(RENDERER_DIR);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    for (const file of files) {
      const rel = path.relative(RENDERER_DIR, file).split(path.sep).join('/');
      const res = await m.standin.protocol.request(`app://yibu/${rel}`);
      expect(res.status, rel).toBe(200);
      expect(csp(res), rel).toContain("default-src 'self'");
      expect(res.headers.get('x-content-type-options'), rel).toBe('nosniff');
      expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(file)), rel).toBe(true);
      if (rel.endsWith('.js')) expect(res.headers.get('content-type'), rel).toMatch(/javascript/);
      if (rel.endsWith('.css')) expect(res.headers.get('content-type'), rel).toMatch(/^text\/css/);
    }
  });

  it('the CSP lets index.html load its own bundle and nothing inline', async () => {
    const res = await m.standin.protocol.request('app://yibu/index.html');
    const policy = new Map(
      csp(res)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values] as const),
    );
    const allows = (directive: string, source: string) => (policy.get(directive) ?? policy.get('default-src') ?? []).includes(source);
    const html = await res.text();
    const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'an inline script would be blocked by the CSP').toBe('');
      const src = /\bsrc="([^"]+)"/.exec(attrs!)?.[1];
      expect(src).toBeDefined();
      // 'self' covers the bundle only if it comes from the app's own origin and is served there.
      const url = new URL(src!, 'app://yibu/index.html');
      expect(url.host).toBe('yibu');
      expect((await m.standin.protocol.request(url.toString())).status).toBe(200);
    }
    expect(allows('script-src', "'self'")).toBe(true);
    if (/<link\b[^>]*rel="stylesheet"/.test(html)) expect(allows('style-src', "'self'")).toBe(true);
    expect(policy.get('object-src')).toEqual(["'none'"]);
    expect(policy.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('does not serve a file outside the built renderer, nor answer a foreign host', async () => {
    const packageJson = readFileSync(path.join(ROOT, 'package.json'), 'utf8');
    const attempts = [
      'app://yibu/../../package.json',
      'app://yibu/%2e%2e/%2e%2e/package.json',
      'app://yibu/%2e%2e%2f%2e%2e%2fpackage.json',
      'app://yibu/..%2f..%2fpackage.json',
      'app://yibu/..%5c..%5cpackage.json',
      'app://yibu/assets/..%2f..%2f..%2fpackage.json',
      'app://yibu/%2e%2e%2felectron%2fmain.cjs',
      'app://yibu/%2e%2e%2frenderer-copy%2findex.html',
      'app://yibu/%2Fetc%2Fpasswd',
      'app://evil/index.html',
      'app://yibu.evil/index.html',
    ];
    for (const url of attempts) {
      const res = await m.standin.protocol.request(url).catch((err: Error) => err);
      if (res instanceof Error) continue; // the load fails: nothing served
      expect(res.status, url).toBe(404);
      expect(await res.text(), url).not.toContain(packageJson.slice(0, 40));
    }
  });

  it('answers a malformed escape with 400 instead of throwing out of the handler', async () => {
    for (const url of ['app://yibu/%', 'app://yibu/%E0%A4%A', 'app://yibu/a%00b']) {
      const res = await m.standin.protocol.request(url);
      expect(res.status, url).toBe(400);
    }
    expect((await m.standin.protocol.request('app://yibu/index.html')).status).toBe(200);
  });
});

describe('the lock-down', () => {
  it('denies new windows and prevents navigation away from app://yibu/, in every webContents', () => {
    const other = new m.standin.BrowserWindow({ show: false });
    try {
      for (const wc of [m.window.webContents, other.webContents]) {
        expect(wc.openWindow('https://example.com/')).toEqual({ action: 'deny' });
        expect(wc.openWindow('app://yibu/index.html')).toEqual({ action: 'deny' });
        for (const away of ['https://example.com/', 'app://yibu.evil/index.html', 'app://yibuevil/', 'file:///etc/passwd']) {
          expect(wc.navigate(away), away).toBe(true);
          expect(wc.redirect(away), away).toBe(true);
        }
        expect(wc.navigate('app://yibu/index.html')).toBe(false);
        expect(wc.redirect('app://yibu/index.html?x=1')).toBe(false);
        expect(wc.attachWebview()).toBe(true);
      }
    } finally {
      other.destroy();
    }
    expect(m.standin.windows()).toEqual([m.window]);
  });

  it('denies permission requests, permission checks and devices', async () => {
    const wc = m.window.webContents;
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(await m.standin.session.requestPermission(wc, permission), permission).toBe(false);
      expect(m.standin.session.checkPermission(wc, permission, 'app://yibu'), permission).toBe(false);
    }
    expect(m.standin.session.checkDevicePermission({ deviceType: 'usb', origin: 'app://yibu' })).toBe(false);
  });

  it('opens http(s) links in the system browser and nothing else', async () => {
    await ok('shell.openExternal', { url: 'https://yibuapi.com/docs' });
    const bad = (await m.invoke('shell.openExternal', { url: 'file:///etc/passwd' })) as Failed;
    expect(bad.ok).toBe(false);
    expect(m.standin.opened).toEqual(['https://yibuapi.com/docs']);
  });
});

describe('quitting', () => {
  it('closes the core and flushes storage: a message sent just before quit is in the SQLite file', async () => {
    const thread = await ok<{ id: string }>('threads.create', { model: 'gpt-4o' });
    gateway.queue(openaiLong({ tokens: 3000, tokensPerSecond: 200 }));
    const sent = await ok<{ userMessage: { id: string }; assistantMessage: { id: string } }>('chat.send', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Sent right before quitting' }],
    });
    // Wait until some of the answer reached the window, then quit mid-stream.
    await expect.poll(() => m.window.webContents.sent.filter((s) => s.channel === 'chat.events').length).toBeGreaterThan(1);
    await ok('key.remove');

    const order: string[] = [];
    m.standin.app.on('before-quit', (e: { defaultPrevented: boolean }) => order.push(e.defaultPrevented ? 'before-quit (held)' : 'before-quit'));
    m.standin.app.on('window-all-closed', () => order.push('window-all-closed'));
    m.standin.app.on('will-quit', () => order.push('will-quit'));
    m.standin.app.on('quit', () => order.push('quit'));
    expect(await m.quit()).toBe(0);
    // main holds the first before-quit until the core has closed, then quits for real.
    expect(order).toEqual(['before-quit (held)', 'before-quit', 'will-quit', 'quit']);
    expect(m.standin.windows()).toEqual([]);
    expect(m.window.webContents.isDestroyed()).toBe(true);

    const file = path.join(dataDir, 'yibu-chat.db');
    // The last connection closed cleanly: SQLite checkpointed and removed its write-ahead log.
    expect(existsSync(`${file}-wal`)).toBe(false);
    const db = new Database(file, { readonly: true });
    try {
      const row = (id: string) => db.prepare('SELECT parts, status FROM messages WHERE id = ?').get(id) as { parts: string; status: string } | undefined;
      expect(row(sent.userMessage.id)?.parts).toContain('Sent right before quitting');
      const answer = row(sent.assistantMessage.id);
      expect(answer?.status).toBe('stopped');
      expect(JSON.parse(answer!.parts)[0].text.length).toBeGreaterThan(0);
    } finally {
      db.close();
    }
  });
});

