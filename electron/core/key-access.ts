// The API key goes only where it was given: to the origin (scheme://host:port) of the base URL in
// effect when `key.set` ran. Every request that carries the key asks `keyFor` first; when the base URL
// has moved to another origin nothing is sent until the key is entered again or (Electron) the user
// confirms the move in main's own dialog.
import type { KeyStatus, Settings } from '../../shared/domain';
import { originOf } from '../../shared/url';
import type { Platform } from '../platform/types';
import { keyStatus as readKeyStatus } from '../secrets/key-hint';
import { API_KEY_ORIGIN_ACCOUNT, KeyOriginBinding } from '../secrets/origin';
import { DEFAULT_PROFILE_ID } from '../../shared/profiles';
import { API_KEY_ACCOUNT } from '../secrets/types';
import { AppFailure } from './failure';
import { keyMoveText } from './key-move-text';
import { errorDetails } from './logger';
import type { Redactor } from './redact';

export interface KeyAccounts {
  key: string;
  origin: string;
}

export const DEFAULT_KEY_ACCOUNTS: KeyAccounts = { key: API_KEY_ACCOUNT, origin: API_KEY_ORIGIN_ACCOUNT };

/** One keychain entry per profile: the default profile keeps the accounts it had before profiles. */
export function keyAccountsFor(profileId: string): KeyAccounts {
  return profileId === DEFAULT_PROFILE_ID
    ? DEFAULT_KEY_ACCOUNTS
    : { key: `${API_KEY_ACCOUNT}:${profileId}`, origin: `${API_KEY_ORIGIN_ACCOUNT}:${profileId}` };
}

export class KeyAccess {
  private readonly binding: KeyOriginBinding;

  constructor(
    private readonly platform: Platform,
    private readonly redactor: Redactor,
    /** the settings in effect (a --base-url override included) */
    private readonly settings: () => Settings,
    /** the keychain accounts of one profile's key and its origin (the default profile's by default) */
    private readonly accounts: KeyAccounts = DEFAULT_KEY_ACCOUNTS,
  ) {
    this.binding = new KeyOriginBinding(platform.secrets, accounts.origin);
  }

  private get secrets() {
    return this.platform.secrets;
  }

  private currentOrigin(): string | null {
    return originOf(this.settings().baseUrl);
  }

  /**
   * At start: learn the key for redaction, and bind a key saved before origins were recorded (or one
   * from YIBU_API_KEY) to the origin in effect now, so a later change of the base URL cannot take it along.
   */
  async init(): Promise<void> {
    const key = await this.secrets.get(this.accounts.key).catch(() => null);
    this.redactor.add(key);
    if (key) {
      await this.bindIfUnbound(this.currentOrigin()).catch((err: unknown) =>
        this.platform.logger.warn('reading the key origin failed; the key is not sent until it can be read', errorDetails(err)),
      );
    }
  }

  async status(): Promise<KeyStatus> {
    const status = await readKeyStatus(this.secrets, this.accounts.key);
    if (!status.hasKey) return status;
    let origin: string | null;
    try {
      origin = await this.binding.get();
    } catch {
      return { ...status, origin: null, originMatches: false }; // unknown: nothing is sent meanwhile
    }
    const current = this.currentOrigin();
    return { ...status, origin, originMatches: origin === null || origin === current };
  }

  /** Stores the key and binds it to the current base URL's origin. */
  async set(key: string): Promise<KeyStatus> {
    this.redactor.add(key);
    const origin = this.currentOrigin();
    try {
      await this.secrets.set(this.accounts.key, key);
      if (origin) await this.binding.set(origin);
      else await this.binding.clear();
    } catch (err) {
      this.platform.logger.error('saving the key failed', errorDetails(err));
      throw AppFailure.of('storage', 'The key could not be saved to the keychain.');
    }
    return this.status();
  }

  async remove(): Promise<KeyStatus> {
    await this.secrets.delete(this.accounts.key);
    await this.binding.clear().catch((err: unknown) => this.platform.logger.warn('forgetting the key origin failed', errorDetails(err)));
    return this.status();
  }

  /**
   * The key, if it may go to `baseUrl`: `auth` when there is none, `key_origin` when it was saved for
   * another origin (nothing is sent then).
   */
  async keyFor(baseUrl: string): Promise<string> {
    const key = await this.secrets.get(this.accounts.key);
    if (!key) throw AppFailure.of('auth', 'No API key is set. Add one in Settings.');
    const target = originOf(baseUrl);
    if (!target) throw AppFailure.of('invalid_input', 'The base URL is not a valid http(s) address.');
    let saved: string;
    try {
      saved = (await this.bindIfUnbound(target)) ?? target;
    } catch (err) {
      this.platform.logger.error('reading the key origin failed', errorDetails(err));
      throw AppFailure.of('storage', 'Where the key may be sent could not be read from the keychain; nothing was sent.');
    }
    if (saved !== target) {
      const confirmable = Boolean(this.platform.confirmKeyMove);
      const hint = confirmable ? `Enter it again for ${target}, or confirm in Settings.` : `Enter it again for ${target}.`;
      throw AppFailure.of('key_origin', `Your key was saved for ${saved}. ${hint}`, {
        origins: { saved, target },
        reason: confirmable ? 'reenter_or_confirm' : 'reenter',
      });
    }
    this.redactor.add(key);
    return key;
  }

  /**
   * The base URL moved from `from` to `to`. The key stays bound where it was: an older key still
   * unbound belongs to where it was being used until now. Nothing is asked here: the user may be
   * typing a new key in the same form; the settings ask for re-entry or call `confirmMove`.
   */
  async baseUrlMoved(from: string, to: string): Promise<void> {
    if (originOf(from) === originOf(to)) return;
    const key = await this.secrets.get(this.accounts.key).catch(() => null);
    if (key) await this.bindIfUnbound(originOf(from)).catch(() => undefined); // unreadable: requests refuse anyway
  }

  /**
   * Electron: main asks in its own native dialog (never the renderer's word) whether the key may go to
   * the current origin, and binds it there on yes. Browser mode has no dialog: re-entry only.
   */
  async confirmMove(): Promise<KeyStatus> {
    const key = await this.secrets.get(this.accounts.key).catch(() => null);
    const saved = await this.binding.get().catch(() => null);
    const current = this.currentOrigin();
    if (key && saved !== null && current !== null) await this.askToMove(saved, current);
    return this.status();
  }

  private async askToMove(saved: string, toOrigin: string): Promise<void> {
    if (saved === toOrigin || !this.platform.confirmKeyMove) return;
    const s = this.settings();
    const text = keyMoveText(s.locale, this.platform.systemLocale(), saved, toOrigin);
    let allowed = false;
    try {
      allowed = await this.platform.confirmKeyMove(saved, toOrigin, text);
    } catch (err) {
      this.platform.logger.warn('the key move dialog failed', errorDetails(err));
    }
    if (!allowed) return;
    await this.binding.set(toOrigin).catch((err: unknown) => this.platform.logger.warn('storing the key origin failed', errorDetails(err)));
    this.platform.logger.info('key moved to a new origin by the user', { from: saved, to: toOrigin });
  }

  /** The bound origin; an unbound key is bound to `origin` first (the migration of older keys). */
  private async bindIfUnbound(origin: string | null): Promise<string | null> {
    const saved = await this.binding.get();
    if (saved !== null || origin === null) return saved;
    await this.binding.set(origin).catch((err: unknown) => this.platform.logger.warn('storing the key origin failed', errorDetails(err)));
    this.platform.logger.info('key bound to its origin', { origin });
    return origin;
  }
}
