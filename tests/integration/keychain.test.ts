// The keytar backend against the real OS keychain (on Linux: the Secret Service over D-Bus), across
// processes. On a headless Linux box run it inside a throwaway session:
//   HOME=$(mktemp -d) dbus-run-session -- sh -c \
//     'printf pass | gnome-keyring-daemon --unlock --components=secrets >/dev/null; npx vitest run tests/integration/keychain.test.ts'
// With no keychain reachable the test is skipped, and says why.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { API_KEY_ACCOUNT, createKeytarStore, loadKeytar, probeKeytar, type KeytarLike } from '../../electron/secrets';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsxBin = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
const keytarModule = pathToFileURL(path.join(root, 'electron', 'secrets', 'keytar.ts')).href;
// Never the app's own service: running this on a desktop must not touch the user's real key.
const service = `Yibu Chat keychain test ${randomUUID()}`;

async function probe(): Promise<{ keytar: KeytarLike | null; skip: string | null }> {
  if (process.platform === 'linux' && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    return { keytar: null, skip: 'no DBUS_SESSION_BUS_ADDRESS, so no Secret Service to talk to' };
  }
  try {
    const keytar = await loadKeytar();
    await probeKeytar(keytar, service, 5000);
    // Reading can work where writing cannot (gnome-keyring started by D-Bus with no unlocked collection
    // and no one to answer its unlock prompt), so probe with a write.
    await keytar.setPassword(service, 'probe', 'probe');
    await keytar.deletePassword(service, 'probe');
    return { keytar, skip: null };
  } catch (err) {
    return { keytar: null, skip: `keytar cannot reach a keychain: ${err instanceof Error ? err.message : String(err)}` };
  }
}

const { keytar, skip } = await probe();
if (skip) console.warn(`[keychain.test] SKIPPED: ${skip.split('\n')[0]}`);

/** Reads the key through the keytar backend in a brand-new Node process. */
async function readInNewProcess(): Promise<string | null> {
  const script = `
    import(${JSON.stringify(keytarModule)}).then(async (m) => {
      const store = m.createKeytarStore(await m.loadKeytar(), process.env.YIBU_TEST_SERVICE);
      process.stdout.write(JSON.stringify({ pid: process.pid, value: await store.get(process.env.YIBU_TEST_ACCOUNT) }));
    }).catch((e) => { console.error(e); process.exit(1); });
  `;
  const { stdout } = await promisify(execFile)(tsxBin, ['-e', script], {
    cwd: root,
    env: { ...process.env, YIBU_TEST_SERVICE: service, YIBU_TEST_ACCOUNT: API_KEY_ACCOUNT },
    timeout: 30_000,
  });
  const out = JSON.parse(stdout) as { pid: number; value: string | null };
  expect(out.pid).not.toBe(process.pid);
  return out.value;
}

describe.skipIf(skip !== null)(`keytar backend on the real keychain${skip ? ` (skipped: ${skip.split('\n')[0]})` : ''}`, () => {
  afterAll(async () => {
    await keytar?.deletePassword(service, API_KEY_ACCOUNT).catch(() => false);
  });

  it('a key set here is read by a new process, and after delete another new process reads null', async () => {
    const store = createKeytarStore(keytar!, service);
    expect(store).toMatchObject({ backend: 'keychain', persistent: true });
    const key = `sk-test-${randomUUID()}-wxyz`;

    await store.set(API_KEY_ACCOUNT, key);
    expect(await readInNewProcess()).toBe(key);

    await store.delete(API_KEY_ACCOUNT);
    expect(await store.get(API_KEY_ACCOUNT)).toBeNull();
    expect(await readInNewProcess()).toBeNull();
  });
});
