// Imports our own export file (format.ts) losslessly, or refuses it whole with a clear reason and
// stores nothing: everything is checked before the first write, attachments are stored before the one
// database transaction that adds the threads (a refused file leaves at most unreferenced,
// content-addressed attachment files, which nothing shows).
import { createHash } from 'node:crypto';
import type { Thread } from '../../../shared/domain';
import type { CoreContext } from '../context';
import { AppFailure } from '../failure';
import { EXPORT_FORMAT, EXPORT_VERSION, ExportFile, type ExportedAttachment } from './format';
import { attachmentIds } from './exporter';

/** The attachment intake's own cap: a larger claimed size is refused before any byte is decoded. */
export const MAX_IMPORT_ATTACHMENT_BYTES = 100 * 1024 * 1024;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const SHA256_HEX = /^[0-9a-f]{64}$/;

export type ImportReason =
  | 'import_json'
  | 'import_version'
  | 'import_schema'
  | 'import_path'
  | 'import_too_large'
  | 'import_base64'
  | 'import_size'
  | 'import_hash'
  | 'import_duplicate'
  | 'import_missing_attachment'
  | 'import_exists';

function refuse(reason: ImportReason, message: string): never {
  throw AppFailure.of('invalid_input', `Nothing was imported: ${message}`, { reason });
}

/** A bare file name: no folder parts, no parent references, no drive, no control characters. */
export function isSafeAttachmentName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (name === '.' || name === '..' || name.includes('/') || name.includes('\\')) return false;
  if (/^[a-zA-Z]:/.test(name)) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u001f\u007f]/.test(name);
}

export interface ImportContext {
  ctx: CoreContext;
  /** runs `fn` in one database transaction */
  transaction(fn: () => void): void;
}

export class Importer {
  constructor(private readonly deps: ImportContext) {}

  async import(text: string): Promise<Thread[]> {
    const file = this.parse(text);
    const bytes = this.checkAttachments(file.attachments);
    await this.checkThreads(file, new Set(file.attachments.map((a) => a.id)));
    const { ctx } = this.deps;
    for (const a of file.attachments) {
      const id = await ctx.attachments.restore(a.name, bytes.get(a.id)!);
      // The store names files by the SHA-256 of their bytes, as the file did: checked above, so equal.
      if (id !== a.id) refuse('import_hash', `the attachment “${a.name}” is not what its id says.`);
    }
    this.deps.transaction(() => {
      for (const t of file.threads) {
        ctx.threads.insertWhole(t.thread);
        for (const m of t.messages) ctx.messages.insert(m);
        if (t.choices) ctx.messages.restoreChoices(t.choices);
        if (t.playground) ctx.playgrounds.put(t.thread.id, t.playground);
        for (const tr of t.traces ?? []) ctx.traces.save(tr);
      }
    });
    return file.threads.map((t) => ctx.threads.get(t.thread.id) ?? t.thread);
  }

  private parse(text: string): ExportFile {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      refuse('import_json', 'the file is not valid JSON.');
    }
    const head = json as { format?: unknown; version?: unknown } | null;
    if (!head || typeof head !== 'object' || head.format !== EXPORT_FORMAT) {
      refuse('import_version', 'this is not a Yibu Chat export file.');
    }
    if (head.version !== EXPORT_VERSION) {
      refuse('import_version', `the file is format version ${String(head.version)}; this app reads version ${EXPORT_VERSION}.`);
    }
    const r = ExportFile.safeParse(json);
    if (!r.success) {
      const issue = r.error.issues[0]!;
      refuse('import_schema', `the file does not match the export format (${issue.path.join('.') || 'root'}: ${issue.message}).`);
    }
    return r.data;
  }

  /** Names, claimed sizes, base64, actual sizes and hashes, in that order: cheap checks first. */
  private checkAttachments(list: ExportedAttachment[]): Map<string, Buffer> {
    const seen = new Set<string>();
    for (const a of list) {
      if (!SHA256_HEX.test(a.id)) refuse('import_schema', 'an attachment id is not a SHA-256.');
      if (seen.has(a.id)) refuse('import_duplicate', `the attachment ${a.id.slice(0, 12)}… appears twice.`);
      seen.add(a.id);
      if (!isSafeAttachmentName(a.name)) refuse('import_path', `the attachment name “${a.name.slice(0, 80)}” is a path, not a file name.`);
      if (a.size > MAX_IMPORT_ATTACHMENT_BYTES) refuse('import_too_large', `the attachment “${a.name}” claims ${a.size} bytes; at most 100 MB are taken.`);
      // The text must be exactly as long as the claimed size encodes to before it is decoded at all.
      if (a.data.length !== Math.ceil(a.size / 3) * 4) refuse('import_size', `the attachment “${a.name}” is not ${a.size} bytes long.`);
      if (!BASE64.test(a.data)) refuse('import_base64', `the attachment “${a.name}” is not valid base64.`);
    }
    const bytes = new Map<string, Buffer>();
    for (const a of list) {
      const b = Buffer.from(a.data, 'base64');
      if (b.length !== a.size) refuse('import_size', `the attachment “${a.name}” is not ${a.size} bytes long.`);
      if (createHash('sha256').update(b).digest('hex') !== a.id) refuse('import_hash', `the attachment “${a.name}” is not what its id says.`);
      bytes.set(a.id, b);
    }
    return bytes;
  }

  private async checkThreads(file: ExportFile, inFile: Set<string>): Promise<void> {
    const { ctx } = this.deps;
    const threadIds = new Set<string>();
    const messageIds = new Set<string>();
    for (const t of file.threads) {
      if (threadIds.has(t.thread.id)) refuse('import_duplicate', `the thread ${t.thread.id} appears twice.`);
      threadIds.add(t.thread.id);
      const inThread = new Set<string>();
      if (ctx.threads.get(t.thread.id)) refuse('import_exists', `the thread “${t.thread.title}” is already in the app.`);
      for (const m of t.messages) {
        if (messageIds.has(m.id)) refuse('import_duplicate', `the message ${m.id} appears twice.`);
        messageIds.add(m.id);
        if (m.threadId !== t.thread.id) refuse('import_schema', `the message ${m.id} belongs to another thread.`);
        if (ctx.messages.get(m.id)) refuse('import_exists', `the message ${m.id} is already in the app.`);
        // A parent comes before its children, in the same thread: that also rules out cycles.
        if (m.parentId && !inThread.has(m.parentId)) refuse('import_schema', `the message ${m.id} answers a message that is not before it in “${t.thread.title}”.`);
        inThread.add(m.id);
      }
      const ids = new Set(t.messages.map((m) => m.id));
      if (t.choices) {
        const chosen = new Set(t.choices);
        if (chosen.size !== t.choices.length || t.choices.some((id) => !ids.has(id))) {
          refuse('import_schema', `the branch choices of “${t.thread.title}” name messages it does not have.`);
        }
      }
      for (const tr of t.traces ?? []) {
        if (!ids.has(tr.messageId) || tr.threadId !== t.thread.id) refuse('import_schema', `a trace belongs to no message of “${t.thread.title}”.`);
      }
    }
    for (const id of attachmentIds(file.threads.flatMap((t) => t.messages))) {
      if (!inFile.has(id) && !(await ctx.attachments.has(id))) {
        refuse('import_missing_attachment', `a message refers to an attachment the file does not carry.`);
      }
    }
  }
}

