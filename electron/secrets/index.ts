// Picks where the API key lives: environment (if given) → OS keychain → safeStorage-encrypted file → memory.
import path from 'node:path';
import type { Logger } from '../platform/types';
import { createEncryptedFileStore, SECRETS_FILE_NAME, safeStorageRefusal, type SafeStorageLike } from './encrypted-file';
import { createKeytarStore, loadKeytar, probeKeytar, type KeytarLike } from './keytar';
import { createEnvironmentStore, createMemoryStore } from './memory';
import { API_KEY_ACCOUNT, SERVICE_NAME, type SecretStore } from './types';

export { API_KEY_ACCOUNT, SERVICE_NAME, type SecretStore } from './types';
export { createMemoryStore, createEnvironmentStore } from './memory';
export { createKeytarStore, loadKeytar, probeKeytar, type KeytarLike } from './keytar';
export {
  createEncryptedFileStore,
  safeStorageRefusal,
  SECRETS_FILE_NAME,
  type SafeStorageLike,
  type EncryptedFileStoreOptions,
} from './encrypted-file';
export { keyHint, keyStatus } from './key-hint';

export interface CreateSecretStoreOptions {
  /** A key from the environment (browser mode passes process.env.YIBU_API_KEY). Wins when non-blank. */
  envApiKey?: string;
  /** Electron's safeStorage; without it (plain Node) there is no encrypted-file backend. */
  safeStorage?: SafeStorageLike;
  /** Where the encrypted file lives; required for that backend. */
  userDataDir?: string;
  logger?: Logger;
  /** The keychain service name; tests use their own so they never touch the user's key. */
  service?: string;
  /** Injected in tests; defaults to a dynamic import of keytar. */
  loadKeytar?: () => Promise<KeytarLike>;
  probeTimeoutMs?: number;
}

export async function createSecretStore(opts: CreateSecretStoreOptions = {}): Promise<SecretStore> {
  const log = opts.logger;
  const chosen = (store: SecretStore): SecretStore => {
    log?.info('secrets: using backend', { backend: store.backend, persistent: store.persistent });
    return store;
  };

  if (opts.envApiKey !== undefined && opts.envApiKey.trim() !== '') {
    return chosen(createEnvironmentStore(opts.envApiKey.trim(), API_KEY_ACCOUNT));
  }

  const service = opts.service ?? SERVICE_NAME;
  try {
    const keytar = await (opts.loadKeytar ?? loadKeytar)();
    await probeKeytar(keytar, service, opts.probeTimeoutMs ?? 5000);
    return chosen(createKeytarStore(keytar, service));
  } catch (err) {
    // Error messages from keytar/libsecret describe the D-Bus or module problem; no secret has been read yet.
    log?.warn('secrets: no OS keychain reachable, trying the next backend', { reason: reasonOf(err) });
  }

  if (opts.safeStorage) {
    const refusal = opts.userDataDir ? safeStorageRefusal(opts.safeStorage) : 'no userDataDir given';
    if (refusal === null) {
      try {
        const file = path.join(opts.userDataDir!, SECRETS_FILE_NAME);
        return chosen(createEncryptedFileStore({ safeStorage: opts.safeStorage, file, logger: log }));
      } catch (err) {
        log?.warn('secrets: encrypted file unavailable, trying the next backend', { reason: reasonOf(err) });
      }
    } else {
      log?.warn('secrets: not using an encrypted file', { reason: refusal });
    }
  }

  log?.warn('secrets: the API key will be kept in memory only and forgotten at exit');
  return chosen(createMemoryStore());
}

function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
