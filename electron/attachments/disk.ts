import { randomBytes } from 'node:crypto';
import { readdir, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { ensurePrivateDirAsync, PRIVATE_FILE_MODE } from '../platform/private-fs';
import type { Attachment } from './types';

/**
 * On-disk layout. Every file is written to tmp/ and renamed into place, so a crash never leaves half a
 * file under a real name; the meta record is written last and is what makes an attachment exist.
 *
 *   originals/<sha256>          the bytes as received (content-addressed: same bytes, one file)
 *   meta/<sha256>.json          StoredRecord
 *   thumbs/<sha256>.webp        thumbnail
 *   derived/<sha256>/<key>.bin  upload-ready image for one set of limits, with <key>.json beside it
 *   tmp/                        files being written
 */
export interface Layout {
  originals: string;
  meta: string;
  thumbs: string;
  derived: string;
  tmp: string;
}

export function layoutOf(dir: string): Layout {
  return {
    originals: join(dir, 'originals'),
    meta: join(dir, 'meta'),
    thumbs: join(dir, 'thumbs'),
    derived: join(dir, 'derived'),
    tmp: join(dir, 'tmp'),
  };
}

/** Ids reach main from the renderer: only a bare SHA-256 may ever become part of a path. */
export function isAttachmentId(id: unknown): id is string {
  return typeof id === 'string' && /^[0-9a-f]{64}$/.test(id);
}

export interface StoredRecord {
  v: 1;
  attachment: Attachment;
  /** EXIF orientation of the original (1 = none) */
  orientation?: number;
  thumbnail?: { width: number; height: number };
  createdAt: number;
}

export interface DerivedRecord {
  v: 1;
  mime: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  bytes: number;
  quality?: number;
}

const STALE_TMP_MS = 60 * 60 * 1000;

export async function ensureLayout(l: Layout): Promise<void> {
  // Owner-only: attachments are the user's photos and documents.
  await ensurePrivateDirAsync(dirname(l.originals));
  await Promise.all(Object.values(l).map((d) => ensurePrivateDirAsync(d)));
  // leftovers of a crash; recent ones may belong to a write in progress
  const now = Date.now();
  for (const name of await readdir(l.tmp)) {
    const p = join(l.tmp, name);
    const s = await stat(p).catch(() => null);
    if (s && now - s.mtimeMs > STALE_TMP_MS) await rm(p, { force: true });
  }
}

export function tmpPath(l: Layout): string {
  return join(l.tmp, randomBytes(12).toString('hex'));
}

export async function writeAtomic(l: Layout, dest: string, data: Uint8Array | string): Promise<void> {
  const tmp = tmpPath(l);
  try {
    await writeFile(tmp, data, { flag: 'wx', mode: PRIVATE_FILE_MODE });
    await rename(tmp, dest);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
}

export async function readJson<T>(path: string): Promise<T | null> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as T;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

export function paths(l: Layout, id: string) {
  return {
    original: join(l.originals, id),
    meta: join(l.meta, `${id}.json`),
    thumb: join(l.thumbs, `${id}.webp`),
    derivedDir: join(l.derived, id),
    derivedBin: (key: string) => join(l.derived, id, `${key}.bin`),
    derivedMeta: (key: string) => join(l.derived, id, `${key}.json`),
  };
}
