// Starts what a user would run: the mock gateway and the app in browser mode (the built bundle),
// each on 127.0.0.1:0, with a data folder the test owns. restart() keeps the data folder.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import readline from 'node:readline';
import { startGateway, type Gateway } from '../fixtures/gateway';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface AppProcess {
  url: string;
  origin: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

export interface Harness {
  gateway: Gateway;
  dataDir: string;
  app: AppProcess;
  restart(): Promise<AppProcess>;
  close(): Promise<void>;
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
  return {
    url,
    origin: new URL(url).origin,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

export async function startHarness(opts: { apiKey?: string; configureBaseUrl?: boolean; acceptKeys?: string[] } = {}): Promise<Harness> {
  const gateway = await startGateway({ demo: false, acceptKeys: opts.acceptKeys });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-e2e-'));
  const launch = () =>
    startApp({ dataDir, apiKey: opts.apiKey, baseUrl: opts.configureBaseUrl === false ? undefined : gateway.url });
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
