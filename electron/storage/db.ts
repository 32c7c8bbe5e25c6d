// Opening the SQLite database and bringing its schema up to date.
import path from 'node:path';
import Database from 'better-sqlite3';
import { ensurePrivateDir, ensurePrivateFile, privatizeIfExists } from '../platform/private-fs';
import { registerGramsFunction } from './grams';
import { MIGRATIONS, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenDatabaseOptions {
  /** Defaults to MIGRATIONS; tests pass a longer list to check that migration N+1 applies once. */
  migrations?: readonly Migration[];
  /** ms to wait on a lock held by another connection before failing with SQLITE_BUSY */
  busyTimeoutMs?: number;
}

/** Opens (creating if needed) the database file and applies every pending migration. */
export function openDatabase(file: string, opts: OpenDatabaseOptions = {}): Db {
  const onDisk = file !== ':memory:' && file !== '';
  if (onDisk) {
    // Owner-only before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
    ensurePrivateDir(path.dirname(file));
    ensurePrivateFile(file);
    for (const suffix of ['-wal', '-shm', '-journal']) privatizeIfExists(file + suffix);
  }
  const db = new Database(file);
  try {
    // Before any statement: the gram index's triggers (and its migration) call it.
    registerGramsFunction(db);
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(opts.busyTimeoutMs ?? 5000))}`);
    db.pragma('journal_mode = WAL');
    if (onDisk) for (const suffix of ['-wal', '-shm']) privatizeIfExists(file + suffix);
    // NORMAL is durable across a crash of the app in WAL mode; only a power cut can lose the last commits.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    migrate(db, opts.migrations ?? MIGRATIONS);
  } catch (err) {
    db.close();
    throw err;
  }
  return db;
}

/** Version N is migrations[N - 1]. Returns the versions applied by this call. */
export function migrate(db: Db, migrations: readonly Migration[]): number[] {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  )`);
  const appliedRows = db.prepare('SELECT version, name FROM schema_migrations ORDER BY version');
  const insert = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');

  // IMMEDIATE: a second process opening the same file waits instead of applying the same step twice.
  return db
    .transaction((): number[] => {
      const applied = appliedRows.all() as { version: number; name: string }[];
      for (const row of applied) {
        const known = migrations[row.version - 1];
        if (!known) {
          throw new Error(
            `database schema version ${row.version} is newer than this app knows (${migrations.length}); ` +
              'it was written by a newer version of Yibu Chat',
          );
        }
        if (known.name !== row.name) {
          throw new Error(`migration ${row.version} was applied as "${row.name}" but is now "${known.name}"`);
        }
      }
      const done: number[] = [];
      for (let v = applied.length + 1; v <= migrations.length; v++) {
        const m = migrations[v - 1]!;
        if (typeof m.up === 'string') db.exec(m.up);
        else m.up(db);
        insert.run(v, m.name, Date.now());
        done.push(v);
      }
      if (done.length > 0) db.pragma(`user_version = ${migrations.length}`);
      return done;
    })
    .immediate();
}

export function schemaVersion(db: Db): number {
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}
