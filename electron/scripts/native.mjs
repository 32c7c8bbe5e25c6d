// better-sqlite3 and keytar are native: built for Node they cannot load in Electron and vice versa.
// A marker in node_modules records which runtime they were last built for; switching rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './lib.mjs';

const MARKER = path.join(root, 'node_modules', '.yibu-native-runtime');
const NATIVE = ['better-sqlite3', 'keytar'];

function current() {
  return existsSync(MARKER) ? readFileSync(MARKER, 'utf8').trim() : `node-${process.versions.modules}`;
}

/** @param {'node' | 'electron'} runtime */
export function ensureNativeFor(runtime) {
  const want = runtime === 'node' ? `node-${process.versions.modules}` : 'electron';
  if (current() === want) return;
  console.log(`Rebuilding ${NATIVE.join(', ')} for ${runtime}…`);
  const r = runtime === 'node' ? spawnSync('npm', ['rebuild', ...NATIVE], { cwd: root, stdio: 'inherit' }) : rebuildForElectron();
  if (r.status !== 0) throw new Error(`Rebuilding native modules for ${runtime} failed.`);
  writeFileSync(MARKER, want);
}

/**
 * electron-builder install-app-deps (@electron/rebuild against node_modules/electron's version). Run with
 * node, not npx: npm passes a configured `nodedir` on as npm_config_nodedir, and node-gyp would then
 * compile against Node's headers instead of Electron's, giving a module Electron refuses to load. Its
 * "already built" stamp is removed too, as a Node rebuild from a prebuilt download can leave it behind.
 */
function rebuildForElectron() {
  for (const mod of NATIVE) rmSync(path.join(root, 'node_modules', mod, 'build', 'Release', '.forge-meta'), { force: true });
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.toLowerCase() !== 'npm_config_nodedir'));
  const cli = path.join(root, 'node_modules', 'electron-builder', 'cli.js');
  return spawnSync(process.execPath, [cli, 'install-app-deps'], { cwd: root, stdio: 'inherit', env });
}
