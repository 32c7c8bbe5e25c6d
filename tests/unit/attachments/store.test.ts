import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, createAttachmentStore, type PrepareTarget } from '../../../electron/attachments';
import { makeTempDir, noisyJpeg } from './fixtures';

let dir: string;
let cleanup: () => Promise<void>;
let store: AttachmentStore;
let jpeg: Buffer;
beforeAll(async () => {
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
  jpeg = await noisyJpeg(2400, 1600);
});
afterAll(() => cleanup());

const anthropic: PrepareTarget = { protocol: 'anthropic-messages', imageCountInRequest: 1 };
const openai: PrepareTarget = { protocol: 'openai-chat', imageCountInRequest: 1 };
const derivedFiles = async (id: string) => (await readdir(join(dir, 'derived', id)).catch(() => [])).filter((f) => f.endsWith('.bin'));

describe('content addressing', () => {
  it('same bytes → same id (their SHA-256), one original on disk, each call keeps its own name', async () => {
    const a = await store.ingest({ name: 'first.jpg', bytes: jpeg });
    const b = await store.ingest({ name: 'second.jpg', bytes: new Uint8Array(jpeg) }); // a copy, as a Uint8Array
    expect(a.id).toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect(b.id).toBe(a.id);
    expect([a.name, b.name]).toEqual(['first.jpg', 'second.jpg']);
    expect(await readdir(join(dir, 'originals'))).toEqual([a.id]);
    expect((await readFile(join(dir, 'originals', a.id))).equals(jpeg)).toBe(true);
    expect(await store.get(a.id)).toMatchObject({ id: a.id, name: 'first.jpg', width: 2400, height: 1600 });
    expect(await store.has(a.id)).toBe(true);
  });

  it('concurrent drops of the same file store it once', async () => {
    const other = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#123456' } }).png().toBuffer();
    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => store.ingest({ name: `p${i}.png`, bytes: other })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect((await readdir(join(dir, 'originals'))).filter((f) => f === results[0]!.id)).toHaveLength(1);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('concurrent ingestFile of the same file leaves no copy behind', async () => {
    const path = join(dir, 'twice.png');
    await writeFile(path, await sharp({ create: { width: 500, height: 400, channels: 3, background: '#654321' } }).png().toBuffer());
    const [a, b, c] = await Promise.all([store.ingestFile(path), store.ingestFile(path), store.ingestFile(path)]);
    expect(new Set([a.id, b.id, c.id]).size).toBe(1);
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });

  it('names are reduced to a display name', async () => {
    const a = await store.ingest({ name: 'C:\\Users\\me\\Pictures\\cat\u0007.jpg', bytes: jpeg });
    expect(a.name).toBe('cat.jpg');
  });

  it('ingestFile streams from a path to the same content address', async () => {
    const path = join(dir, 'dropped.jpg');
    await writeFile(path, jpeg);
    const a = await store.ingestFile(path);
    expect(a.id).toBe(createHash('sha256').update(jpeg).digest('hex'));
    expect(a.name).toBe('dropped.jpg');
    expect(await readdir(join(dir, 'tmp'))).toEqual([]);
  });
});

describe('derived cache', () => {
  it('a second prepare for the same limits reads the cache; another protocol derives its own', async () => {
    const { id } = await store.ingest({ name: 'a.jpg', bytes: jpeg });
    const first = await store.prepare(id, anthropic);
    expect(first.cached).toBe(false);
    expect(await derivedFiles(id)).toHaveLength(1);
    const bin = join(dir, 'derived', id, (await derivedFiles(id))[0]!);
    const mtime = (await stat(bin)).mtimeMs;

    const again = await store.prepare(id, anthropic);
    expect(again.cached).toBe(true);
    expect(again.base64).toBe(first.base64);
    expect((await stat(bin)).mtimeMs).toBe(mtime); // not rewritten

    // another request size with the same effective limits (≤ 20 images) shares the entry
    expect((await store.prepare(id, { ...anthropic, imageCountInRequest: 12 })).cached).toBe(true);
    expect(await derivedFiles(id)).toHaveLength(1);

    const o = await store.prepare(id, openai);
    expect(o.cached).toBe(false);
    expect([o.width, o.height]).toEqual([1152, 768]);
    expect(await derivedFiles(id)).toHaveLength(2);
    // different limits → a separate entry
    expect((await store.prepare(id, { ...anthropic, limits: { maxLongEdge: 800 } })).width).toBe(800);
    expect(await derivedFiles(id)).toHaveLength(3);
  });

  it('the cache and the records survive a restart (a new store on the same folder)', async () => {
    const { id } = await store.ingest({ name: 'a.jpg', bytes: jpeg });
    await store.prepare(id, anthropic);
    const reopened = createAttachmentStore({ dir });
    expect(await reopened.get(id)).toMatchObject({ id, kind: 'image', mime: 'image/jpeg' });
    expect((await reopened.prepare(id, anthropic)).cached).toBe(true);
    expect((await reopened.thumbnail(id))?.mime).toBe('image/webp');
  });

  it('concurrent prepares of the same target derive once', async () => {
    const png = await sharp({ create: { width: 2000, height: 1500, channels: 3, background: '#345678' } }).png().toBuffer();
    const { id } = await store.ingest({ name: 'c.png', bytes: png });
    const all = await Promise.all(Array.from({ length: 4 }, () => store.prepare(id, openai)));
    expect(new Set(all.map((p) => p.base64)).size).toBe(1);
    expect(await derivedFiles(id)).toHaveLength(1);
  });

  it('prepareFor on ingest derives from the same decode, so the send finds it cached', async () => {
    const fresh = await makeTempDir();
    try {
      const s = createAttachmentStore({ dir: fresh.dir });
      const a = await s.ingest({ name: 'a.jpg', bytes: jpeg, prepareFor: [anthropic, openai] });
      const p = await s.prepare(a.id, anthropic);
      expect([p.cached, p.width, p.height]).toEqual([true, 1568, 1045]);
      const o = await s.prepare(a.id, openai);
      expect([o.cached, o.width, o.height]).toEqual([true, 1152, 768]);
      expect((await s.thumbnail(a.id))?.width).toBe(256);
    } finally {
      await fresh.cleanup();
    }
  });

  it('a lost thumbnail is made again from the original', async () => {
    const { id } = await store.ingest({ name: 'a.jpg', bytes: jpeg });
    const { rm } = await import('node:fs/promises');
    await rm(join(dir, 'thumbs', `${id}.webp`));
    const again = createAttachmentStore({ dir });
    const t = await again.thumbnail(id);
    expect([t?.width, t?.height]).toEqual([256, 171]);
  });
});
