// Helpers shared by the start, web, test and bench scripts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestMtime(p));
    else newest = Math.max(newest, statSync(p).mtimeMs);
  }
  return newest;
}

/** Builds when dist is missing or older than the sources. */
export function ensureBuilt() {
  const outputs = ['dist/renderer/index.html', 'dist/electron/main.cjs', 'dist/electron/browser-mode.cjs', 'dist/gateway/cli.mjs', 'dist/electron/suite-cli.cjs'];
  const built = outputs.every((f) => existsSync(path.join(root, f)));
  const outTime = built ? Math.min(...outputs.map((f) => statSync(path.join(root, f)).mtimeMs)) : 0;
  const srcTime = Math.max(...['electron', 'renderer', 'shared', 'tests/fixtures/gateway'].map((d) => newestMtime(path.join(root, d))));
  if (built && outTime >= srcTime) return;
  const r = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

/**
 * The Electron binary's path, or null when its download was skipped or failed. Reads what Electron's
 * installer recorded (path.txt) rather than `require('electron')`, which since Electron 45 retries the
 * download itself, with no time limit, every time it finds no binary.
 */
export function electronBinary() {
  try {
    const dir = path.dirname(require.resolve('electron/package.json'));
    const exe = readFileSync(path.join(dir, 'path.txt'), 'utf8').trim();
    const full = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), exe);
    return exe && existsSync(full) ? full : null;
  } catch {
    return null;
  }
}

/** Spawns a process and resolves with the first line matching `prefix`, e.g. READY or GATEWAY. */
export function spawnUntil(cmd, args, prefix, opts = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], ...opts });
    const rl = readline.createInterface({ input: child.stdout });
    rl.on('line', (line) => {
      if (line.startsWith(`${prefix} `)) resolve({ child, value: line.slice(prefix.length + 1).trim() });
    });
    child.on('exit', (code) => reject(new Error(`${cmd} exited with ${code} before printing ${prefix}`)));
    child.on('error', reject);
  });
}

export async function startGateway(port = 0) {
  return spawnUntil(process.execPath, [path.join(root, 'dist/gateway/cli.mjs'), '--port', String(port)], 'GATEWAY');
}
