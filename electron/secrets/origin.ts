// The origin (scheme://host:port) a stored API key was saved for. Kept in the same SecretStore as the
// key, under its own account, so key and binding live and die together (an environment key's binding
// is in memory like the key itself) and the database never learns anything about the key.
import type { SecretStore } from './types';

export const API_KEY_ORIGIN_ACCOUNT = 'api-key-origin';

export class KeyOriginBinding {
  /** the last value read or written; a keychain that cannot be written still binds for this run */
  private cached: string | null | undefined;

  constructor(
    private readonly store: SecretStore,
    /** each profile's binding has its own account (shared/profiles.ts) */
    private readonly account: string = API_KEY_ORIGIN_ACCOUNT,
  ) {}

  /** Throws when the store cannot be read: "unknown" must never pass for "not bound yet". */
  async get(): Promise<string | null> {
    if (this.cached !== undefined) return this.cached;
    const stored = await this.store.get(this.account);
    this.cached = stored?.trim() || null;
    return this.cached;
  }

  /** Binds the key to `origin`; throws when the store refuses (the binding still holds for this run). */
  async set(origin: string): Promise<void> {
    this.cached = origin;
    await this.store.set(this.account, origin);
  }

  async clear(): Promise<void> {
    this.cached = null;
    await this.store.delete(this.account);
  }
}
