// Exports threads as our lossless JSON, Markdown (a zip with images beside it), or OpenAI
// chat-completions JSON / JSONL (one `{messages}` record per thread, images as data URLs) for use as
// evaluation datasets. Built from stored messages only: no key, header or setting is ever read here,
// and the redactor scrubs what goes out once more.
import type { Message, Thread } from '../../../shared/domain';
import { buildOpenAIChatMessages } from '../../providers/openai-chat';
import type { CoreContext } from '../context';
import { AppFailure } from '../failure';
import { EXPORT_FORMAT, EXPORT_VERSION, type ExportedAttachment, type ExportFile } from './format';
import { safeFileName, threadMarkdown } from './markdown';
import { zip, type ZipEntry } from './zip';

export type ExportFormat = 'json' | 'markdown' | 'openai-json' | 'openai-jsonl';

export interface ExportResult {
  fileName: string;
  mime: string;
  /** the file's bytes, base64 */
  data: string;
}

export class Exporter {
  constructor(
    private readonly ctx: CoreContext,
    private readonly appVersion: string,
    /** threads that are not conversations (a batch's), left out of "all threads" */
    private readonly hidden: () => ReadonlySet<string> = () => new Set(),
  ) {}

  async export(opts: { threadIds?: string[]; format: ExportFormat; includeTraces?: boolean }): Promise<ExportResult> {
    const threads = this.threads(opts.threadIds);
    const base = threads.length === 1 ? safeFileName(threads[0]!.title || 'thread', 'thread') : `yibu-chat-${stamp()}`;
    switch (opts.format) {
      case 'json': {
        const file = await this.json(threads, Boolean(opts.includeTraces));
        return this.text(`${base}.yibu.json`, 'application/json', JSON.stringify(file, null, 2));
      }
      case 'markdown':
        return { fileName: `${base}.zip`, mime: 'application/zip', data: (await this.markdownZip(threads)).toString('base64') };
      case 'openai-json':
        return this.text(`${base}.openai.json`, 'application/json', JSON.stringify(await this.openai(threads), null, 2));
      case 'openai-jsonl': {
        const records = await this.openai(threads);
        return this.text(`${base}.openai.jsonl`, 'application/jsonl', records.map((r) => JSON.stringify(r)).join('\n') + '\n');
      }
    }
  }

  /** Our own file: everything stored, attachments with their original bytes. */
  async json(threads: Thread[], includeTraces: boolean): Promise<ExportFile> {
    const attachments = new Map<string, ExportedAttachment>();
    const out: ExportFile = { format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: Date.now(), app: `yibu-chat ${this.appVersion}`, threads: [], attachments: [] };
    for (const thread of threads) {
      const { messages, choices } = this.ctx.messages.wholeTree(thread.id);
      for (const id of attachmentIds(messages)) {
        if (attachments.has(id)) continue;
        const a = await this.ctx.attachments.original(id);
        if (a) attachments.set(id, { id, name: a.attachment.name, mime: a.attachment.mime, size: a.bytes.length, data: a.bytes.toString('base64') });
      }
      const traces = includeTraces ? messages.flatMap((m) => this.ctx.traces.getByMessage(m.id) ?? []) : undefined;
      out.threads.push({ thread, messages, choices, playground: this.ctx.playgrounds.get(thread.id), ...(traces ? { traces } : {}) });
    }
    out.attachments = [...attachments.values()];
    return this.ctx.redactor.value(out);
  }

  private async markdownZip(threads: Thread[]): Promise<Buffer> {
    const entries: ZipEntry[] = [];
    const dirs = new Set<string>();
    for (const thread of threads) {
      let dir = safeFileName(thread.title || 'thread', 'thread');
      if (dirs.has(dir)) dir = `${dir}-${thread.id.slice(0, 8)}`;
      dirs.add(dir);
      const { markdown, assets } = threadMarkdown(thread, this.ctx.messages.lastMessages(thread.id));
      entries.push({ name: `${dir}/${dir}.md`, data: Buffer.from(this.ctx.redactor.text(markdown), 'utf8') });
      for (const asset of assets) {
        const a = await this.ctx.attachments.original(asset.attachmentId);
        if (a) entries.push({ name: `${dir}/${asset.path}`, data: a.bytes });
      }
    }
    return zip(entries);
  }

  private async openai(threads: Thread[]): Promise<Array<{ messages: unknown[] }>> {
    const records: Array<{ messages: unknown[] }> = [];
    for (const thread of threads) {
      const history = this.ctx.messages.lastMessages(thread.id).filter((m) => m.status !== 'streaming');
      const resolve = async (id: string) => {
        const a = await this.ctx.attachments.original(id);
        if (!a) throw AppFailure.of('not_found', 'An attachment of this thread is missing from disk.', { reason: 'missing' });
        return { mime: a.attachment.mime, base64: a.bytes.toString('base64') };
      };
      records.push({ messages: await buildOpenAIChatMessages(thread.systemPrompt, history, resolve) });
    }
    return this.ctx.redactor.value(records);
  }

  private threads(ids?: string[]): Thread[] {
    if (!ids) {
      const hidden = this.hidden();
      return this.ctx.threads.list().filter((t) => !hidden.has(t.id));
    }
    return ids.map((id) => {
      const t = this.ctx.threads.get(id);
      if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
      return t;
    });
  }

  private text(fileName: string, mime: string, body: string): ExportResult {
    return { fileName, mime, data: Buffer.from(this.ctx.redactor.text(body), 'utf8').toString('base64') };
  }
}

export function attachmentIds(messages: Message[]): string[] {
  const ids = new Set<string>();
  for (const m of messages) for (const p of m.parts) if (p.type === 'image' || p.type === 'document') ids.add(p.attachmentId);
  return [...ids];
}

function stamp(): string {
  return new Date().toISOString().slice(0, 10);
}
