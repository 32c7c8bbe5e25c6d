// `npm start` opens the desktop app; `npm run demo` does the same against the built-in demo gateway
// (a mock, not a model) with no key needed. Both first install what is missing (bootstrap.mjs), so each
// works as the first command in a fresh clone. Where Electron's binary is missing, or YIBU_BROWSER_MODE=1
// asks for it (headless runs, the fresh-clone test), both serve the same app in browser mode instead and
// print its URL; nothing opens a browser or reads stdin.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { bootstrap } from './bootstrap.mjs';
import { electronBinary, ensureBuilt, root, spawnUntil, startGateway } from './lib.mjs';
import { ensureNativeFor } from './native.mjs';

const demo = process.argv.includes('--demo');
const passThrough = process.argv.slice(2).filter((a) => a !== '--demo');
bootstrap('app');
ensureBuilt();

const children = [];
const stopAll = () => {
  for (const c of children) c.kill('SIGTERM');
};
process.on('SIGINT', stopAll);
process.on('SIGTERM', stopAll);

const env = { ...process.env };
if (demo) {
  const gw = await startGateway();
  children.push(gw.child);
  env.YIBU_API_KEY = 'demo-gateway-key';
  env.YIBU_DEMO_BASE_URL = gw.value;
  console.log(`Demo gateway (a mock, not a model) at ${gw.value}`);
}

const browserModeAsked = process.env.YIBU_BROWSER_MODE === '1';
const electron = browserModeAsked ? null : electronBinary();
ensureNativeFor(electron ? 'electron' : 'node');
if (electron) {
  const args = [path.join(root, 'dist/electron/main.cjs'), ...(demo ? ['--demo'] : []), ...passThrough];
  const app = spawn(electron, args, { cwd: root, stdio: 'inherit', env });
  children.push(app);
  app.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
} else {
  console.log(
    browserModeAsked
      ? 'YIBU_BROWSER_MODE=1: the app runs in browser mode.'
      : "Electron's binary is not installed (its download was skipped or failed), so the app runs in browser mode instead.",
  );
  const args = [path.join(root, 'dist/electron/browser-mode.cjs'), ...passThrough];
  if (demo) {
    args.push('--demo', '--base-url', env.YIBU_DEMO_BASE_URL);
    if (!passThrough.includes('--data-dir')) args.push('--data-dir', path.join(root, '.tmp', 'demo-data'));
  }
  const { child, value } = await spawnUntil(process.execPath, args, 'READY', { env });
  children.push(child);
  console.log(`Yibu Chat is running in browser mode: open ${value}`);
  console.log('Press Ctrl+C to stop.');
  child.on('exit', (code) => {
    stopAll();
    process.exit(code ?? 0);
  });
}
