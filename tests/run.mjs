// `npm test`: the whole suite. Re-runs itself inside a private D-Bus session with an unlocked
// gnome-keyring and a fresh HOME when those are available, so the keychain test uses a real Secret
// Service; then builds, runs vitest (core, in Node) and Playwright (UI, in Chromium), and ends with
// one summary line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { electronBinary, root } from '../electron/scripts/lib.mjs';
import { ensureNativeFor } from '../electron/scripts/native.mjs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

if (!process.env.YIBU_TEST_SESSION && has('dbus-run-session') && has('gnome-keyring-daemon')) {
  const home = mkdtempSync(path.join(os.tmpdir(), 'yibu-test-home-'));
  const inner = `printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec "${process.execPath}" tests/run.mjs ${process.argv.slice(2).join(' ')}`;
  const r = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, HOME: home, YIBU_TEST_SESSION: '1' },
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

if (run('npm', ['run', 'build', '--silent']) !== 0) process.exit(1);
ensureNativeFor('node');
run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${path.join(out, 'vitest.json')}`]);
run('npx', ['playwright', 'test', 'tests/e2e/', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, 'playwright.json') });
// The Electron specs need the native modules built for Electron; where its binary is absent they skip.
if (electronBinary()) ensureNativeFor('electron');
run('npx', ['playwright', 'test', 'tests/e2e-electron/', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: path.join(out, 'playwright-electron.json'),
});

const totals = { passed: 0, failed: 0, skipped: 0 };
const vitestFile = path.join(out, 'vitest.json');
if (existsSync(vitestFile)) {
  const v = JSON.parse(readFileSync(vitestFile, 'utf8'));
  totals.passed += v.numPassedTests ?? 0;
  totals.failed += (v.numFailedTests ?? 0) + filesThatFailedToRun(v);
  totals.skipped += (v.numPendingTests ?? 0) + (v.numTodoTests ?? 0);
} else totals.failed += 1;
for (const name of ['playwright.json', 'playwright-electron.json']) {
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
