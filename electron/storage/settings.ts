// App settings: one JSON value per key, merged over DEFAULT_SETTINGS. The API key never lives here.
import { DEFAULT_SETTINGS, Settings } from '../../shared/domain';
import type { Db } from './db';
import type { CorruptReporter } from './corrupt';

/** strict: an unknown key (say, `apiKey`) is an error, so nothing but settings is ever stored here */
export const SettingsPatch = Settings.partial().strict();
export type SettingsPatch = Partial<Settings>;

const FIELDS = Object.keys(Settings.shape) as (keyof Settings)[];

export class SettingsRepo {
  private readonly selectAll;
  private readonly upsert;
  /** --base-url of an unpackaged run: the effective base URL for this run only, never written */
  private baseUrlOverride: string | null = null;

  constructor(
    private readonly db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.selectAll = db.prepare<[], { key: string; value: string }>('SELECT key, value FROM settings');
    this.upsert = db.prepare<[string, string]>(
      'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
  }

  /** Stored values over the defaults. A stored value that no longer validates falls back to its default. */
  getSettings(): Settings {
    const out: Record<string, unknown> = { ...DEFAULT_SETTINGS };
    for (const { key, value } of this.selectAll.all()) {
      if (!(FIELDS as string[]).includes(key)) continue; // a setting a later version dropped
      const field = Settings.shape[key as keyof Settings];
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        this.onCorrupt?.({ table: 'settings', id: key, issue: 'invalid JSON' });
        continue;
      }
      const r = field.safeParse(parsed);
      if (r.success) out[key] = r.data;
      else this.onCorrupt?.({ table: 'settings', id: key, issue: r.error.message });
    }
    if (this.baseUrlOverride !== null) out.baseUrl = this.baseUrlOverride;
    return Settings.parse(out);
  }

  /** Makes `url` the base URL until the process ends or the user saves one; nothing is written. */
  overrideBaseUrl(url: string | null): void {
    this.baseUrlOverride = url;
  }

  /** Validates the patch (throws a ZodError on an unknown key or a bad value) and returns the result. */
  updateSettings(patch: SettingsPatch): Settings {
    const valid = SettingsPatch.parse(patch);
    // A base URL the user saves is theirs: it replaces a command-line override from here on.
    if (valid.baseUrl !== undefined) this.baseUrlOverride = null;
    this.db.transaction(() => {
      for (const [key, value] of Object.entries(valid)) {
        if (value !== undefined) this.upsert.run(key, JSON.stringify(value));
      }
    })();
    return this.getSettings();
  }
}
