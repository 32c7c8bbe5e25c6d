// `npm run suite -- FILE --base-url URL [--model M]… [--out results.json] [--profile NAME] [--protocol P]`:
// builds when needed, then runs the bundled suite CLI (electron/cli/suite.ts) in plain Node, passing its
// exit code through (0 all passed, 1 an assertion failed, 2 usage or connection error).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { ensureBuilt, root } from './lib.mjs';
import { ensureNativeFor } from './native.mjs';

ensureBuilt();
ensureNativeFor('node');
const child = spawn(process.execPath, [path.join(root, 'dist/electron/suite-cli.cjs'), ...process.argv.slice(2)], {
  stdio: 'inherit',
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 2 : 0)));
