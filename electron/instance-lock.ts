// One browser-mode app per data folder: two processes on one database would each mark the other's
// running answers `interrupted` at start and write over each other's messages. The lock is a file in the
// data folder holding the owner's pid and, once it listens, its URL. A lock whose pid is dead (the owner
// was killed) is stale and taken over. Electron has its own lock (app.requestSingleInstanceLock).
import { closeSync, linkSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import path from 'node:path';

export const LOCK_FILE = 'browser-mode.lock';

export interface LockInfo {
  pid: number;
  /** the address it serves, with its token (the file is the owner's only); null while it starts */
  url: string | null;
  startedAt: number;
}

export type LockResult = { ok: true; lock: InstanceLock } | { ok: false; holder: LockInfo };

export interface InstanceLock {
  /** Records the URL the app now serves, for a second start to name. */
  setUrl(url: string): void;
  /** Removes the lock if it is still this process's. */
  release(): void;
}

/** Whether a process with this pid exists (EPERM: it does, as another user's). */
export function pidAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockInfo | null {
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid !== 'number') return null;
    return { pid: v.pid, url: typeof v.url === 'string' ? v.url : null, startedAt: Number(v.startedAt) || 0 };
  } catch {
    return null;
  }
}

/** Writes the content to a fresh private file beside the lock (so the lock never appears half-written). */
function writeTemp(dir: string, info: LockInfo): string {
  const tmp = path.join(dir, `${LOCK_FILE}.${process.pid}.${Date.now()}.tmp`);
  const fd = openSync(tmp, 'wx', 0o600);
  try {
    writeSync(fd, JSON.stringify(info));
  } finally {
    closeSync(fd);
  }
  return tmp;
}

/**
 * Takes the data folder's lock, or says who holds it. The lock appears atomically (link of a complete
 * file, which fails if one exists). A stale lock is removed and the link tried again; two starts racing
 * over the same stale lock within the same instant could in theory both remove and link, which a person
 * starting the app twice by hand does not do.
 */
export function acquireInstanceLock(dataDir: string, alive: (pid: number) => boolean = pidAlive): LockResult {
  const file = path.join(dataDir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, url: null, startedAt: Date.now() };
  const tmp = writeTemp(dataDir, info);
  try {
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        linkSync(tmp, file);
        return { ok: true, lock: ownLock(dataDir, file, info) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      }
      const holder = readLock(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) return { ok: false, holder };
      // Dead owner, or unreadable: stale. Gone already (another start took it over and left)? Try again.
      try {
        unlinkSync(file);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
      }
    }
    const holder = readLock(file);
    if (holder) return { ok: false, holder };
    throw new Error(`could not take the lock ${file}`);
  } finally {
    unlinkSync(tmp);
  }
}

function ownLock(dir: string, file: string, info: LockInfo): InstanceLock {
  const mine = () => readLock(file)?.pid === process.pid;
  return {
    setUrl(url) {
      if (!mine()) return;
      // rename over our own lock: readers see the old or the new content, never a partial one
      renameSync(writeTemp(dir, { ...info, url }), file);
    },
    release() {
      try {
        if (mine()) unlinkSync(file);
      } catch {
        // already gone: nothing to release
      }
    },
  };
}
