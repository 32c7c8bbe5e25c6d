// Images and PDFs through the real core: taken in once, then derived per protocol from disk and
// sent in the shape each protocol expects, in the order the user arranged them.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

/** A landscape photo stored sideways with EXIF orientation 6, as phones write them. */
async function phonePhoto(): Promise<Buffer> {
  return sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

function minimalPdf(pages: number): Buffer {
  const kids = Array.from({ length: pages }, (_, i) => `${i + 3} 0 R`).join(' ');
  let body = `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [${kids}] /Count ${pages} >> endobj\n`;
  for (let i = 0; i < pages; i++) body += `${i + 3} 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> endobj\n`;
  return Buffer.from(`${body}trailer << /Root 1 0 R >>\n%%EOF\n`);
}

async function add(bytes: Buffer, name: string, mime: string) {
  return h.call('attachments.add', { name, mime, data: bytes.toString('base64') });
}

async function decode(b64: string) {
  return sharp(Buffer.from(b64, 'base64')).metadata();
}

describe('attachments in requests', () => {
  it('OpenAI: text then an upright, downscaled image_url data URL, re-sent from disk on the next turn', async () => {
    const r = await add(await phonePhoto(), 'IMG_0001.jpg', 'image/jpeg');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value).toMatchObject({ kind: 'image', width: 3000, height: 4000, name: 'IMG_0001.jpg' });
    expect(r.value.thumbnail).toMatch(/^data:image\/webp;base64,/);

    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    h.gateway.queue(openaiText('A red picture.'), openaiText('Still red.'));
    const sent = await h.ok('chat.send', {
      threadId: thread.id,
      parts: [
        { type: 'text', text: '这张图片里有什么?请详细描述。' },
        { type: 'attachment', attachmentId: r.value.id },
      ],
    });
    expect(sent.userMessage.parts.map((p) => p.type)).toEqual(['text', 'image']);
    await h.finished(sent.assistantMessage.id);

    const body = h.gateway.requests[0]!.json as { messages: { role: string; content: unknown }[] };
    const content = body.messages.at(-1)!.content as { type: string; text?: string; image_url?: { url: string; detail: string } }[];
    expect(content.map((c) => c.type)).toEqual(['text', 'image_url']);
    expect(content[0]!.text).toBe('这张图片里有什么?请详细描述。');
    const url = content[1]!.image_url!.url;
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const meta = await decode(url.split(',')[1]!);
    expect(meta.height! > meta.width!).toBe(true); // upright: portrait after orientation 6
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(2048);
    expect(Math.min(meta.width!, meta.height!)).toBeLessThanOrEqual(768);
    expect(meta.exif).toBeUndefined();
    expect(meta.orientation ?? 1).toBe(1);

    const second = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'And now?' }] });
    await h.finished(second.assistantMessage.id);
    const again = h.gateway.requests[1]!.json as { messages: { role: string; content: unknown }[] };
    const firstTurn = again.messages.find((m) => m.role === 'user' && Array.isArray(m.content)) as { content: { type: string }[] };
    expect(firstTurn.content.map((c) => c.type)).toEqual(['text', 'image_url']);
  });

  it('Anthropic: a base64 image block with the long edge ≤ 1568 px, and PDFs as document blocks', async () => {
    const img = await add(await phonePhoto(), 'photo.jpg', 'image/jpeg');
    const pdf = await add(minimalPdf(3), 'report.pdf', 'application/pdf');
    expect(img.ok && pdf.ok).toBe(true);
    if (!img.ok || !pdf.ok) return;
    expect(pdf.value).toMatchObject({ kind: 'document', pages: 3, thumbnail: null });

    const thread = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    h.gateway.queue(anthropicText('Seen.'));
    const sent = await h.ok('chat.send', {
      threadId: thread.id,
      parts: [
        { type: 'attachment', attachmentId: img.value.id },
        { type: 'text', text: 'Compare these.' },
        { type: 'attachment', attachmentId: pdf.value.id },
      ],
    });
    await h.finished(sent.assistantMessage.id);
    const body = h.gateway.requests[0]!.json as { messages: { role: string; content: { type: string; source?: { type: string; media_type: string; data: string } }[] }[] };
    const blocks = body.messages.at(-1)!.content;
    expect(blocks.map((b) => b.type)).toEqual(['image', 'text', 'document']);
    expect(blocks[0]!.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
    const meta = await decode(blocks[0]!.source!.data);
    expect(Math.max(meta.width!, meta.height!)).toBeLessThanOrEqual(1568);
    expect(meta.height! > meta.width!).toBe(true);
    expect(blocks[2]!.source).toMatchObject({ type: 'base64', media_type: 'application/pdf' });
    expect(Buffer.from(blocks[2]!.source!.data, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a PDF on an OpenAI thread with a clear reason, storing nothing', async () => {
    const pdf = await add(minimalPdf(1), 'a.pdf', 'application/pdf');
    if (!pdf.ok) throw new Error('pdf intake failed');
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const r = await h.call('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'read' }, { type: 'attachment', attachmentId: pdf.value.id }] });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input', reason: 'pdf_needs_anthropic' } });
    expect((await h.ok('messages.list', { threadId: thread.id })).messages).toHaveLength(0);
    expect(h.gateway.requests).toHaveLength(0);
  });

  it('bad files get a translated reason, not a crash', async () => {
    expect(await add(Buffer.from('hello, not an image'), 'notes.txt', 'text/plain')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'not_supported' },
    });
    expect(await add(Buffer.alloc(0), 'empty.png', 'image/png')).toMatchObject({ ok: false, error: { reason: 'empty' } });
    const jpeg = await phonePhoto();
    expect(await add(jpeg.subarray(0, 200), 'cut.jpg', 'image/jpeg')).toMatchObject({ ok: false, error: { reason: 'corrupt' } });
  });

  it('a HEIC from a phone arrives as an upright JPEG without metadata, for OpenAI and for Anthropic', async () => {
    const heic = await readFile(fileURLToPath(new URL('../fixtures/images/example.heic', import.meta.url)));
    const r = await add(heic, 'IMG_4242.HEIC', 'image/heic');
    if (!r.ok) throw new Error(`HEIC intake failed: ${JSON.stringify(r.error)}`);
    expect(r.value).toMatchObject({ kind: 'image', mime: 'image/heic', width: 1280, height: 854 });
    expect(r.value.thumbnail).toMatch(/^data:image\/webp;base64,/);

    const openai = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    const claude = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    h.gateway.queue(openaiText('A street.'), anthropicText('A street.'));
    for (const thread of [openai, claude]) {
      const sent = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'attachment', attachmentId: r.value.id }] });
      await h.finished(sent.assistantMessage.id);
    }
    const [o, a] = h.gateway.requests.map((q) => q.json as { messages: { content: unknown }[] });
    const url = (o!.messages.at(-1)!.content as { image_url: { url: string } }[])[0]!.image_url.url;
    expect(url).toMatch(/^data:image\/jpeg;base64,/);
    const source = (a!.messages.at(-1)!.content as { source: { media_type: string; data: string } }[])[0]!.source;
    expect(source.media_type).toBe('image/jpeg');
    for (const [b64, size] of [
      [url.split(',')[1]!, [1151, 768]], // OpenAI: short edge 768
      [source.data, [1280, 854]], // Anthropic: within 1568 px, never enlarged
    ] as const) {
      const meta = await decode(b64);
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', ...size]);
      expect([meta.exif, meta.xmp, meta.icc]).toEqual([undefined, undefined, undefined]);
      expect(meta.orientation ?? 1).toBe(1);
    }
  });

  it('a damaged HEIC is refused with its own reason', async () => {
    const heic = await readFile(fileURLToPath(new URL('../fixtures/images/example.heic', import.meta.url)));
    expect(await add(heic.subarray(0, 200_000), 'IMG_4243.HEIC', 'image/heic')).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', reason: 'heic_corrupt' },
    });
  });

  it('crop and rotate: what arrives is the rectangle the user chose, rotated, cut from the full-size original', async () => {
    // 400×300, stored sideways (300×400 with EXIF orientation 6, as phones do): upright its quadrants are
    // red (top left), green (top right), blue (bottom left), yellow (bottom right)
    const upright = await quadrantImage(400, 300);
    const stored = await sharp(upright).rotate(-90).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const r = await add(stored, 'quadrants.jpg', 'image/jpeg');
    if (!r.ok) throw new Error('intake failed');
    expect([r.value.width, r.value.height]).toEqual([400, 300]);

    // rotated 90° clockwise the upright image is 300×400: blue top left, red top right
    const edited = await h.ok('attachments.edit', { id: r.value.id, rotate: 90, crop: { x: 0.5, y: 0, w: 0.5, h: 0.5 } });
    expect(edited.id).not.toBe(r.value.id);
    expect([edited.width, edited.height]).toEqual([150, 200]);
    const cropOnly = await h.ok('attachments.edit', { id: r.value.id, rotate: 0, crop: { x: 0.5, y: 0.5, w: 0.5, h: 0.5 } });
    expect([cropOnly.width, cropOnly.height]).toEqual([200, 150]);
    const turned = await h.ok('attachments.edit', { id: r.value.id, rotate: 270 });
    expect([turned.width, turned.height]).toEqual([300, 400]);
    // the original is kept as it was
    expect((await h.ok('attachments.get', { ids: [r.value.id] }))[0]).toMatchObject({ width: 400, height: 300 });

    const thread = await h.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    h.gateway.queue(anthropicText('Red, yellow, and a turned square.'));
    const sent = await h.ok('chat.send', {
      threadId: thread.id,
      parts: [edited, cropOnly, turned].map((a) => ({ type: 'attachment' as const, attachmentId: a.id })),
    });
    await h.finished(sent.assistantMessage.id);
    const body = h.gateway.requests[0]!.json as { messages: { content: { source: { data: string } }[] }[] };
    const [a, b, c] = body.messages.at(-1)!.content.map((x) => Buffer.from(x.source.data, 'base64'));
    expect(await sizeOf(a!)).toEqual([150, 200]);
    for (const [x, y] of [[5, 5], [75, 100], [144, 194]] as const) expect(near(await pixelAt(a!, x, y), RED_)).toBe(true);
    expect(await sizeOf(b!)).toEqual([200, 150]);
    for (const [x, y] of [[5, 5], [100, 75], [194, 144]] as const) expect(near(await pixelAt(b!, x, y), YELLOW_)).toBe(true);
    // 270° clockwise: green top left, yellow top right, red bottom left, blue bottom right
    expect(await sizeOf(c!)).toEqual([300, 400]);
    expect(near(await pixelAt(c!, 40, 40), GREEN_)).toBe(true);
    expect(near(await pixelAt(c!, 260, 40), YELLOW_)).toBe(true);
    expect(near(await pixelAt(c!, 40, 360), RED_)).toBe(true);
    expect(near(await pixelAt(c!, 260, 360), BLUE_)).toBe(true);
  });

  it('crop and rotate a HEIC: the rectangle comes from the decoded primary image', async () => {
    const heic = await readFile(fileURLToPath(new URL('../fixtures/images/example.heic', import.meta.url)));
    const r = await add(heic, 'IMG_4244.HEIC', 'image/heic');
    if (!r.ok) throw new Error('HEIC intake failed');
    const edited = await h.ok('attachments.edit', { id: r.value.id, rotate: 180, crop: { x: 0, y: 0, w: 0.5, h: 0.5 } });
    expect([edited.mime, edited.width, edited.height]).toEqual(['image/jpeg', 640, 427]);
  });
});

const RED_ = [255, 0, 0] as const;
const GREEN_ = [0, 255, 0] as const;
const BLUE_ = [0, 0, 255] as const;
const YELLOW_ = [255, 255, 0] as const;

/** A lossless PNG with four coloured quadrants: red, green / blue, yellow. */
async function quadrantImage(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = y < height / 2 ? (x < width / 2 ? RED_ : GREEN_) : x < width / 2 ? BLUE_ : YELLOW_;
      data.set(c, (y * width + x) * 3);
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

async function sizeOf(image: Buffer): Promise<[number, number]> {
  const m = await sharp(image).metadata();
  return [m.width, m.height];
}

async function pixelAt(image: Buffer, x: number, y: number): Promise<number[]> {
  const { data, info } = await sharp(image).raw().toBuffer({ resolveWithObject: true });
  const i = (y * info.width + x) * info.channels;
  return [data[i]!, data[i + 1]!, data[i + 2]!];
}

const near = (rgb: readonly number[], want: readonly number[]) => want.every((v, i) => Math.abs(rgb[i]! - v) <= 40);

