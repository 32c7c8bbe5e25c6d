import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate, MIGRATIONS, openDatabase, schemaVersion, type Db, type Migration } from '../../../electron/storage';
import { useTempDirs } from '../temp-dirs';

const temp = useTempDirs('db');
const tmpFile = (): string => path.join(temp.dir(), 'nested', 'chat.db');

const tables = (db: Db): string[] =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('openDatabase', () => {
  it('creates the file (and its folder) with the schema, WAL, foreign keys and a busy timeout', () => {
    const file = tmpFile();
    const db = openDatabase(file);
    expect(fs.existsSync(file)).toBe(true);
    expect(tables(db)).toEqual(expect.arrayContaining(['messages', 'schema_migrations', 'settings', 'threads']));
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('is idempotent on reopen: nothing is applied twice', () => {
    const file = tmpFile();
    openDatabase(file).close();
    const db = openDatabase(file);
    expect(migrate(db, MIGRATIONS)).toEqual([]);
    const rows = db.prepare('SELECT version, name FROM schema_migrations').all();
    expect(rows).toEqual(MIGRATIONS.map((m, i) => ({ version: i + 1, name: m.name })));
    db.close();
  });

  it('applies a migration added later exactly once, keeping the data', () => {
    const file = tmpFile();
    const v1 = openDatabase(file);
    v1.prepare("INSERT INTO settings (key, value) VALUES ('model', '\"m\"')").run();
    v1.close();

    let runs = 0;
    const next: Migration[] = [
      ...MIGRATIONS,
      { name: 'later', up: 'CREATE TABLE later_things (id TEXT PRIMARY KEY, message_id TEXT NOT NULL)' },
      {
        name: 'counted',
        up: (db) => {
          runs++;
          db.exec('ALTER TABLE later_things ADD COLUMN created_at INTEGER');
        },
      },
    ];
    const v2 = openDatabase(file, { migrations: next });
    expect(schemaVersion(v2)).toBe(MIGRATIONS.length + 2);
    expect(tables(v2)).toContain('later_things');
    expect(runs).toBe(1);
    v2.close();

    const again = openDatabase(file, { migrations: next });
    expect(runs).toBe(1);
    expect(again.prepare('SELECT value FROM settings WHERE key = ?').get('model')).toEqual({ value: '"m"' });
    again.close();
  });

  it('rolls back a failing migration as a whole and applies none of it', () => {
    const file = tmpFile();
    openDatabase(file).close();
    const broken: Migration[] = [
      ...MIGRATIONS,
      { name: 'half', up: 'CREATE TABLE half (id TEXT); SELECT * FROM no_such_table;' },
    ];
    expect(() => openDatabase(file, { migrations: broken })).toThrow(/no_such_table/);
    const db = openDatabase(file);
    expect(tables(db)).not.toContain('half');
    expect(schemaVersion(db)).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer version, or one whose history does not match', () => {
    const file = tmpFile();
    openDatabase(file, { migrations: [...MIGRATIONS, { name: 'future', up: 'SELECT 1' }] }).close();
    expect(() => openDatabase(file)).toThrow(/newer/);

    const other = tmpFile();
    openDatabase(other).close();
    const renamed = MIGRATIONS.map((m, i) => (i === 0 ? { ...m, name: 'renamed' } : m));
    expect(() => openDatabase(other, { migrations: renamed })).toThrow(/renamed/);
  });
});
