// Connection profiles (shared/profiles.ts): each with its own keychain entry bound to its own origin
// (key-access.ts, one KeyAccess per profile), its auth header style and an optional proxy. A thread is
// pinned to the profile it was first used with; switching is explicit (`assign`).
import type { KeyStatus } from '../../shared/domain';
import {
  DEFAULT_PROFILE_ID,
  normalizeProxyUrl,
  type AuthStyle,
  type Profile,
  type ProfileInput,
  type ProfileView,
} from '../../shared/profiles';
import type { Platform } from '../platform/types';
import type { SettingsRepo } from '../storage';
import type { ProfilesRepo } from '../storage/profiles';
import { checkBaseUrl } from './base-url';
import { AppFailure } from './failure';
import { KeyAccess, keyAccountsFor } from './key-access';
import { errorDetails } from './logger';
import type { Redactor } from './redact';

/** Where one request goes and how: what every request that carries a key uses. */
export interface ProfileTarget {
  profileId: string;
  baseUrl: string;
  apiKey: string;
  authStyle: AuthStyle;
  fetch: typeof globalThis.fetch;
}

export class ProfileService {
  private readonly keys = new Map<string, KeyAccess>();
  private readonly proxied = new Map<string, typeof globalThis.fetch>();

  constructor(
    private readonly platform: Platform,
    private readonly redactor: Redactor,
    private readonly settings: SettingsRepo,
    private readonly repo: ProfilesRepo,
    /** the default profile's KeyAccess (the one `key.*` routes use) */
    defaultKeys: KeyAccess,
  ) {
    this.keys.set(DEFAULT_PROFILE_ID, defaultKeys);
  }

  /** At start: every other profile's key is learnt for redaction and bound to its origin. */
  async init(): Promise<void> {
    for (const p of this.repo.list()) {
      if (p.id !== DEFAULT_PROFILE_ID) await this.keyAccess(p.id).init();
    }
  }

  get(id: string): Profile | null {
    const p = this.repo.get(id);
    if (!p || id !== DEFAULT_PROFILE_ID) return p;
    const s = this.settings.getSettings();
    return { ...p, baseUrl: s.baseUrl, authStyle: s.anthropicAuth };
  }

  must(id: string): Profile {
    const p = this.get(id);
    if (!p) throw AppFailure.of('not_found', 'That connection profile no longer exists.', { reason: 'profile_gone' });
    return p;
  }

  async list(): Promise<{ profiles: ProfileView[]; activeId: string }> {
    const profiles: ProfileView[] = [];
    for (const { id } of this.repo.list()) {
      const p = this.get(id);
      if (p) profiles.push({ ...p, key: await this.keyStatus(id) });
    }
    return { profiles, activeId: this.repo.activeId() };
  }

  async save(input: ProfileInput): Promise<ProfileView> {
    const baseUrl = checkBaseUrl(input.baseUrl);
    const proxyUrl = input.proxyUrl ? normalizeProxyUrl(input.proxyUrl) : null;
    if (input.proxyUrl && !proxyUrl) {
      throw AppFailure.of('invalid_input', 'The proxy must be an http(s)://host:port address.', { reason: 'bad_proxy' });
    }
    const before = input.id ? this.must(input.id) : null;
    const fields = { name: input.name, preset: input.preset, protocol: input.protocol, proxyUrl };
    let saved: Profile;
    if (before?.id === DEFAULT_PROFILE_ID) {
      // The Settings dialog's base URL and auth style are the default profile's: one place for each.
      this.settings.updateSettings({ baseUrl, anthropicAuth: input.authStyle });
      this.repo.save({ ...fields, id: DEFAULT_PROFILE_ID, baseUrl: '', authStyle: input.authStyle });
      saved = this.must(DEFAULT_PROFILE_ID);
    } else {
      saved = this.repo.save({ ...fields, id: before?.id, baseUrl, authStyle: input.authStyle });
    }
    if (before) await this.keyAccess(saved.id).baseUrlMoved(before.baseUrl, saved.baseUrl);
    return { ...saved, key: await this.keyStatus(saved.id) };
  }

  /** Deletes the profile and its keychain entry; threads pinned to it say so until another is chosen. */
  async delete(id: string): Promise<void> {
    if (id === DEFAULT_PROFILE_ID) throw AppFailure.of('invalid_input', 'The default profile cannot be deleted.', { reason: 'profile_default' });
    this.must(id);
    await this.keyAccess(id).remove();
    this.keys.delete(id);
    this.repo.delete(id);
    if (this.repo.activeId() === id) this.repo.setActive(DEFAULT_PROFILE_ID);
  }

  setKey(id: string, key: string): Promise<KeyStatus> {
    this.must(id);
    return this.keyAccess(id).set(key);
  }

  removeKey(id: string): Promise<KeyStatus> {
    this.must(id);
    return this.keyAccess(id).remove();
  }

  setActive(id: string): void {
    this.must(id);
    this.repo.setActive(id);
  }

  /** The thread's profile; a thread never used yet is pinned to the profile for new threads now. */
  forThread(threadId: string): string {
    const pinned = this.repo.forThread(threadId);
    if (pinned) return pinned;
    const active = this.repo.activeId();
    this.repo.assign(threadId, active);
    return active;
  }

  /** What a thread's profile-select shows: its profile, without pinning one that was never used. */
  peekThread(threadId: string): string {
    return this.repo.forThread(threadId) ?? this.repo.activeId();
  }

  assign(threadId: string, profileId: string): Profile {
    const p = this.must(profileId);
    this.repo.assign(threadId, profileId);
    return p;
  }

  /** The checked base URL, the key if it may go there, the header style and the fetch (proxy or not). */
  async target(profileId: string): Promise<ProfileTarget> {
    const p = this.must(profileId);
    const baseUrl = checkBaseUrl(p.baseUrl);
    const apiKey = await this.keyAccess(p.id).keyFor(baseUrl);
    return { profileId: p.id, baseUrl, apiKey, authStyle: p.authStyle, fetch: this.fetchFor(p) };
  }

  private fetchFor(p: Profile): typeof globalThis.fetch {
    if (!p.proxyUrl) return this.platform.fetch;
    if (!this.platform.fetchVia) {
      throw AppFailure.of('network', 'This build cannot use a proxy for a profile.', { reason: 'proxy_unsupported' });
    }
    let f = this.proxied.get(p.proxyUrl);
    if (!f) {
      f = this.platform.fetchVia(p.proxyUrl);
      this.proxied.set(p.proxyUrl, f);
    }
    return f;
  }

  private keyStatus(id: string): Promise<KeyStatus> {
    return this.keyAccess(id)
      .status()
      .catch((err: unknown) => {
        this.platform.logger.warn('reading a profile key failed', errorDetails(err));
        return { hasKey: false, hint: null, backend: this.platform.secrets.backend, persistent: this.platform.secrets.persistent };
      });
  }

  keyAccess(id: string): KeyAccess {
    let k = this.keys.get(id);
    if (!k) {
      const baseUrl = () => this.get(id)?.baseUrl ?? '';
      k = new KeyAccess(this.platform, this.redactor, () => ({ ...this.settings.getSettings(), baseUrl: baseUrl() }), keyAccountsFor(id));
      this.keys.set(id, k);
    }
    return k;
  }
}
