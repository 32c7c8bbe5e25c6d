// Image and PDF intake for the main process. Plain Node (sharp); nothing here imports electron.
//
//   const attachments = createAttachmentStore({ dir: join(platform.userDataDir, 'attachments'), logger });
//   // drop / paste / pick: bytes from the renderer (or ingestFile(path) for a dropped file with a path);
//   // pass the thread's protocol so the upload image comes out of the same decode as the thumbnail
//   const a = await attachments.ingest({ name, bytes, prepareFor: [{ protocol, imageCountInRequest: 1 }] });
//   // → Part { type: 'image', attachmentId: a.id, mime: a.mime, name: a.name, width: a.width!, height: a.height!, size: a.size }
//   const thumb = await attachments.thumbnail(a.id); // for the chip; the renderer never gets more
//   // building a request (every turn, from disk; cached per set of limits):
//   const img = await attachments.prepare(a.id, { protocol, imageCountInRequest });
//   //   openai-chat:        { type: 'image_url', image_url: { url: `data:${img.mime};base64,${img.base64}`, detail: 'high' } }
//   //   anthropic-messages: { type: 'image', source: { type: 'base64', media_type: img.mime, data: img.base64 } }
//   const pdf = await attachments.prepareDocument(a.id); // anthropic-messages only: { type: 'document', source: … }
//
// Every refusal is an AttachmentError with a stable `code` (ATTACHMENT_ERROR_CODES) and `details` for the
// translated message. Anything else thrown is a bug (RangeError: invalid limits or image count) or an I/O
// failure of the store's folder.
export { createAttachmentStore, DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_PIXELS, DEFAULT_PDF_LIMITS } from './store';
export { AttachmentError, ATTACHMENT_ERROR_CODES, isAttachmentError } from './errors';
export type { AttachmentErrorCode, AttachmentErrorDetails } from './errors';
export { ANTHROPIC_MANY_IMAGES, DEFAULT_LIMITS, fitWithin, resolveLimits } from './limits';
export type { Limits, Size } from './limits';
export { canDecode } from './sniff';
export { disposeHeifDecoder } from './heif';
export type { ImageEdit, Rotation } from './edit';
export type { ImageFormat } from './sniff';
export type {
  Attachment,
  AttachmentKind,
  AttachmentStore,
  AttachmentStoreOptions,
  IngestInput,
  PdfLimits,
  PreparedDocument,
  PreparedImage,
  PrepareTarget,
  Thumbnail,
} from './types';
