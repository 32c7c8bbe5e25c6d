// The first-command bootstrap (electron/scripts/bootstrap.mjs): when it reinstalls npm dependencies, what
// it tells a user who cannot install Debian packages, and that it can run before node_modules exists.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DEBIAN_NEEDS,
  debianInstallPlan,
  missingDebianPackages,
  nodeModulesMatchLock,
} from '../../../electron/scripts/bootstrap.mjs';
import { useTempDirs } from '../temp-dirs';

const ROOT = path.resolve(__dirname, '..', '..', '..');

interface Entry {
  version: string;
  optional?: boolean;
}

function project(lock: Record<string, Entry>, installed: Record<string, Entry> | null, dir: string): string {
  writeFileSync(path.join(dir, 'package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: { '': {}, ...lock } }));
  if (installed) {
    mkdirSync(path.join(dir, 'node_modules'), { recursive: true });
    writeFileSync(path.join(dir, 'node_modules', '.package-lock.json'), JSON.stringify({ lockfileVersion: 3, packages: installed }));
  }
  return dir;
}

describe('nodeModulesMatchLock: reinstall only when node_modules differs from package-lock.json', () => {
  const temp = useTempDirs('bootstrap');
  const a = { 'node_modules/a': { version: '1.0.0' } };

  it('accepts an installed tree that matches the lockfile', () => {
    expect(nodeModulesMatchLock(project(a, a, temp.dir()))).toBe(true);
  });
  it('reinstalls in a fresh clone (no node_modules)', () => {
    expect(nodeModulesMatchLock(project(a, null, temp.dir()))).toBe(false);
  });
  it('reinstalls when the lockfile moved to another version', () => {
    expect(nodeModulesMatchLock(project({ 'node_modules/a': { version: '2.0.0' } }, a, temp.dir()))).toBe(false);
  });
  it('reinstalls when a required package is missing, not for one the lockfile no longer lists', () => {
    const b = { 'node_modules/b': { version: '1.0.0' } };
    expect(nodeModulesMatchLock(project({ ...a, ...b }, a, temp.dir()))).toBe(false);
    expect(nodeModulesMatchLock(project(a, { ...a, ...b }, temp.dir()))).toBe(true);
  });
  it('accepts a missing optional package (another platform’s build, or keytar where it could not build)', () => {
    const lock = { ...a, 'node_modules/keytar': { version: '7.9.0', optional: true } };
    expect(nodeModulesMatchLock(project(lock, a, temp.dir()))).toBe(true);
  });
});

describe('Debian packages', () => {
  it('tells a user without root or passwordless sudo the exact command, and runs nothing', () => {
    const plan = debianInstallPlan(['chromium', 'fonts-noto-cjk'], { isRoot: false, canSudo: false });
    expect(plan).toEqual({
      tell: 'sudo apt-get update && sudo apt-get install -y --no-install-recommends chromium fonts-noto-cjk',
    });
  });
  it('installs non-interactively as root, and through sudo -n otherwise', () => {
    const asRoot = debianInstallPlan(['make'], { isRoot: true, canSudo: false });
    expect(asRoot).toEqual({
      run: [
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'update', '-qq'],
        ['env', 'DEBIAN_FRONTEND=noninteractive', 'apt-get', 'install', '-y', '--no-install-recommends', 'make'],
      ],
    });
    const withSudo = debianInstallPlan(['make'], { isRoot: false, canSudo: true });
    expect('run' in withSudo && withSudo.run.every((c) => c.slice(0, 2).join(' ') === 'sudo -n')).toBe(true);
  });
  it('the test command needs more than the app, and both need the native build tools', () => {
    const app = DEBIAN_NEEDS.app.map((n) => n.pkg);
    const test = DEBIAN_NEEDS.test.map((n) => n.pkg);
    expect(app).toEqual(expect.arrayContaining(['python3', 'make', 'g++', 'libsecret-1-dev']));
    expect(test).toEqual(expect.arrayContaining([...app, 'chromium', 'gnome-keyring', 'dbus', 'fonts-noto-cjk']));
  });
  const dpkg = process.platform === 'linux' && spawnSync('sh', ['-c', 'command -v dpkg-query'], { stdio: 'ignore' }).status === 0;
  it.skipIf(!dpkg)('finds a missing package, and counts a command on PATH as present', () => {
    expect(missingDebianPackages([{ pkg: 'yibu-no-such-package' }, { pkg: 'yibu-provides-sh', cmd: 'sh' }])).toEqual([
      'yibu-no-such-package',
    ]);
  });
});

describe('bootstrap.mjs runs before node_modules exists', () => {
  it('imports only Node’s own modules', () => {
    const src = readFileSync(path.join(ROOT, 'electron', 'scripts', 'bootstrap.mjs'), 'utf8');
    const specifiers = [...src.matchAll(/^import\s[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1]);
    expect(specifiers.length).toBeGreaterThan(0);
    expect(specifiers.filter((s) => !s?.startsWith('node:'))).toEqual([]);
  });
});
