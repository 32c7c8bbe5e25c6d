import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AttachmentStore, createAttachmentStore, isAttachmentError } from '../../../electron/attachments';
import { countPdfPages, looksLikePdf } from '../../../electron/attachments/pdf';
import { makePdf, makeTempDir } from './fixtures';

let store: AttachmentStore;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  let dir: string;
  ({ dir, cleanup } = await makeTempDir());
  store = createAttachmentStore({ dir });
});
afterAll(() => cleanup());

const codeOf = (p: Promise<unknown>) => p.then(() => null, (e: unknown) => (isAttachmentError(e) ? e.code : e));

describe('page counting', () => {
  it('reads /Count of the page tree root', () => {
    expect(countPdfPages(makePdf(3))).toBe(3);
    expect(countPdfPages(makePdf(150))).toBe(150);
  });

  it('inflates compressed object streams (PDF 1.5+) to find it', () => {
    const pdf = makePdf(7, { objectStream: true });
    expect(pdf.includes('/Type /Pages')).toBe(false); // really hidden
    expect(countPdfPages(pdf)).toBe(7);
  });

  it('counts /Type /Page leaves when the root has no /Count', () => {
    expect(countPdfPages(makePdf(4, { noRootCount: true }))).toBe(4);
  });

  it('takes the root written last (incremental update)', () => {
    const update = Buffer.from('2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n%%EOF\n', 'latin1');
    expect(countPdfPages(Buffer.concat([makePdf(3), update]))).toBe(1);
  });

  it('gives up (undefined) rather than guess', () => {
    expect(countPdfPages(Buffer.from('%PDF-1.4\n%%EOF\n'))).toBeUndefined();
  });

  it('does not inflate an object-stream bomb past its cap', () => {
    const bomb = deflateSync(Buffer.alloc(64 * 1024 * 1024));
    const pdf = Buffer.concat([
      Buffer.from(`%PDF-1.7\n5 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length ${bomb.length} >>\nstream\n`, 'latin1'),
      bomb,
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
    expect(countPdfPages(pdf)).toBeUndefined();
  });

  it('finds %PDF- within the first 1024 bytes only', () => {
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(500, 0x20), Buffer.from('%PDF-1.4')]))).toBe(true);
    expect(looksLikePdf(Buffer.concat([Buffer.alloc(1100, 0x20), Buffer.from('%PDF-1.4')]))).toBe(false);
  });
});

describe('PDF intake', () => {
  it('stores a PDF as a document with its page count; prepareDocument gives it back as base64', async () => {
    const pdf = makePdf(3);
    const a = await store.ingest({ name: 'paper.pdf', bytes: pdf });
    expect(a).toMatchObject({ kind: 'document', mime: 'application/pdf', name: 'paper.pdf', size: pdf.length, pages: 3 });
    expect(a.width).toBeUndefined();
    const d = await store.prepareDocument(a.id);
    expect(d).toMatchObject({ mime: 'application/pdf', bytes: pdf.length, pages: 3 });
    expect(Buffer.from(d.base64, 'base64').equals(pdf)).toBe(true);
    expect(await store.thumbnail(a.id)).toBeNull(); // the UI shows a document icon
    expect(await codeOf(store.prepare(a.id, { protocol: 'anthropic-messages', imageCountInRequest: 1 }))).toBe('wrong_kind');
  });

  it('more than 100 pages → pdf_too_many_pages', async () => {
    expect(await codeOf(store.ingest({ name: 'big.pdf', bytes: makePdf(101, { objectStream: true }) }))).toBe('pdf_too_many_pages');
    expect((await store.ingest({ name: 'ok.pdf', bytes: makePdf(100) })).pages).toBe(100);
  });

  it('over 32 MB → pdf_too_large', async () => {
    const pdf = makePdf(1);
    const padded = Buffer.concat([pdf, Buffer.alloc(32 * 1024 * 1024 + 1 - pdf.length, 0x20)]);
    expect(await codeOf(store.ingest({ name: 'huge.pdf', bytes: padded }))).toBe('pdf_too_large');
  });

  it('prepareDocument re-checks against tighter limits', async () => {
    const a = await store.ingest({ name: 'five.pdf', bytes: makePdf(5) });
    expect(await codeOf(store.prepareDocument(a.id, { maxPages: 4 }))).toBe('pdf_too_many_pages');
    expect(await codeOf(store.prepareDocument(a.id, { maxBytes: 100 }))).toBe('pdf_too_large');
  });

  it('prepareDocument on an image → wrong_kind', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#fff' } }).png().toBuffer();
    const a = await store.ingest({ name: 'a.png', bytes: png });
    expect(await codeOf(store.prepareDocument(a.id))).toBe('wrong_kind');
  });
});
