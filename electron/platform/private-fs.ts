// Owner-only files and folders (0600 / 0700) for everything that may hold a user's chats: the database,
// logs and attachments. mkdir/open modes are masked by the umask and ignored for things that already
// exist, so each helper also chmods explicitly. Windows has no POSIX modes: there these are plain mkdir/open.
import fs from 'node:fs';
import fsp from 'node:fs/promises';

export const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/** Only what we own is ours to lock down (a --data-dir of /tmp must not turn /tmp private, nor fail). */
const ownedByUs = (uid: number) => process.getuid === undefined || uid === process.getuid();

/** Creates `dir` (and missing parents) owner-only, and makes an existing `dir` of ours owner-only. */
export function ensurePrivateDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX && ownedByUs(fs.statSync(dir).uid)) fs.chmodSync(dir, PRIVATE_DIR_MODE);
}

export async function ensurePrivateDirAsync(dir: string): Promise<void> {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (POSIX && ownedByUs((await fsp.stat(dir)).uid)) await fsp.chmod(dir, PRIVATE_DIR_MODE);
}

/** Creates `file` empty if missing, owner-only either way (before anyone writes into it). */
export function ensurePrivateFile(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', PRIVATE_FILE_MODE));
  if (POSIX) fs.chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes `file` owner-only when it exists (SQLite's -wal and -shm come and go). */
export function privatizeIfExists(file: string): void {
  if (!POSIX) return;
  try {
    fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
  }
}
