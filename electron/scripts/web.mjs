// `npm run web -- --port 0 --data-dir DIR [--base-url URL]`: browser mode only. Prints READY <url>.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root } from './lib.mjs';
import { ensureNativeFor } from './native.mjs';

ensureBuilt();
ensureNativeFor('node');
const child = spawn(process.execPath, [path.join(root, 'dist/electron/browser-mode.cjs'), ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code) => process.exit(code ?? 0));
