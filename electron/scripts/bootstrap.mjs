// The first thing `npm test`, `npm start` and `npm run demo` do, so each works as the very first command in
// a fresh clone: the Debian packages the command needs, then npm dependencies from the lockfile, then
// Electron's binary where it can be downloaded. It runs before node_modules exists, so it imports nothing
// but Node's own modules. Quiet when everything is already in place.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * What each command needs from Debian. `cmd` entries are satisfied by a command on PATH (whichever package
 * provides it), the rest by an installed package.
 */
const NATIVE_BUILD = [
  // better-sqlite3 and keytar build from source where no prebuilt binary can be downloaded.
  { pkg: 'python3', cmd: 'python3' },
  { pkg: 'make', cmd: 'make' },
  { pkg: 'g++', cmd: 'g++' },
  { pkg: 'pkg-config', cmd: 'pkg-config' },
  // keytar's headers; without them keytar (optional) is skipped and the key store falls back.
  { pkg: 'libsecret-1-dev' },
  { pkg: 'ca-certificates' },
];
export const DEBIAN_NEEDS = {
  app: NATIVE_BUILD,
  test: [
    ...NATIVE_BUILD,
    // The browser-mode UI tests drive Debian's Chromium (or the one CHROMIUM_PATH names).
    { pkg: 'chromium', unless: () => !!process.env.CHROMIUM_PATH && existsSync(process.env.CHROMIUM_PATH) },
    // A private D-Bus session with an unlocked keyring, so the keychain test uses a real Secret Service.
    // dbus brings dbus-run-session (through dbus-daemon on Debian 12, itself on Debian 11).
    { pkg: 'dbus', cmd: 'dbus-run-session' },
    { pkg: 'dbus-x11' },
    { pkg: 'gnome-keyring', cmd: 'gnome-keyring-daemon' },
    { pkg: 'fonts-noto-cjk' }, // zh-CN text renders as glyphs, not boxes
    { pkg: 'git', cmd: 'git' }, // the fresh-clone test
  ],
};

const ok = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: 'ignore', ...opts }).status === 0;
const onPath = (cmd) => ok('sh', ['-c', `command -v "${cmd}"`]);
const installedPkg = (pkg) =>
  spawnSync('dpkg-query', ['-W', '-f=${db:Status-Status}', pkg], { encoding: 'utf8' }).stdout?.trim() === 'installed';

/** The Debian packages of `needs` that are missing here; empty off Debian-like Linux. */
export function missingDebianPackages(needs) {
  if (process.platform !== 'linux' || !onPath('dpkg-query')) return [];
  return needs.filter((n) => !n.unless?.() && (n.cmd ? !onPath(n.cmd) : !installedPkg(n.pkg))).map((n) => n.pkg);
}

/**
 * How to install `missing`: the apt-get commands to run (as root, or through passwordless sudo), or, where
 * neither is possible, the exact command for the user to type.
 * @returns {{ run: string[][] } | { tell: string }}
 */
export function debianInstallPlan(missing, { isRoot, canSudo }) {
  const install = ['apt-get', 'install', '-y', '--no-install-recommends', ...missing];
  if (!isRoot && !canSudo) return { tell: `sudo apt-get update && sudo ${install.join(' ')}` };
  const prefix = isRoot ? ['env', 'DEBIAN_FRONTEND=noninteractive'] : ['sudo', '-n', 'env', 'DEBIAN_FRONTEND=noninteractive'];
  return { run: [[...prefix, 'apt-get', 'update', '-qq'], [...prefix, ...install]] };
}

function ensureDebianPackages(purpose) {
  if (process.env.YIBU_SKIP_SYSTEM_PACKAGES === '1') return;
  const missing = missingDebianPackages(DEBIAN_NEEDS[purpose]);
  if (missing.length === 0) return;
  const isRoot = process.getuid?.() === 0;
  const plan = debianInstallPlan(missing, { isRoot, canSudo: !isRoot && onPath('sudo') && ok('sudo', ['-n', 'true']) });
  if ('tell' in plan) {
    console.error(`Missing Debian packages: ${missing.join(' ')}. Install them, then run this command again:`);
    console.error(`  ${plan.tell}`);
    process.exit(1);
  }
  console.log(`Installing Debian packages: ${missing.join(' ')}`);
  for (const [cmd, ...args] of plan.run) {
    const r = spawnSync(cmd, args, { stdio: 'inherit' });
    if (r.status !== 0) {
      console.error(`\`${[cmd, ...args].join(' ')}\` failed (exit ${r.status}); install the packages above and run this command again.`);
      process.exit(1);
    }
  }
}

const readJson = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};

/**
 * Whether node_modules holds what package-lock.json lists, by comparing npm's own record of the installed
 * tree (node_modules/.package-lock.json) with the lockfile. Content, not mtimes: a checkout gives files the
 * time of the checkout, not of the change. Optional packages (other platforms', keytar where it could not
 * build) may be absent; packages the lockfile no longer lists are left alone, as they change nothing that runs.
 */
export function nodeModulesMatchLock(dir = root) {
  const lock = readJson(path.join(dir, 'package-lock.json'));
  const installed = readJson(path.join(dir, 'node_modules', '.package-lock.json'));
  if (!lock?.packages || !installed?.packages) return false;
  for (const [key, want] of Object.entries(lock.packages)) {
    if (key === '') continue;
    const have = installed.packages[key];
    if (!have) {
      if (want.optional || want.devOptional) continue;
      return false;
    }
    if (!want.link && have.version !== want.version) return false;
  }
  return true;
}

// Outside node_modules because `npm ci` deletes that folder first.
const STATE = path.join(root, '.tmp', 'npm-install-state');
const lockHash = () => createHash('sha256').update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');

function ensureNpmDependencies() {
  const nm = path.join(root, 'node_modules');
  const state = existsSync(STATE) ? readFileSync(STATE, 'utf8').trim() : '';
  const hash = lockHash();
  if (state === hash && existsSync(path.join(nm, '.package-lock.json'))) return;
  const interrupted = state === 'installing';
  if (!interrupted && nodeModulesMatchLock()) return;
  if (existsSync(nm) && lstatSync(nm).isSymbolicLink()) {
    // Another checkout's node_modules: reinstalling here would pull it from under that checkout.
    console.warn('node_modules is a link to another checkout and differs from package-lock.json; run `npm ci` there.');
    return;
  }
  if (process.env.YIBU_SKIP_NPM_INSTALL === '1') {
    // For a node_modules that other checkouts link to and use while this runs.
    console.warn('node_modules differs from package-lock.json; YIBU_SKIP_NPM_INSTALL=1, so it is left as it is.');
    return;
  }
  console.log(
    interrupted
      ? 'The last dependency install did not finish: installing again from package-lock.json (npm ci)…'
      : 'Installing npm dependencies from package-lock.json (npm ci)…',
  );
  mkdirSync(path.dirname(STATE), { recursive: true });
  writeFileSync(STATE, 'installing');
  // Electron's own download runs separately below, with a time limit and a one-line verdict.
  const env = { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
  const npm = (args) => spawnSync('npm', [...args, '--no-audit', '--no-fund'], { cwd: root, stdio: 'inherit', env }).status === 0;
  if (!npm(['ci'])) {
    console.warn('`npm ci` failed; trying `npm install --no-save` instead (it may resolve versions the lockfile does not pin).');
    if (!npm(['install', '--no-save'])) {
      console.error('Installing npm dependencies failed; see the messages above.');
      process.exit(1);
    }
  }
  writeFileSync(STATE, hash);
  ensureElectronBinary();
}

const ELECTRON_DOWNLOAD_LIMIT_MS = 120_000;

/** Electron's own installer, bounded in time; where it fails the app and the Electron tests use browser mode. */
function ensureElectronBinary() {
  const installer = path.join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installer)) return;
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const r = spawnSync(process.execPath, [installer], {
    cwd: path.dirname(installer),
    env,
    encoding: 'utf8',
    timeout: ELECTRON_DOWNLOAD_LIMIT_MS,
    killSignal: 'SIGKILL',
  });
  if (r.status === 0) return;
  const why = r.error?.code === 'ETIMEDOUT' ? `no answer within ${ELECTRON_DOWNLOAD_LIMIT_MS / 1000} s` : firstErrorLine(r.stderr);
  console.log(`The Electron binary could not be downloaded (${why}), so the app and its tests use browser mode.`);
}

function firstErrorLine(text) {
  const line = (text ?? '').split('\n').find((l) => /error|fail/i.test(l)) ?? (text ?? '').split('\n')[0] ?? '';
  return line.trim().slice(0, 160) || 'no reason given';
}

/**
 * @param {'app' | 'test'} purpose `test` also needs Chromium, the keyring and CJK fonts.
 */
export function bootstrap(purpose) {
  ensureDebianPackages(purpose);
  ensureNpmDependencies();
}
