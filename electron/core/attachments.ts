// Attachments between the renderer and the store: bytes come in once, ids and thumbnails go out,
// and requests get images derived for their protocol from the original on disk.
import type { AttachmentInfo, Message, Part, Protocol } from '../../shared/domain';
import { isAttachmentError, type Attachment, type AttachmentStore, type ImageEdit } from '../attachments';
import type { AttachmentResolver } from '../providers/types';
import { AppFailure } from './failure';

/** Anthropic takes up to 100 images in a request; OpenAI documents no count but gateways cap it. */
const MAX_IMAGES: Record<Protocol, number> = { 'anthropic-messages': 100, 'openai-chat': 100 };

export class AttachmentService {
  constructor(private readonly store: AttachmentStore) {}

  async add(input: { name: string; mime: string; data: string; protocol?: Protocol }): Promise<AttachmentInfo> {
    const protocol = input.protocol;
    const bytes = Buffer.from(input.data, 'base64');
    const a = await this.guard(() =>
      this.store.ingest({
        name: input.name || 'file',
        bytes,
        declaredMime: input.mime || undefined,
        prepareFor: protocol ? [{ protocol, imageCountInRequest: 1 }] : undefined,
      }),
    );
    return this.info(a);
  }

  async get(ids: string[]): Promise<AttachmentInfo[]> {
    const out: AttachmentInfo[] = [];
    for (const id of ids) {
      const a = await this.store.get(id);
      if (a) out.push(await this.info(a));
    }
    return out;
  }

  async preview(id: string): Promise<{ dataUrl: string }> {
    const a = await this.store.get(id);
    if (!a || a.kind !== 'image') throw AppFailure.of('not_found', 'That image is no longer available.');
    // The OpenAI derivation (≤ 2048 px, short edge ≤ 768) doubles as a lightbox-sized, stripped preview.
    const p = await this.guard(() => this.store.prepare(id, { protocol: 'openai-chat', imageCountInRequest: 1 }));
    return { dataUrl: `data:${p.mime};base64,${p.base64}` };
  }

  /** A cropped/rotated copy of a draft image, as a new attachment; the original stays. */
  async edit(id: string, edit: ImageEdit): Promise<AttachmentInfo> {
    const a = await this.store.get(id);
    if (!a || a.kind !== 'image') throw AppFailure.of('not_found', 'That image is no longer available.');
    return this.info(await this.guard(() => this.store.edit(id, edit)));
  }

  /** The message part for an attachment the composer references by id. */
  async part(id: string): Promise<Part> {
    const a = await this.store.get(id);
    if (!a) throw AppFailure.of('invalid_input', 'An attachment is no longer available. Attach it again.', { reason: 'missing' });
    if (a.kind === 'document') return { type: 'document', attachmentId: a.id, mime: a.mime, name: a.name, size: a.size, pages: a.pages };
    return { type: 'image', attachmentId: a.id, mime: a.mime, name: a.name, width: a.width ?? 0, height: a.height ?? 0, size: a.size };
  }

  /** Refuses, before anything is stored, what the thread's protocol cannot carry. */
  checkSendable(protocol: Protocol, history: Message[], parts: Part[]): void {
    if (protocol === 'openai-chat' && parts.some((p) => p.type === 'document')) {
      throw AppFailure.of('invalid_input', 'PDFs can only be sent with the Anthropic Messages protocol. Switch this thread to a Claude model.', {
        reason: 'pdf_needs_anthropic',
      });
    }
    const images = [...history.flatMap((m) => m.parts), ...parts].filter((p) => p.type === 'image').length;
    if (images > MAX_IMAGES[protocol]) {
      throw AppFailure.of('invalid_input', `A request can carry at most ${MAX_IMAGES[protocol]} images.`, { reason: 'too_many_images' });
    }
  }

  /** Re-derives every image of the request from disk, sized for this protocol and image count. */
  resolver(protocol: Protocol, history: Message[]): AttachmentResolver {
    const imageCountInRequest = history.flatMap((m) => m.parts).filter((p) => p.type === 'image').length;
    return async (id) => {
      const a = await this.store.get(id);
      if (!a) throw AppFailure.of('invalid_input', 'An attachment in this thread is missing from disk.', { reason: 'missing' });
      if (a.kind === 'document') {
        const d = await this.guard(() => this.store.prepareDocument(id));
        return { mime: d.mime, base64: d.base64 };
      }
      const img = await this.guard(() => this.store.prepare(id, { protocol, imageCountInRequest }));
      return { mime: img.mime, base64: img.base64 };
    };
  }

  private async info(a: Attachment): Promise<AttachmentInfo> {
    const thumb = a.kind === 'image' ? await this.store.thumbnail(a.id) : null;
    return {
      id: a.id,
      kind: a.kind,
      mime: a.mime,
      name: a.name,
      size: a.size,
      width: a.width,
      height: a.height,
      pages: a.pages,
      thumbnail: thumb ? `data:${thumb.mime};base64,${thumb.bytes.toString('base64')}` : null,
    };
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (isAttachmentError(err)) throw AppFailure.of('invalid_input', err.message, { reason: err.code });
      throw err;
    }
  }
}
