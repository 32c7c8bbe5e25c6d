import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { PRIVATE_DIR_MODE } from '../platform/private-fs';
import { type DerivedRecord, type Layout, paths, readJson, writeAtomic } from './disk';
import { type Limits, limitsKey } from './limits';
import type { Encoded } from './pipeline';
import type { PreparedImage } from './types';

/** Bump when the output for the same limits changes (encoder settings, resampling): old entries are ignored. */
const PIPELINE_VERSION = 1;

/**
 * Cache key of an upload image: the effective limits only. The protocol and the image count matter only
 * through them, so an Anthropic request with 3 or with 12 images shares one entry, and 21 images another.
 */
export function derivedKey(l: Limits): string {
  return createHash('sha256').update(`${PIPELINE_VERSION}:${limitsKey(l)}`).digest('hex').slice(0, 24);
}

export async function readDerived(layout: Layout, id: string, key: string): Promise<PreparedImage | null> {
  const p = paths(layout, id);
  const meta = await readJson<DerivedRecord>(p.derivedMeta(key)).catch(() => null);
  if (!meta || meta.v !== 1) return null;
  const data = await readFile(p.derivedBin(key)).catch(() => null);
  if (!data || data.length !== meta.bytes) return null;
  return toPrepared(meta, data, true);
}

/** The image first, its record last: a record always describes a complete file. */
export async function writeDerived(layout: Layout, id: string, key: string, enc: Encoded): Promise<PreparedImage> {
  const p = paths(layout, id);
  const meta: DerivedRecord = { v: 1, mime: enc.mime, width: enc.width, height: enc.height, bytes: enc.data.length };
  if (enc.quality !== undefined) meta.quality = enc.quality;
  await mkdir(p.derivedDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  await writeAtomic(layout, p.derivedBin(key), enc.data);
  await writeAtomic(layout, p.derivedMeta(key), JSON.stringify(meta));
  return toPrepared(meta, enc.data, false);
}

function toPrepared(meta: DerivedRecord, data: Buffer, cached: boolean): PreparedImage {
  const out: PreparedImage = {
    mime: meta.mime,
    base64: data.toString('base64'),
    width: meta.width,
    height: meta.height,
    bytes: meta.bytes,
    cached,
  };
  if (meta.quality !== undefined) out.quality = meta.quality;
  return out;
}
