// `npm run dist`: installers for the current platform (electron-builder.yml: AppImage + deb on Linux,
// dmg on macOS, nsis on Windows). It packs the Electron that npm installed (electronDist), so nothing
// is downloaded at packaging time; where that binary is missing it says so in one line and exits 1.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { electronBinary, root } from './lib.mjs';

const PLATFORM_FLAG = { linux: '--linux', darwin: '--mac', win32: '--win' };

/** The electron-builder arguments for this platform, or why it cannot run. */
export function distPlan(platform, binary) {
  const flag = PLATFORM_FLAG[platform];
  if (!flag) return { error: `npm run dist: no installer target for platform ${platform}.` };
  if (!binary) {
    return {
      error:
        "npm run dist: Electron's binary is not installed (node_modules/electron has no dist), so no installer can be built here; install it with `node node_modules/electron/install.js` where downloads work.",
    };
  }
  // macOS: the binary is Electron.app/Contents/MacOS/Electron; electronDist is the folder holding Electron.app.
  const dist = platform === 'darwin' ? path.resolve(binary, '..', '..', '..', '..') : path.dirname(binary);
  return { args: ['--config', 'electron-builder.yml', flag, `-c.electronDist=${dist}`] };
}

function run(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const plan = distPlan(process.platform, electronBinary());
  if (plan.error) {
    console.error(plan.error);
    process.exit(1);
  }
  run('npm', ['run', 'build', '--silent']);
  run(process.execPath, [path.join(root, 'electron/scripts/icons.mjs')]);
  run(process.execPath, [path.join(root, 'node_modules/electron-builder/cli.js'), ...plan.args]);
}
