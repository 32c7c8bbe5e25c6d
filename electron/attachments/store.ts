import { readFile, rename, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import sharp from 'sharp';
import { derivedKey, readDerived, writeDerived } from './derived';
import { checkEdit, renderEdit } from './edit';
import { ensureLayout, isAttachmentId, layoutOf, paths, readJson, type StoredRecord, writeAtomic } from './disk';
import { AttachmentError } from './errors';
import { fitWithin, type Limits, resolveLimits, type Size } from './limits';
import { countPdfPages, looksLikePdf } from './pdf';
import { decodeHeifOriginal, decodeOriginal, type OriginalOptions, thumbnailOfOriginal } from './original';
import { decodeUpright, encodeWithinLimits, type RawImage, resizeRaw, thumbnailFromInput, thumbnailFromRaw } from './pipeline';
import { decodesWithHeif, IMAGE_MIME, type ImageProbe, magicFormat, probeImage } from './sniff';
import { sha256, type Staged, stageBytes, stageFile } from './staging';
import type {
  Attachment,
  AttachmentStore,
  AttachmentStoreOptions,
  PdfLimits,
  PreparedDocument,
  PreparedImage,
  PrepareTarget,
} from './types';

export const DEFAULT_MAX_FILE_BYTES = 100 * 1024 * 1024;
export const DEFAULT_MAX_PIXELS = 100_000_000;
export const DEFAULT_PDF_LIMITS: Readonly<PdfLimits> = { maxBytes: 32 * 1024 * 1024, maxPages: 100 };

export function createAttachmentStore(options: AttachmentStoreOptions): AttachmentStore {
  // libvips' operation cache only helps when the same image is processed twice in a row, costs memory, and
  // on Windows its open-file cache keeps originals locked. Process-wide, but this is the only sharp user.
  sharp.cache(false);
  // sharp uses one libvips thread on glibc Linux (to limit fragmentation without jemalloc); a
  // dropped photo is decoded while the user waits, so use the cores we have, up to four.
  sharp.concurrency(Math.min(4, Math.max(1, availableParallelism())));
  const log = options.logger;
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  const pdfLimits: PdfLimits = { ...DEFAULT_PDF_LIMITS, ...options.pdf };
  const thumbEdge = options.thumbnailSize ?? 256;
  const layout = layoutOf(options.dir);
  const decoding: OriginalOptions = { maxPixels, heifTimeoutMs: options.heifTimeoutMs };

  let ready: Promise<void> | null = null;
  const ensureReady = () =>
    (ready ??= ensureLayout(layout).catch((e: unknown) => {
      ready = null;
      throw e;
    }));

  /** One run per key at a time: two drops of the same file, or two sends deriving the same image. */
  const inflight = new Map<string, Promise<unknown>>();
  function once<T>(key: string, run: () => Promise<T>): Promise<T> {
    const running = inflight.get(key);
    if (running) return running as Promise<T>;
    const p = run().finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  const records = new Map<string, StoredRecord>();
  async function loadRecord(id: string): Promise<StoredRecord | null> {
    if (!isAttachmentId(id)) return null;
    const known = records.get(id);
    if (known) return known;
    const rec = await readJson<StoredRecord>(paths(layout, id).meta);
    if (rec) records.set(id, rec);
    return rec;
  }
  async function requireRecord(id: string): Promise<StoredRecord> {
    const rec = await loadRecord(id);
    if (!rec) throw new AttachmentError('not_found', 'no such attachment', { id: String(id).slice(0, 80) });
    return rec;
  }
  /** The record is written last: it is what makes an attachment exist. */
  async function commit(rec: StoredRecord): Promise<void> {
    await writeAtomic(layout, paths(layout, rec.attachment.id).meta, JSON.stringify(rec));
    records.set(rec.attachment.id, rec);
  }

  function checkSize(size: number): void {
    if (size === 0) throw new AttachmentError('empty', 'the file is empty');
    if (size > maxFileBytes) throw new AttachmentError('too_large', 'the file is too large', { size, max: maxFileBytes });
  }

  function limitsFor(t: PrepareTarget): Limits {
    if (!Number.isInteger(t.imageCountInRequest) || t.imageCountInRequest < 0) {
      throw new RangeError('imageCountInRequest must be a non-negative integer');
    }
    return resolveLimits(t.protocol, t.imageCountInRequest, options.limits?.[t.protocol], t.limits);
  }

  function uprightSize(rec: StoredRecord): Size {
    const { kind, width, height } = rec.attachment;
    if (kind !== 'image' || !width || !height) throw new AttachmentError('wrong_kind', 'a document is not an image');
    return { width, height };
  }

  /** `base` is the upright decode at (at least) this target's size. */
  async function derive(id: string, upright: Size, key: string, base: RawImage, l: Limits): Promise<PreparedImage> {
    const enc = await encodeWithinLimits(await resizeRaw(base, fitWithin(upright, l)), l);
    return writeDerived(layout, id, key, enc);
  }

  async function intakeDocument(s: Staged, name: string): Promise<Attachment> {
    if (s.size > pdfLimits.maxBytes) {
      throw new AttachmentError('pdf_too_large', 'the PDF is too large', { size: s.size, max: pdfLimits.maxBytes });
    }
    const pages = countPdfPages(await s.bytes());
    if (pages !== undefined && pages > pdfLimits.maxPages) {
      throw new AttachmentError('pdf_too_many_pages', 'the PDF has too many pages', { pages, max: pdfLimits.maxPages });
    }
    const attachment: Attachment = { id: s.id, kind: 'document', mime: 'application/pdf', name, size: s.size };
    if (pages !== undefined) attachment.pages = pages;
    await s.written;
    await rename(s.tmp, paths(layout, s.id).original);
    await commit({ v: 1, attachment, createdAt: Date.now() });
    return attachment;
  }

  async function intakeImage(s: Staged, name: string, prepareFor: PrepareTarget[]): Promise<Attachment> {
    // HEIC: the worker checks the pixel cap from the parsed header, then decodes the primary image once
    let decoded: RawImage | null = null;
    let probe: ImageProbe;
    if (decodesWithHeif(magicFormat(s.head))) {
      decoded = await decodeHeifOriginal(s.input, decoding);
      probe = { format: 'heic', mime: IMAGE_MIME.heic, width: decoded.width, height: decoded.height, orientation: 1, pages: 1 };
    } else {
      probe = await probeImage(s.input, s.head, maxPixels); // header only: bombs stop here
    }
    const upright: Size = { width: probe.width, height: probe.height };
    const targets = prepareFor.flatMap((t) => {
      try {
        return [limitsFor(t)];
      } catch (e) {
        log?.warn('attachment: prepareFor target ignored', { error: String(e) });
        return [];
      }
    });
    // With targets, one decode at the largest target size feeds the thumbnail and every target (encoded
    // side by side on libuv's pool). Without, the thumbnail decodes at 1/8 scale: the cheapest full read
    // that still proves the file decodes.
    let thumb: { data: Buffer } & Size;
    let prepared: Promise<unknown> = Promise.resolve();
    if (targets.length > 0) {
      const sizes = targets.map((l) => fitWithin(upright, l));
      const size = { width: Math.max(...sizes.map((z) => z.width)), height: Math.max(...sizes.map((z) => z.height)) };
      const base = decoded ? await resizeRaw(decoded, size) : await decodeUpright(s.input, maxPixels, size);
      // derived files may land before the record: content-addressed, they stay valid whatever happens next
      prepared = Promise.all(
        targets.map((l) => {
          const key = derivedKey(l);
          return once(`derive:${s.id}:${key}`, () => derive(s.id, upright, key, base, l)).catch((e: unknown) =>
            log?.warn('attachment: could not prepare on intake', { id: s.id, error: String(e) }),
          );
        }),
      );
      thumb = await thumbnailFromRaw(base, thumbEdge);
    } else {
      thumb = decoded ? await thumbnailFromRaw(decoded, thumbEdge) : await thumbnailFromInput(s.input, maxPixels, thumbEdge);
    }
    const p = paths(layout, s.id);
    await writeAtomic(layout, p.thumb, thumb.data);
    await s.written;
    await rename(s.tmp, p.original);
    const attachment: Attachment = { id: s.id, kind: 'image', mime: probe.mime, name, size: s.size, ...upright };
    await commit({
      v: 1,
      attachment,
      orientation: probe.orientation,
      thumbnail: { width: thumb.width, height: thumb.height },
      createdAt: Date.now(),
    });
    await prepared;
    return attachment;
  }

  /**
   * Dedupe by id (on disk, and against an intake of the same bytes still running), stage only what is new,
   * always leave tmp/ clean. The result carries this call's name.
   */
  async function admit(
    id: string,
    name: string,
    prepareFor: PrepareTarget[],
    stage: () => Promise<Staged>,
    discard: () => Promise<void>,
  ): Promise<Attachment> {
    const started = Date.now();
    let staged = false;
    try {
      const stored = await once(`ingest:${id}`, async () => {
        const existing = await loadRecord(id);
        if (existing) {
          if (existing.attachment.kind === 'image') {
            for (const t of prepareFor) {
              await store.prepare(id, t).catch((e: unknown) => log?.warn('attachment: could not prepare', { id, error: String(e) }));
            }
          }
          return existing.attachment;
        }
        staged = true;
        const s = await stage();
        try {
          const a = looksLikePdf(s.head) ? await intakeDocument(s, name) : await intakeImage(s, name, prepareFor);
          log?.info('attachment: stored', { id, kind: a.kind, mime: a.mime, size: a.size, ms: Date.now() - started });
          return a;
        } finally {
          await s.written.catch(() => undefined);
          await unlink(s.tmp).catch(() => undefined); // already gone once renamed into originals/
        }
      });
      return { ...stored, name };
    } finally {
      if (!staged) await discard(); // a copy this call made but did not need
    }
  }

  const store: AttachmentStore = {
    async ingest({ name, bytes, declaredMime, prepareFor = [] }) {
      const buf = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      checkSize(buf.length);
      await ensureReady();
      const id = sha256(buf);
      const nothing = async () => undefined;
      const a = await admit(id, cleanName(name), prepareFor, async () => stageBytes(layout, id, buf), nothing);
      if (declaredMime && declaredMime !== a.mime) log?.info('attachment: declared type differs', { declaredMime, mime: a.mime });
      return a;
    },

    async ingestFile(path, { name, prepareFor = [] } = {}) {
      await ensureReady();
      const s = await stageFile(layout, path, checkSize);
      const discard = () => unlink(s.tmp).catch(() => undefined);
      return admit(s.id, cleanName(name ?? path), prepareFor, async () => s, discard);
    },

    async get(id) {
      return (await loadRecord(id))?.attachment ?? null;
    },

    async has(id) {
      return (await loadRecord(id)) !== null;
    },

    async thumbnail(id) {
      const rec = await requireRecord(id);
      if (rec.attachment.kind !== 'image') return null;
      const p = paths(layout, id);
      const bytes = await readFile(p.thumb).catch(() => null);
      if (bytes && rec.thumbnail) return { mime: 'image/webp', bytes, ...rec.thumbnail };
      // lost (or never written): make it again from the original
      const t = await thumbnailOfOriginal(p.original, rec.attachment.mime, decoding, thumbEdge);
      await writeAtomic(layout, p.thumb, t.data);
      await commit({ ...rec, thumbnail: { width: t.width, height: t.height } });
      return { mime: 'image/webp', bytes: t.data, width: t.width, height: t.height };
    },

    async prepare(id, target) {
      const rec = await requireRecord(id);
      const upright = uprightSize(rec);
      const l = limitsFor(target);
      if (l.maxImagesPerRequest !== null && target.imageCountInRequest > l.maxImagesPerRequest) {
        throw new AttachmentError('too_many_images', 'too many images for one request', {
          count: target.imageCountInRequest,
          max: l.maxImagesPerRequest,
        });
      }
      const key = derivedKey(l);
      return once(`derive:${id}:${key}`, async () => {
        const hit = await readDerived(layout, id, key);
        if (hit) return hit;
        const size = fitWithin(upright, l);
        const same = size.width === upright.width && size.height === upright.height;
        const base = await decodeOriginal(paths(layout, id).original, rec.attachment.mime, decoding, same ? undefined : size);
        return derive(id, upright, key, base, l);
      });
    },

    async edit(id, edit) {
      checkEdit(edit);
      const rec = await requireRecord(id);
      if (rec.attachment.kind !== 'image') throw new AttachmentError('wrong_kind', 'a document cannot be cropped or rotated');
      // full size and upright (EXIF orientation or irot applied), so the rectangle means what the user saw
      const upright = await decodeOriginal(paths(layout, id).original, rec.attachment.mime, decoding);
      const bytes = await renderEdit(upright, edit);
      return store.ingest({ name: rec.attachment.name, bytes });
    },

    async prepareDocument(id, limits) {
      const { attachment: a } = await requireRecord(id);
      if (a.kind !== 'document') throw new AttachmentError('wrong_kind', 'an image is not a document');
      const l = { ...pdfLimits, ...limits };
      if (a.size > l.maxBytes) throw new AttachmentError('pdf_too_large', 'the PDF is too large', { size: a.size, max: l.maxBytes });
      if (a.pages !== undefined && a.pages > l.maxPages) {
        throw new AttachmentError('pdf_too_many_pages', 'the PDF has too many pages', { pages: a.pages, max: l.maxPages });
      }
      const data = await readFile(paths(layout, id).original);
      const doc: PreparedDocument = { mime: 'application/pdf', base64: data.toString('base64'), bytes: data.length };
      if (a.pages !== undefined) doc.pages = a.pages;
      return doc;
    },
  };
  return store;
}

/** A display name: the last path segment, no control characters, bounded. */
function cleanName(name: string): string {
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return cleaned || 'attachment';
}
