import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../shared/domain';
import { openDatabase, SettingsRepo, type CorruptRow } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('settings');
const tmpFile = (): string => temp.file();

describe('SettingsRepo', () => {
  it('returns the defaults on a new database', () => {
    const db = openDatabase(tmpFile());
    expect(new SettingsRepo(db).getSettings()).toEqual(DEFAULT_SETTINGS);
    db.close();
  });

  it('merges updates over the defaults and keeps them across a reopen', () => {
    const file = tmpFile();
    const db = openDatabase(file);
    const repo = new SettingsRepo(db);
    expect(repo.updateSettings({ baseUrl: 'http://127.0.0.1:9', maxTokens: 100 })).toEqual({
      ...DEFAULT_SETTINGS,
      baseUrl: 'http://127.0.0.1:9',
      maxTokens: 100,
    });
    repo.updateSettings({ theme: 'dark' });
    db.close();

    const again = openDatabase(file);
    expect(new SettingsRepo(again).getSettings()).toEqual({
      ...DEFAULT_SETTINGS,
      baseUrl: 'http://127.0.0.1:9',
      maxTokens: 100,
      theme: 'dark',
    });
    again.close();
  });

  it('rejects an unknown key (never an API key) and a bad value, storing nothing', () => {
    const db = openDatabase(tmpFile());
    const repo = new SettingsRepo(db);
    expect(() => repo.updateSettings({ apiKey: 'sk-secret' } as never)).toThrow();
    expect(() => repo.updateSettings({ theme: 'blue' } as never)).toThrow();
    expect(() => repo.updateSettings({ model: 'x', maxTokens: -1 })).toThrow();
    expect(repo.getSettings()).toEqual(DEFAULT_SETTINGS);
    expect(JSON.stringify(db.prepare('SELECT * FROM settings').all())).not.toContain('sk-secret');
    db.close();
  });

  it('falls back to the default for a stored value that no longer validates, and reports it', () => {
    const db = openDatabase(tmpFile());
    const reports: CorruptRow[] = [];
    const repo = new SettingsRepo(db, (r) => reports.push(r));
    repo.updateSettings({ model: 'claude-x' });
    const put = db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)');
    put.run('theme', '"neon"');
    put.run('locale', '{not json');
    put.run('droppedInOldVersion', '1');
    expect(repo.getSettings()).toEqual({ ...DEFAULT_SETTINGS, model: 'claude-x' });
    expect(reports.map((r) => r.id).sort()).toEqual(['locale', 'theme']);
    db.close();
  });
});
