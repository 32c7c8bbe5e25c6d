// `npm test`: the whole suite. First installs what is missing (electron/scripts/bootstrap.mjs: Debian
// packages, npm dependencies, Electron's binary where it can be had). Re-runs itself inside a private
// D-Bus session with an unlocked gnome-keyring and a fresh HOME when those are available, so the keychain
// test uses a real Secret Service; then builds, runs vitest (core, in Node) and Playwright (UI, in
// Chromium), and ends with one summary line "N passed, N failed, N skipped".
// `npm test -- --smoke`: the same bootstrap and build, then only a few files (the fresh-clone test uses it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bootstrap } from '../electron/scripts/bootstrap.mjs';
import { electronBinary, root } from '../electron/scripts/lib.mjs';
import { ensureNativeFor } from '../electron/scripts/native.mjs';

const smoke = process.argv.includes('--smoke');
// Small, self-contained files that still touch SQLite, the keychain, the build and Chromium.
const SMOKE_VITEST = ['tests/unit/release/', 'tests/unit/storage/db.test.ts', 'tests/integration/keychain.test.ts'];
const SMOKE_E2E = ['tests/e2e/canary.spec.ts'];
// Runs last and alone: it installs and builds a whole clone, which would crowd the other files' workers.
const FRESH_CLONE = 'tests/integration/fresh-clone.test.ts';

if (!process.env.YIBU_TEST_SESSION) bootstrap('test');

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.YIBU_TEST_SESSION && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'yibu-test-home-'));
  const inner = `printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" tests/run.mjs ${process.argv.slice(2).join(' ')}`;
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    cwd: root,
    stdio: 'inherit',
    // The real HOME stays known: the fresh-clone test installs with the user's npm configuration.
    env: { ...process.env, HOME: home, YIBU_TEST_SESSION: '1', YIBU_REAL_HOME: process.env.YIBU_REAL_HOME ?? os.homedir() },
  });
  rmSync(home, { recursive: true, force: true });
  process.exit(r.status ?? 1);
}
if (!process.env.YIBU_TEST_SESSION) {
  console.log('No dbus-run-session/gnome-keyring here: the keychain test will skip (see README for the packages).');
}

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

const out = path.join(root, '.tmp', 'test-results');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

const vitest = (report, args) =>
  run('npx', ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${path.join(out, report)}`]);
const playwright = (report, args) =>
  run('npx', ['playwright', 'test', ...args, '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, report) });

if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
ensureNativeFor('node');
const vitestReports = ['vitest.json'];
const playwrightReports = ['playwright.json'];
if (smoke) {
  vitest('vitest.json', SMOKE_VITEST);
  playwright('playwright.json', SMOKE_E2E);
} else {
  vitest('vitest.json', ['--exclude', FRESH_CLONE]);
  playwright('playwright.json', ['tests/e2e/']);
  // The Electron specs need the native modules built for Electron; where its binary is absent they skip.
  if (electronBinary()) ensureNativeFor('electron');
  playwright('playwright-electron.json', ['tests/e2e-electron/']);
  playwrightReports.push('playwright-electron.json');
  vitest('fresh-clone.json', [FRESH_CLONE]);
  vitestReports.push('fresh-clone.json');
}

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const name of vitestReports) {
  const vitestFile = path.join(out, name);
  if (!existsSync(vitestFile)) {
    totals.failed += 1;
    continue;
  }
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + filesThatFailedToRun(v);
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
}
for (const name of playwrightReports) {
  const pwFile = path.join(out, name);
  if (!existsSync(pwFile)) {
    totals.failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(pwFile, 'utf8'));
  const s = report.stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += (s.unexpected ?? 0) + (report.errors?.length ?? 0);
  totals.skipped += s.skipped ?? 0;
  if ((s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) + (s.skipped ?? 0) === 0) totals.failed += 1;
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(totals.failed > 0 || totals.passed === 0 ? 1 : 0);

/** A test file that failed without a failing test (it did not load or a hook threw) counts once. */
function filesThatFailedToRun(v) {
  return (v.testResults ?? []).filter((s) => s.status === 'failed' && !(s.assertionResults ?? []).some((a) => a.status === 'failed')).length;
}
