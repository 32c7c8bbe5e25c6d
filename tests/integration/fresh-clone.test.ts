// The README's two commands as a new user types them: in a fresh clone of this repository (HEAD), in a temp
// folder with nothing beside it, `npm run demo` and `npm test -- --smoke` each work as the first command.
// Both install everything themselves (electron/scripts/bootstrap.mjs), so this takes minutes: it runs only
// when CI=true, and never inside such a clone (YIBU_FRESH_CLONE), so it cannot recurse.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..');
const MINUTES = 60_000;

const skip =
  process.env.CI !== 'true'
    ? 'runs only when CI=true (it installs and builds a whole clone)'
    : process.env.YIBU_FRESH_CLONE
      ? 'already inside a fresh clone'
      : null;
if (skip) console.warn(`[fresh-clone.test] SKIPPED: ${skip}`);

/**
 * The user's environment, not this test run's: their HOME (npm's configuration and cache; tests/run.mjs runs
 * the suite under a temporary one) and none of the variables npm, vitest or the test session set for us.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(npm_|vitest|yibu_)/i.test(k) || ['INIT_CWD', 'NODE_ENV', 'DBUS_SESSION_BUS_ADDRESS', 'TEST'].includes(k)) continue;
    env[k] = v;
  }
  env.HOME = process.env.YIBU_REAL_HOME ?? os.homedir();
  // Marks the clone's own test run, so it skips this file; and keeps `npm run demo` headless where
  // Electron's binary happens to be downloadable.
  env.YIBU_FRESH_CLONE = '1';
  env.YIBU_BROWSER_MODE = '1';
  return env;
}

/** Everything a child printed, kept for the failure message. */
function capture(child: ChildProcess): { text: () => string } {
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  return { text: () => out };
}

const tail = (text: string) => text.split('\n').slice(-40).join('\n');

/** Whatever is left of a detached child's process group (ours alone); nothing when it is all gone. */
function killGroup(child: ChildProcess): void {
  try {
    if (child.pid) process.kill(-child.pid, 'SIGKILL');
  } catch {
    // ESRCH: the group has already exited.
  }
}

/** Rejects after `ms`, before vitest's own timeout, so the `finally` that stops the processes still runs. */
function within<T>(p: Promise<T>, ms: number, what: string, log: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took over ${ms / MINUTES} min:\n${tail(log())}`)), ms);
  });
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

describe.skipIf(skip !== null)(`a fresh clone: the README's two commands${skip ? ` (skipped: ${skip})` : ''}`, () => {
  let dir = '';
  let clone = '';
  beforeAll(() => {
    // The clone's parent folder holds nothing else: no ../shared, no node_modules further up.
    dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-fresh-'));
    clone = path.join(dir, 'yibu-chat');
    const r = spawnSync('git', ['clone', '-q', ROOT, clone], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }, 5 * MINUTES);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('`npm run demo` installs what is missing, prints the browser-mode URL and serves the app', async () => {
    // stdin stays an open pipe nobody writes to: the command must not wait for input.
    const child = spawn('npm', ['run', 'demo'], { cwd: clone, env: userEnv(), detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
    const out = capture(child);
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      const urlPrinted = new Promise<string>((resolve, reject) => {
        const look = () => {
          const m = /running in browser mode: open (http:\/\/127\.0\.0\.1:\d+\/\S*)/.exec(out.text());
          if (m?.[1]) resolve(m[1]);
        };
        child.stdout?.on('data', look);
        void exited.then((code) => reject(new Error(`npm run demo exited (${code}) without a URL:\n${tail(out.text())}`)));
      });
      const url = await within(urlPrinted, 25 * MINUTES, 'npm run demo', out.text);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<title>Yibu Chat</title>');
      // The built bundle, not the source page: its script is served too.
      const script = /<script[^>]+src="([^"]+\.js)"/.exec(html)?.[1];
      expect(script, html).toBeDefined();
      // Node's fetch keeps no cookie, so the script request carries the page's token the same way.
      const scriptUrl = new URL(script!, url);
      scriptUrl.search = new URL(url).search;
      const js = await fetch(scriptUrl);
      expect(js.status).toBe(200);
    } finally {
      // The whole process group: npm, the start script, the demo gateway and the server.
      if (child.exitCode === null && child.pid) process.kill(-child.pid, 'SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
      killGroup(child);
    }
  }, 30 * MINUTES);

  it('`npm test -- --smoke` passes and ends with the summary line', async () => {
    const child = spawn('npm', ['test', '--', '--smoke'], { cwd: clone, env: userEnv(), detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const out = capture(child);
    try {
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      const code = await within(exited, 25 * MINUTES, 'npm test -- --smoke', out.text);
      const summary = out
        .text()
        .split('\n')
        .map((l) => /^(\d+) passed, (\d+) failed, (\d+) skipped$/.exec(l.trim()))
        .filter((m) => m !== null)
        .at(-1);
      expect(summary, tail(out.text())).toBeDefined();
      expect(Number(summary![1])).toBeGreaterThan(0);
      expect(Number(summary![2]), tail(out.text())).toBe(0);
      expect(code, tail(out.text())).toBe(0);
    } finally {
      killGroup(child);
    }
  }, 30 * MINUTES);
});
