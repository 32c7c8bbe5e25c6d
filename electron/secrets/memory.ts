import type { SecretStore } from './types';

/** Keeps secrets for this run only: the fallback when no keychain and no real encryption is reachable. */
export function createMemoryStore(): SecretStore {
  return mapStore('memory', new Map());
}

/**
 * A key supplied by the environment (browser mode: YIBU_API_KEY). Kept in memory and never written;
 * `set` replaces it for this run only.
 */
export function createEnvironmentStore(apiKey: string, account: string): SecretStore {
  return mapStore('environment', new Map([[account, apiKey]]));
}

function mapStore(backend: 'memory' | 'environment', values: Map<string, string>): SecretStore {
  return {
    backend,
    persistent: false,
    async get(account) {
      return values.get(account) ?? null;
    },
    async set(account, value) {
      values.set(account, value);
    },
    async delete(account) {
      values.delete(account);
    },
  };
}
