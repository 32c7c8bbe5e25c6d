// The OS keychain through keytar: macOS Keychain, Windows Credential Manager, libsecret (Secret Service).
import { SERVICE_NAME, type SecretStore } from './types';

/** The part of keytar we use; tests inject a fake. */
export interface KeytarLike {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
  findCredentials(service: string): Promise<{ account: string; password: string }[]>;
}

/**
 * Loaded lazily so a missing or unbuildable native module is an error we can fall back from, not a crash
 * at start-up.
 */
export async function loadKeytar(): Promise<KeytarLike> {
  const mod = (await import('keytar')) as Partial<KeytarLike> & { default?: Partial<KeytarLike> };
  // keytar is CommonJS: the whole API is on `default`; Node's static analysis finds only some named exports.
  const k = [mod.default, mod].find(isKeytar);
  if (!k) throw new Error('keytar module has an unexpected shape');
  return k;
}

function isKeytar(m: Partial<KeytarLike> | undefined): m is KeytarLike {
  return (
    !!m &&
    typeof m.getPassword === 'function' &&
    typeof m.setPassword === 'function' &&
    typeof m.deletePassword === 'function' &&
    typeof m.findCredentials === 'function'
  );
}

/**
 * Resolves when the keychain answers a harmless query. Times out because libsecret can wait forever on a
 * locked keyring with no one to unlock it; the stuck call is abandoned, not cancelled.
 */
export async function probeKeytar(keytar: KeytarLike, service: string, timeoutMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`keychain did not answer within ${timeoutMs} ms`)), timeoutMs);
    timer.unref();
  });
  try {
    await Promise.race([keytar.findCredentials(service), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export function createKeytarStore(keytar: KeytarLike, service: string = SERVICE_NAME): SecretStore {
  return {
    backend: 'keychain',
    persistent: true,
    get: (account) => keytar.getPassword(service, account),
    set: (account, value) => keytar.setPassword(service, account, value),
    async delete(account) {
      await keytar.deletePassword(service, account); // false = there was none: fine
    },
  };
}
