import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { PRIVATE_FILE_MODE } from '../platform/private-fs';
import { type Layout, tmpPath } from './disk';

/** Enough of the start of a file for magic numbers and the PDF header rule (first 1024 bytes). */
const HEAD_BYTES = 4096;

/** A file being copied under tmp/, hashed, not yet validated. */
export interface Staged {
  id: string;
  tmp: string;
  /** what the decoder reads: the bytes when they are in memory anyway, else the copy under tmp/ */
  input: string | Buffer;
  /** the copy under tmp/ is complete (await before renaming it into place) */
  written: Promise<void>;
  size: number;
  head: Buffer;
  bytes(): Promise<Buffer>;
}

export const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Bytes already in memory (paste, drop through IPC): hashed by the caller, staged only when new. The copy is
 * written while the decoder works on the bytes in memory (a 10 MB write is tens of ms on a slow disk).
 */
export function stageBytes(layout: Layout, id: string, buf: Buffer): Staged {
  const tmp = tmpPath(layout);
  const written = writeFile(tmp, buf, { flag: 'wx', mode: PRIVATE_FILE_MODE });
  written.catch(() => undefined); // awaited later; no unhandled rejection meanwhile
  return { id, tmp, input: buf, written, size: buf.length, head: buf.subarray(0, HEAD_BYTES), bytes: async () => buf };
}

/**
 * A file on disk: copied and hashed in one streaming pass, never whole in memory. `checkSize` runs on the
 * size announced by stat and again while reading (the file may grow meanwhile).
 */
export async function stageFile(layout: Layout, path: string, checkSize: (n: number) => void): Promise<Staged> {
  checkSize((await stat(path)).size);
  const tmp = tmpPath(layout);
  const hash = createHash('sha256');
  const heads: Buffer[] = [];
  let size = 0;
  try {
    await pipeline(
      createReadStream(path),
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          if (size < HEAD_BYTES) heads.push(chunk.subarray(0, HEAD_BYTES - size));
          size += chunk.length;
          checkSize(size);
          hash.update(chunk);
          yield chunk;
        }
      },
      createWriteStream(tmp, { flags: 'wx', mode: PRIVATE_FILE_MODE }),
    );
    checkSize(size);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  const head = Buffer.concat(heads);
  return { id: hash.digest('hex'), tmp, input: tmp, written: Promise.resolve(), size, head, bytes: () => readFile(tmp) };
}
