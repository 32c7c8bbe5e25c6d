// Secrets in a file encrypted by Electron's safeStorage: the fallback where keytar cannot reach a keychain.
// Used only with a real OS-backed encryption key (never `basic_text`, whose key is a constant).
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from '../platform/types';
import type { SecretStore } from './types';

/** The subset of Electron's `safeStorage` used here, injected so this file never imports electron. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  /** Linux only: 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown' */
  getSelectedStorageBackend?(): string;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

export const SECRETS_FILE_NAME = 'secrets.enc';
const MAGIC = Buffer.from('YIBU-SECRETS-1\n');

/** Why this safeStorage must not be used, or null when it is a real one. */
export function safeStorageRefusal(safeStorage: SafeStorageLike): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'safeStorage encryption is not available';
  const backend = safeStorage.getSelectedStorageBackend?.();
  // basic_text encrypts with a hard-coded password: as good as plaintext. unknown: asked before app ready.
  if (backend === 'basic_text' || backend === 'unknown') return `safeStorage backend is ${backend}`;
  return null;
}

export interface EncryptedFileStoreOptions {
  safeStorage: SafeStorageLike;
  /** the file to use, usually path.join(userDataDir, SECRETS_FILE_NAME) */
  file: string;
  logger?: Logger;
}

/** Throws if the safeStorage is not a real one (see safeStorageRefusal). */
export function createEncryptedFileStore(opts: EncryptedFileStoreOptions): SecretStore {
  const { safeStorage, file, logger } = opts;
  const refusal = safeStorageRefusal(safeStorage);
  if (refusal) throw new Error(refusal);
  let cache: Map<string, string> | null = null;

  function load(): Map<string, string> {
    if (cache) return cache;
    cache = new Map();
    let bytes: Buffer;
    try {
      bytes = fs.readFileSync(file);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return cache;
      throw err;
    }
    try {
      if (!bytes.subarray(0, MAGIC.length).equals(MAGIC)) throw new Error('not a secrets file');
      const entries: unknown = JSON.parse(safeStorage.decryptString(bytes.subarray(MAGIC.length)));
      if (!entries || typeof entries !== 'object') throw new Error('not a map');
      for (const [k, v] of Object.entries(entries)) if (typeof v === 'string') cache.set(k, v);
    } catch (err) {
      // e.g. the OS keyring was reset: the old key cannot be recovered; the next set() replaces the file.
      logger?.warn('secrets: the encrypted secrets file cannot be read; treating it as empty', {
        file,
        reason: err instanceof Error ? err.message : String(err),
      });
    }
    return cache;
  }

  function save(values: Map<string, string>): void {
    if (values.size === 0) {
      fs.rmSync(file, { force: true });
      return;
    }
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const encrypted = safeStorage.encryptString(JSON.stringify(Object.fromEntries(values)));
    const tmp = `${file}.tmp`;
    fs.rmSync(tmp, { force: true }); // 'wx' below: the file is created here, so the mode applies
    fs.writeFileSync(tmp, Buffer.concat([MAGIC, encrypted]), { mode: 0o600, flag: 'wx' });
    fs.renameSync(tmp, file);
    fs.chmodSync(file, 0o600);
  }

  return {
    backend: 'encrypted-file',
    persistent: true,
    async get(account) {
      return load().get(account) ?? null;
    },
    async set(account, value) {
      const next = new Map(load());
      next.set(account, value);
      save(next);
      cache = next;
    },
    async delete(account) {
      const current = load();
      if (!current.has(account)) return;
      const next = new Map(current);
      next.delete(account);
      save(next);
      cache = next;
    },
  };
}
