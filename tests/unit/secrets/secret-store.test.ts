import { describe, expect, it, vi } from 'vitest';
import {
  API_KEY_ACCOUNT,
  createEnvironmentStore,
  createMemoryStore,
  createSecretStore,
  keyHint,
  keyStatus,
  loadKeytar,
  SERVICE_NAME,
  type KeytarLike,
  type SafeStorageLike,
} from '../../../electron/secrets';
import type { Logger } from '../../../electron/platform/types';

function fakeKeytar(overrides: Partial<KeytarLike> = {}): KeytarLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getPassword: async (s, a) => data.get(`${s}/${a}`) ?? null,
    setPassword: async (s, a, p) => void data.set(`${s}/${a}`, p),
    deletePassword: async (s, a) => data.delete(`${s}/${a}`),
    findCredentials: async () => [],
    ...overrides,
  };
}

function recordingLogger() {
  const lines: string[] = [];
  const rec = (level: string) => (msg: string, data?: Record<string, unknown>) =>
    void lines.push(`${level} ${msg} ${JSON.stringify(data ?? {})}`);
  const logger: Logger = { info: rec('info'), warn: rec('warn'), error: rec('error') };
  return { logger, lines };
}

const safeStorageSpy = (): SafeStorageLike => ({
  isEncryptionAvailable: vi.fn(() => false),
  encryptString: vi.fn(() => Buffer.alloc(0)),
  decryptString: vi.fn(() => ''),
});

describe('memory and environment backends', () => {
  it('memory: set, get, delete; not persistent', async () => {
    const s = createMemoryStore();
    expect(s).toMatchObject({ backend: 'memory', persistent: false });
    expect(await s.get(API_KEY_ACCOUNT)).toBeNull();
    await s.set(API_KEY_ACCOUNT, 'sk-1');
    expect(await s.get(API_KEY_ACCOUNT)).toBe('sk-1');
    await s.delete(API_KEY_ACCOUNT);
    expect(await s.get(API_KEY_ACCOUNT)).toBeNull();
    expect(await createMemoryStore().get(API_KEY_ACCOUNT)).toBeNull(); // instances share nothing
  });

  it('environment: serves the given key; set replaces it for this run only', async () => {
    const s = createEnvironmentStore('sk-env-abcd', API_KEY_ACCOUNT);
    expect(s).toMatchObject({ backend: 'environment', persistent: false });
    expect(await s.get(API_KEY_ACCOUNT)).toBe('sk-env-abcd');
    await s.set(API_KEY_ACCOUNT, 'sk-typed-in');
    expect(await s.get(API_KEY_ACCOUNT)).toBe('sk-typed-in');
    await s.delete(API_KEY_ACCOUNT);
    expect(await s.get(API_KEY_ACCOUNT)).toBeNull();
  });
});

describe('loadKeytar', () => {
  it('finds the whole CommonJS API (Node exposes only some of it as named exports)', async () => {
    const k = await loadKeytar();
    for (const fn of ['getPassword', 'setPassword', 'deletePassword', 'findCredentials'] as const) {
      expect(typeof k[fn]).toBe('function');
    }
  });
});

describe('createSecretStore fallback order', () => {
  it('an environment key wins and the keychain is never touched', async () => {
    const loadKeytar = vi.fn(async () => fakeKeytar());
    const safeStorage = safeStorageSpy();
    const { logger, lines } = recordingLogger();
    const s = await createSecretStore({ envApiKey: ' sk-from-env-9876 ', loadKeytar, safeStorage, userDataDir: '/nonexistent', logger });
    expect(s.backend).toBe('environment');
    expect(await s.get(API_KEY_ACCOUNT)).toBe('sk-from-env-9876');
    expect(loadKeytar).not.toHaveBeenCalled();
    expect(safeStorage.encryptString).not.toHaveBeenCalled();
    expect(lines.join('\n')).not.toContain('sk-from-env');
  });

  it('a blank environment key is ignored', async () => {
    const s = await createSecretStore({ envApiKey: '  ', loadKeytar: async () => fakeKeytar() });
    expect(s.backend).toBe('keychain');
  });

  it('uses keytar when its probe answers, under SERVICE_NAME by default', async () => {
    const k = fakeKeytar();
    const findCredentials = vi.spyOn(k, 'findCredentials');
    const s = await createSecretStore({ loadKeytar: async () => k });
    expect(s).toMatchObject({ backend: 'keychain', persistent: true });
    expect(findCredentials).toHaveBeenCalledWith(SERVICE_NAME);
    await s.set(API_KEY_ACCOUNT, 'sk-kc');
    expect(k.data.get(`${SERVICE_NAME}/${API_KEY_ACCOUNT}`)).toBe('sk-kc');
    expect(await s.get(API_KEY_ACCOUNT)).toBe('sk-kc');
    await s.delete(API_KEY_ACCOUNT);
    await s.delete(API_KEY_ACCOUNT); // deleting nothing is fine
    expect(await s.get(API_KEY_ACCOUNT)).toBeNull();
  });

  it.each([
    ['the native module fails to load', { load: 'throw' }],
    ['the Secret Service is not reachable', { probe: 'reject' }],
    ['the keychain never answers', { probe: 'hang' }],
  ] as const)('falls through when %s, logging the reason', async (_, how) => {
    const k = fakeKeytar({
      findCredentials:
        'probe' in how && how.probe === 'hang'
          ? () => new Promise(() => {})
          : async () => {
              if ('probe' in how) throw new Error('The name org.freedesktop.secrets was not provided by any .service files');
              return [];
            },
    });
    const loadKeytar = async () => {
      if ('load' in how) throw new Error('keytar.node: cannot open shared object file');
      return k;
    };
    const { logger, lines } = recordingLogger();
    const s = await createSecretStore({ loadKeytar, logger, probeTimeoutMs: 50, safeStorage: safeStorageSpy(), userDataDir: '/x' });
    expect(s).toMatchObject({ backend: 'memory', persistent: false });
    const warnings = lines.filter((l) => l.startsWith('warn')).join('\n');
    expect(warnings).toMatch(/keychain/);
    expect(warnings).toMatch(/cannot open shared object|org\.freedesktop\.secrets|did not answer within 50 ms/);
    expect(warnings).toMatch(/not available/); // and why the encrypted file was not used either
  });
});

describe('keyHint and keyStatus', () => {
  it('shows the last four characters only', () => {
    expect(keyHint('sk-1234567890abcd')).toBe('…abcd');
    expect(keyHint('  sk-1234567890abcd\n')).toBe('…abcd');
    expect(keyHint('密钥密钥密钥一二三四')).toBe('…一二三四');
    expect(keyHint('sk-🔑🔑🔑🔑🔑')).toBe('…🔑🔑🔑🔑');
    expect(keyHint('short')).toBe('…'); // too short to show any of it
    expect(keyHint('')).toBe('');
  });

  it('reports status without the key', async () => {
    const s = createMemoryStore();
    expect(await keyStatus(s)).toEqual({ hasKey: false, hint: null, backend: 'memory', persistent: false });
    await s.set(API_KEY_ACCOUNT, 'sk-abcdefgh1234');
    expect(await keyStatus(s)).toEqual({ hasKey: true, hint: '…1234', backend: 'memory', persistent: false });
  });
});
