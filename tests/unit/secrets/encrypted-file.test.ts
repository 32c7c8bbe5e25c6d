import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  API_KEY_ACCOUNT,
  createEncryptedFileStore,
  createSecretStore,
  SECRETS_FILE_NAME,
  type SafeStorageLike,
} from '../../../electron/secrets';
import type { Logger } from '../../../electron/platform/types';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('secrets');
const tmpDir = (): string => temp.dir();

/** Really transforms the bytes (a keyed XOR stream, like an OS key would), so plaintext cannot leak through. */
function fakeSafeStorage(backend: string | undefined = 'gnome_libsecret', secret = 0x5a): SafeStorageLike {
  const xor = (b: Buffer) => Buffer.from(b.map((x, i) => x ^ ((secret + i * 31) & 0xff)));
  const ss: SafeStorageLike = {
    isEncryptionAvailable: () => true,
    encryptString: (s) => Buffer.concat([Buffer.from('v11'), xor(Buffer.from(s, 'utf8'))]),
    decryptString: (b) => {
      if (b.subarray(0, 3).toString() !== 'v11') throw new Error('Error while decrypting the ciphertext');
      return xor(b.subarray(3)).toString('utf8');
    },
  };
  if (backend !== undefined) ss.getSelectedStorageBackend = () => backend;
  return ss;
}

function recordingLogger() {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, data?: Record<string, unknown>) =>
    void lines.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`);
  const logger: Logger = { info: rec('info'), warn: rec('warn'), error: rec('error') };
  return { logger, lines };
}

const noKeytar = async (): Promise<never> => {
  throw new Error("Cannot find module 'keytar'");
};
const KEY = 'sk-PLAINTEXT-should-never-hit-disk-1234';

describe('encrypted-file backend', () => {
  it('round-trips through a new store instance; the file is 0600 and never holds the plaintext', async () => {
    const dir = tmpDir();
    const file = path.join(dir, SECRETS_FILE_NAME);
    const store = createEncryptedFileStore({ safeStorage: fakeSafeStorage(), file });
    expect(store.backend).toBe('encrypted-file');
    expect(store.persistent).toBe(true);
    expect(await store.get(API_KEY_ACCOUNT)).toBeNull();
    await store.set(API_KEY_ACCOUNT, KEY);
    await store.set('other', 'second-secret-value');

    const bytes = fs.readFileSync(file);
    for (const needle of [KEY, 'second-secret-value', API_KEY_ACCOUNT, Buffer.from(KEY).toString('base64')]) {
      expect(bytes.includes(Buffer.from(needle))).toBe(false);
    }
    if (process.platform !== 'win32') expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.readdirSync(dir)).toEqual([SECRETS_FILE_NAME]); // no temp file left behind

    const reopened = createEncryptedFileStore({ safeStorage: fakeSafeStorage(), file });
    expect(await reopened.get(API_KEY_ACCOUNT)).toBe(KEY);
    expect(await reopened.get('other')).toBe('second-secret-value');

    await reopened.set(API_KEY_ACCOUNT, 'sk-replaced-0000');
    expect(await createEncryptedFileStore({ safeStorage: fakeSafeStorage(), file }).get(API_KEY_ACCOUNT)).toBe(
      'sk-replaced-0000',
    );
    await reopened.delete(API_KEY_ACCOUNT);
    await reopened.delete('never-set');
    expect(await reopened.get(API_KEY_ACCOUNT)).toBeNull();
    await reopened.delete('other');
    expect(fs.existsSync(file)).toBe(false); // nothing left: no file
  });

  it('keeps 0600 even if a stale temp file with a wide mode was left by a crash', async () => {
    if (process.platform === 'win32') return;
    const dir = tmpDir();
    const file = path.join(dir, SECRETS_FILE_NAME);
    fs.writeFileSync(`${file}.tmp`, 'junk', { mode: 0o644 });
    await createEncryptedFileStore({ safeStorage: fakeSafeStorage(), file }).set(API_KEY_ACCOUNT, KEY);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('treats an unreadable file as empty (logging why, not the secret) and replaces it on set', async () => {
    const dir = tmpDir();
    const file = path.join(dir, SECRETS_FILE_NAME);
    await createEncryptedFileStore({ safeStorage: fakeSafeStorage('kwallet', 1), file }).set(API_KEY_ACCOUNT, KEY);
    const { logger, lines } = recordingLogger();
    // another OS key (say the keyring was reset): decrypts to garbage
    const store = createEncryptedFileStore({ safeStorage: fakeSafeStorage('kwallet', 2), file, logger });
    expect(await store.get(API_KEY_ACCOUNT)).toBeNull();
    expect(lines.some((l) => l.startsWith('warn'))).toBe(true);
    expect(lines.join('\n')).not.toContain(KEY);
    await store.set(API_KEY_ACCOUNT, 'sk-new-value-9999');
    expect(await createEncryptedFileStore({ safeStorage: fakeSafeStorage('kwallet', 2), file }).get(API_KEY_ACCOUNT)).toBe(
      'sk-new-value-9999',
    );
  });

  it('refuses basic_text, unknown and unavailable encryption', () => {
    const file = path.join(tmpDir(), SECRETS_FILE_NAME);
    expect(() => createEncryptedFileStore({ safeStorage: fakeSafeStorage('basic_text'), file })).toThrow(/basic_text/);
    expect(() => createEncryptedFileStore({ safeStorage: fakeSafeStorage('unknown'), file })).toThrow(/unknown/);
    const off = { ...fakeSafeStorage(), isEncryptionAvailable: () => false };
    expect(() => createEncryptedFileStore({ safeStorage: off, file })).toThrow(/not available/);
    // macOS and Windows have no getSelectedStorageBackend: their safeStorage is always OS-backed
    expect(() => createEncryptedFileStore({ safeStorage: fakeSafeStorage(undefined), file })).not.toThrow();
  });
});

describe('createSecretStore without a keychain', () => {
  it('uses the encrypted file with a real safeStorage, and logs why the keychain was skipped', async () => {
    const dir = tmpDir();
    const { logger, lines } = recordingLogger();
    const store = await createSecretStore({ safeStorage: fakeSafeStorage(), userDataDir: dir, logger, loadKeytar: noKeytar });
    expect(store.backend).toBe('encrypted-file');
    await store.set(API_KEY_ACCOUNT, KEY);
    expect(fs.existsSync(path.join(dir, SECRETS_FILE_NAME))).toBe(true);
    expect(lines.join('\n')).toMatch(/Cannot find module 'keytar'/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('falls back to memory for basic_text and writes nothing', async () => {
    const dir = tmpDir();
    const { logger, lines } = recordingLogger();
    const store = await createSecretStore({
      safeStorage: fakeSafeStorage('basic_text'),
      userDataDir: dir,
      logger,
      loadKeytar: noKeytar,
    });
    expect(store).toMatchObject({ backend: 'memory', persistent: false });
    await store.set(API_KEY_ACCOUNT, KEY);
    expect(await store.get(API_KEY_ACCOUNT)).toBe(KEY);
    expect(fs.readdirSync(dir)).toEqual([]);
    expect(lines.join('\n')).toMatch(/basic_text/);
    expect(lines.join('\n')).toMatch(/memory only/);
    expect(lines.join('\n')).not.toContain(KEY);
  });

  it('falls back to memory with no safeStorage (plain Node) or no userDataDir', async () => {
    expect((await createSecretStore({ loadKeytar: noKeytar })).backend).toBe('memory');
    expect((await createSecretStore({ loadKeytar: noKeytar, safeStorage: fakeSafeStorage() })).backend).toBe('memory');
  });
});
