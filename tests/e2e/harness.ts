// Starts what a user would run: the mock gateway and the app in browser mode (the built bundle),
// each on 127.0.0.1:0, with a data folder the test owns. restart() keeps the data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { test as base, type Page } from '@playwright/test';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { assertDesktopPathUsed, desktopTraffic, installDesktopBridge, startDesktopApp } from './desktop-harness';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** The running app as a spec sees it, whichever transport carries it. */
export interface LaunchedApp {
  url: string;
  origin: string;
  stop(): Promise<void>;
}

export interface Harness {
  gateway: Gateway;
  dataDir: string;
  app: LaunchedApp;
  restart(): Promise<LaunchedApp>;
  close(): Promise<void>;
}

/**
 * 'browser' (browser mode over its WebSocket) or 'desktop' (the built main.cjs under the Electron
 * stand-in, with the real preload and IPC: desktop-harness.ts), from the Playwright project's
 * metadata.transport. Specs that run in both import `test` from here, not from @playwright/test.
 */
export type Transport = 'browser' | 'desktop';
export function transport(): Transport {
  return base.info().project.metadata?.transport === 'desktop' ? 'desktop' : 'browser';
}

/** @playwright/test's `test`, whose `page` is made the desktop window in the desktop project. */
export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const desktop = testInfo.project.metadata?.transport === 'desktop';
    if (desktop) await installDesktopBridge(page);
    await use(page);
    if (desktop && testInfo.status === testInfo.expectedStatus) assertDesktopPathUsed();
  },
});

/** Everything main sent the renderer so far, as text: WebSocket frames, or IPC results and events. */
export function rendererTraffic(page: Page): string[] {
  if (transport() === 'desktop') return desktopTraffic();
  const received: string[] = [];
  page.on('websocket', (ws) => ws.on('framereceived', (f) => received.push(String(f.payload))));
  return received;
}

export async function startApp(opts: { dataDir: string; baseUrl?: string; apiKey?: string; demo?: boolean }): Promise<AppProcess> {
  const args = [path.join(ROOT, 'dist/electron/browser-mode.cjs'), '--port', '0', '--data-dir', opts.dataDir];
  if (opts.baseUrl) args.push('--base-url', opts.baseUrl);
  if (opts.demo) args.push('--demo');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.YIBU_API_KEY;
  if (opts.apiKey) env.YIBU_API_KEY = opts.apiKey;
  const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('READY ')) resolve(line.slice(6).trim());
    });
    child.once('exit', (code) => reject(new Error(`browser mode exited (${code}): ${stderr}`)));
  });
  let stopping = false;
  // An app that dies under a test would otherwise show only as "reconnecting…" in the page: say why.
  child.once('exit', (code, signal) => {
    if (!stopping && signal !== 'SIGKILL') process.stderr.write(`browser mode died (${code ?? signal}) during a test:\n${stderr}\n`);
  });
  return {
    url,
    origin: new URL(url).origin,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        stopping = true;
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/** `gatewayDemo`: with nothing queued the gateway answers as the demo (deterministic tool calls for any model). */
export async function startHarness(
  opts: { apiKey?: string; configureBaseUrl?: boolean; acceptKeys?: string[]; gatewayDemo?: boolean } = {},
): Promise<Harness> {
  const gateway = await startGateway({ demo: opts.gatewayDemo ?? false, acceptKeys: opts.acceptKeys });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-'));
  const appOpts = { dataDir, apiKey: opts.apiKey, baseUrl: opts.configureBaseUrl === false ? undefined : gateway.url };
  const launch = (): Promise<LaunchedApp> => (transport() === 'desktop' ? startDesktopApp(appOpts) : startApp(appOpts));
  const h: Harness = {
    gateway,
    dataDir,
    app: await launch(),
    async restart() {
      await h.app.stop();
      h.app = await launch();
      return h.app;
    },
    async close() {
      await h.app.stop();
      await gateway.close();
    },
  };
  return h;
}
