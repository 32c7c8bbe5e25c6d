// Connection profiles, which profile each thread uses, and which one new threads get.
// The default profile's base URL and auth style live in settings (see migrations.ts § profiles).
import { randomUUID } from 'node:crypto';
import { Protocol } from '../../shared/domain';
import { AuthStyle, DEFAULT_PROFILE_ID, ProfilePreset, type Profile } from '../../shared/profiles';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';

interface ProfileRow {
  id: string;
  name: string;
  preset: string;
  base_url: string;
  protocol: string;
  auth_style: string;
  proxy_url: string | null;
}

const COLUMNS = 'id, name, preset, base_url, protocol, auth_style, proxy_url';
const ACTIVE_KEY = 'active';

export class ProfilesRepo {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      list: db.prepare<[], ProfileRow>(`SELECT ${COLUMNS} FROM profiles ORDER BY created_at, rowid`),
      get: db.prepare<[string], ProfileRow>(`SELECT ${COLUMNS} FROM profiles WHERE id = ?`),
      upsert: db.prepare(
        `INSERT INTO profiles (${COLUMNS}, created_at)
         VALUES (@id, @name, @preset, @base_url, @protocol, @auth_style, @proxy_url, @created_at)
         ON CONFLICT (id) DO UPDATE SET name = excluded.name, preset = excluded.preset, base_url = excluded.base_url,
           protocol = excluded.protocol, auth_style = excluded.auth_style, proxy_url = excluded.proxy_url`,
      ),
      delete: db.prepare<[string]>('DELETE FROM profiles WHERE id = ?'),
      threadGet: db.prepare<[string], { profile_id: string }>('SELECT profile_id FROM thread_profiles WHERE thread_id = ?'),
      threadSet: db.prepare<[string, string]>(
        `INSERT INTO thread_profiles (thread_id, profile_id) VALUES (?, ?)
         ON CONFLICT (thread_id) DO UPDATE SET profile_id = excluded.profile_id`,
      ),
      stateGet: db.prepare<[string], { value: string }>('SELECT value FROM profile_state WHERE key = ?'),
      stateSet: db.prepare<[string, string]>(
        'INSERT INTO profile_state (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      ),
    };
  }

  list(): Profile[] {
    return this.stmt.list.all().flatMap((r) => this.fromRow(r) ?? []);
  }

  get(id: string): Profile | null {
    const row = this.stmt.get.get(id);
    return row ? this.fromRow(row) : null;
  }

  /** Inserts or replaces; a new profile gets a random id. */
  save(p: Omit<Profile, 'id'> & { id?: string }): Profile {
    const id = p.id ?? randomUUID();
    this.stmt.upsert.run({
      id,
      name: p.name,
      preset: p.preset,
      base_url: p.baseUrl,
      protocol: p.protocol,
      auth_style: p.authStyle,
      proxy_url: p.proxyUrl,
      created_at: Date.now(),
    });
    return { ...p, id };
  }

  delete(id: string): void {
    this.stmt.delete.run(id);
  }

  /** The profile a thread was pinned to, or null when it has never been used. */
  forThread(threadId: string): string | null {
    return this.stmt.threadGet.get(threadId)?.profile_id ?? null;
  }

  /** Pins a thread to a profile (the thread must exist: the row goes with it). */
  assign(threadId: string, profileId: string): void {
    this.stmt.threadSet.run(threadId, profileId);
  }

  /** The profile new threads get; the default one until the user picks another. */
  activeId(): string {
    const id = this.stmt.stateGet.get(ACTIVE_KEY)?.value;
    return id && this.stmt.get.get(id) ? id : DEFAULT_PROFILE_ID;
  }

  setActive(id: string): void {
    this.stmt.stateSet.run(ACTIVE_KEY, id);
  }

  private fromRow(r: ProfileRow): Profile | null {
    const preset = ProfilePreset.safeParse(r.preset);
    const protocol = Protocol.safeParse(r.protocol);
    const auth = AuthStyle.safeParse(r.auth_style);
    if (!preset.success || !protocol.success || !auth.success) {
      this.onCorrupt?.({ table: 'profiles', id: r.id, issue: 'unknown preset, protocol or auth style' });
      return null;
    }
    return {
      id: r.id,
      name: r.name,
      preset: preset.data,
      baseUrl: r.base_url,
      protocol: protocol.data,
      authStyle: auth.data,
      proxyUrl: r.proxy_url,
    };
  }
}
