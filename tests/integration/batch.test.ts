// "Describe each" through the real core (ARCHITECTURE.md § Batches): one request per image, at most the
// configured number in flight (the mock gateway counts), 429s waited out, Stop, exports, a restart.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchView } from '../../shared/batch';
import type { EventName, EventPayload } from '../../shared/contract';
import { errors, openaiText, stallAfter } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';
import { parseCsv } from '../unit/batch-csv';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

/** Resolves once a `batch.updated` push shows the batch in the wanted state (no timers: pushes drive it). */
function until(batchId: string, done: (counts: Record<string, number>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      detach();
      resolve();
    };
    const detach = h.core.clients.attach(`watch-${Math.random()}`, <E extends EventName>(event: E, payload: EventPayload<E>) => {
      if (event !== 'batch.updated') return;
      const p = payload as EventPayload<'batch.updated'>;
      if (p.batch.id === batchId && done(p.batch.counts)) finish();
    });
    // The state may have been reached before the watcher joined.
    void h.ok('batches.list', {}).then((list) => {
      const b = list.find((x) => x.id === batchId);
      if (b && done(b.counts)) finish();
    });
  });
}

async function images(n: number, offset = 0): Promise<Array<{ attachmentId: string; name: string }>> {
  const out: Array<{ attachmentId: string; name: string }> = [];
  for (let i = 0; i < n; i++) {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: (i + offset) * 11, g: 90, b: 200 - i } } }).png().toBuffer();
    const name = `IMG_${String(i + 1 + offset).padStart(4, '0')}.png`;
    const a = await h.ok('attachments.add', { name, mime: 'image/png', data: png.toString('base64') });
    out.push({ attachmentId: a.id, name });
  }
  return out;
}

/** Image parts of a recorded OpenAI request body. */
function imageCount(json: unknown): number {
  const messages = (json as { messages: Array<{ content: unknown }> }).messages;
  return messages.flatMap((m) => (Array.isArray(m.content) ? m.content : [])).filter((p: { type?: string }) => p.type === 'image_url').length;
}

const chatRequests = () => h.gateway.requests.filter((r) => r.path === '/v1/chat/completions');

describe('batch: describe each image', () => {
  it('20 images, 429s waited out: all done, at most 3 in flight, one image per request', async () => {
    const imgs = await images(20);
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    for (let i = 0; i < 20; i++) {
      if (i % 4 === 1) h.gateway.queue(errors.rateLimit({ retryAfterMs: 40 }));
      h.gateway.queue(openaiText(`A blue picture, number ${i + 1}.`, { delayMs: 5, chunkSize: 4 }));
    }
    const created = await h.ok('batches.create', { threadId: thread.id, images: imgs, prompt: 'Describe {name}.' });
    expect(created.rows).toHaveLength(20);
    expect(created.batch.concurrency).toBe(3);
    await until(created.batch.id, (c) => c.done === 20);

    const view = await h.ok('batches.get', { id: created.batch.id });
    expect(view.rows.map((r) => r.status)).toEqual(Array(20).fill('done'));
    const texts = view.rows.map((r) => view.messages.find((m) => m.id === r.messageId)?.parts.find((p) => p.type === 'text'));
    expect(texts.every((t) => t && t.type === 'text' && /^A blue picture, number \d+\.$/.test(t.text))).toBe(true);
    expect(chatRequests()).toHaveLength(25); // 20 answers + 5 rate-limited tries
    expect(h.gateway.concurrency().max).toBeLessThanOrEqual(3);
    expect(h.gateway.concurrency().max).toBeGreaterThan(1);
    for (const r of chatRequests()) expect(imageCount(r.json)).toBe(1);
    // Each row's own file name went into its prompt; the retry waited what the 429 asked.
    const prompts = chatRequests().map((r) => JSON.stringify(r.json));
    for (const img of imgs) expect(prompts.some((p) => p.includes(`Describe ${img.name}.`))).toBe(true);
    expect(h.waits.filter((w) => w === 40)).toHaveLength(5);
    // A batch's thread is not a conversation: not in the thread list.
    expect((await h.ok('threads.list', {})).map((t) => t.id)).toEqual([thread.id]);
  });

  it('Stop in the middle: running and waiting rows stop, done rows stay, nothing more is sent', async () => {
    const imgs = await images(8);
    h.gateway.queue(openaiText('First.'), openaiText('Second.'), { ...stallAfter('openai', 2), times: 2 });
    const created = await h.ok('batches.create', { images: imgs, prompt: 'Describe.', concurrency: 2 });
    await until(created.batch.id, (c) => c.done === 2 && c.streaming === 2);
    await h.gateway.waitForRequests(4);
    await h.ok('batches.stop', { id: created.batch.id });
    await until(created.batch.id, (c) => c.streaming === 0 && c.queued === 0);
    const view = await h.ok('batches.get', { id: created.batch.id });
    expect(view.rows.map((r) => r.status)).toEqual(['done', 'done', 'stopped', 'stopped', 'stopped', 'stopped', 'stopped', 'stopped']);
    expect(chatRequests()).toHaveLength(4);
    await Promise.all(chatRequests().map((r) => r.finished));
    expect(chatRequests()).toHaveLength(4);
    // The stopped answers kept their partial text.
    const stopped = view.messages.find((m) => m.id === view.rows[2]!.messageId);
    expect(stopped?.status).toBe('stopped');

    // Retry one stopped row: it runs again in place and ends done.
    h.gateway.queue(openaiText('Third, at last.'));
    await h.ok('batches.retry', { id: created.batch.id, rowIds: [view.rows[2]!.id] });
    await until(created.batch.id, (c) => c.done === 3);
    const again = await h.ok('batches.get', { id: created.batch.id });
    expect(again.rows[2]).toMatchObject({ status: 'done', messageId: view.rows[2]!.messageId });
  });

  it('exports CSV (BOM, RFC 4180), Markdown and JSON, one row per image, and never the key', async () => {
    const imgs = await images(3);
    h.gateway.queue(openaiText('Plain.'), openaiText('With "quotes", a comma\nand a new line.'), openaiText('猫在窗台上 | 晒太阳'));
    const created = await h.ok('batches.create', { images: imgs, prompt: 'Describe.', concurrency: 1 });
    await until(created.batch.id, (c) => c.done === 3);
    const csv = await h.ok('batches.export', { id: created.batch.id, format: 'csv' });
    expect(csv.fileName).toMatch(/\.csv$/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    const table = parseCsv(csv.text.slice(1));
    expect(table[0]).toEqual(['file', 'description', 'model', 'status', 'input_tokens', 'output_tokens', 'seconds', 'error']);
    expect(table.slice(1).map((r) => [r[0], r[1], r[3]])).toEqual([
      ['IMG_0001.png', 'Plain.', 'done'],
      ['IMG_0002.png', 'With "quotes", a comma\nand a new line.', 'done'],
      ['IMG_0003.png', '猫在窗台上 | 晒太阳', 'done'],
    ]);
    const md = await h.ok('batches.export', { id: created.batch.id, format: 'md' });
    expect(md.text).toContain('| IMG_0003.png | 猫在窗台上 \\| 晒太阳 |');
    expect(md.text).toContain('a comma<br>and a new line.');
    const json = JSON.parse((await h.ok('batches.export', { id: created.batch.id, format: 'json' })).text) as { rows: unknown[] };
    expect(json.rows).toHaveLength(3);
    for (const f of [csv.text, md.text]) expect(f).not.toContain('sk-test-key-1234');
  });

  it('reopens after a restart; what was running is stopped, what was done is kept', async () => {
    const imgs = await images(4);
    h.gateway.queue(openaiText('Kept.'), { ...stallAfter('openai', 1), times: 3 });
    const created = await h.ok('batches.create', { images: imgs, prompt: 'Describe.', concurrency: 2 });
    await until(created.batch.id, (c) => c.done === 1 && c.streaming === 2);
    await h.reopen();
    const list = await h.ok('batches.list', {});
    expect(list.map((b) => b.id)).toEqual([created.batch.id]);
    const view: BatchView = await h.ok('batches.get', { id: created.batch.id });
    // Which of the first two rows got the finished answer depends on which request arrived first.
    expect(view.rows.map((r) => r.status).sort()).toEqual(['done', 'stopped', 'stopped', 'stopped']);
    const done = view.rows.find((r) => r.status === 'done')!;
    expect(view.messages.find((m) => m.id === done.messageId)?.parts).toMatchObject([{ type: 'text', text: 'Kept.' }]);
    expect(view.rows.slice(2).map((r) => r.status)).toEqual(['stopped', 'stopped']);
    expect(await h.ok('threads.list', {})).toEqual([]);
    // Nor does "Export all" carry the batch's hidden thread as if it were a conversation.
    const all = JSON.parse(Buffer.from((await h.ok('export.threads', { format: 'json' })).data, 'base64').toString('utf8')) as { threads: unknown[] };
    expect(all.threads).toEqual([]);
  });

  it('a HEIC in the batch is decoded and sent as an upright JPEG', async () => {
    const heic = await readFile(fileURLToPath(new URL('../fixtures/images/example.heic', import.meta.url)));
    const a = await h.ok('attachments.add', { name: 'IMG_4242.HEIC', mime: 'image/heic', data: heic.toString('base64') });
    const [png] = await images(1);
    h.gateway.queue(openaiText('A HEIC photo.'), openaiText('A PNG.'));
    const created = await h.ok('batches.create', { images: [{ attachmentId: a.id, name: 'IMG_4242.HEIC' }, png!], prompt: 'Describe {name}.' });
    await until(created.batch.id, (c) => c.done === 2);
    const sent = chatRequests().find((r) => JSON.stringify(r.json).includes('Describe IMG_4242.HEIC.'));
    const url = /data:(image\/\w+);base64,([A-Za-z0-9+/=]+)/.exec(JSON.stringify(sent?.json));
    expect(url?.[1]).toBe('image/jpeg');
    const meta = await sharp(Buffer.from(url![2]!, 'base64')).metadata();
    // Upright and sized for the protocol: landscape, the photo's own aspect ratio.
    expect(meta.format).toBe('jpeg');
    expect(meta.width! / meta.height!).toBeCloseTo(1280 / 854, 1);
  });

  it('refuses more than 200 images, and documents, before storing anything', async () => {
    const [img] = await images(1);
    const many = Array.from({ length: 201 }, () => img!);
    const r = await h.call('batches.create', { images: many, prompt: 'Describe.' });
    expect(r.ok ? null : r.error.code).toBe('invalid_input');
    expect(await h.ok('batches.list', {})).toEqual([]);
  });
});
