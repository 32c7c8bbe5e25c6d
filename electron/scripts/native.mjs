// better-sqlite3 and keytar are native: built for Node they cannot load in Electron and vice versa.
// A marker in node_modules records which runtime they were last built for; switching rebuilds.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
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
  const r =
    runtime === 'node'
      ? spawnSync('npm', ['rebuild', ...NATIVE], { cwd: root, stdio: 'inherit' })
      : spawnSync('npx', ['electron-builder', 'install-app-deps'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`Rebuilding native modules for ${runtime} failed.`);
  writeFileSync(MARKER, want);
}
