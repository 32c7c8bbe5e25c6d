/**
 * Refusals the UI translates. `code` is stable (i18n keys hang off it); `details` carries the numbers a
 * message may quote ("4000 × 30000 px", "131 pages, at most 100").
 */
export const ATTACHMENT_ERROR_CODES = [
  'empty', // zero bytes
  'too_large', // file over the intake cap (default 100 MB)
  'not_supported', // not an image or PDF, or a format this build cannot decode (AVIF where sharp lacks AV1)
  'corrupt', // looks like a supported format but does not decode
  'too_many_pixels', // header dimensions over the pixel cap: refused before any pixel is decoded
  'pdf_too_large', // PDF over the document cap (default 32 MB)
  'pdf_too_many_pages', // PDF over the page cap (default 100)
  'cannot_shrink', // no quality/size step meets the byte limit
  'too_many_images', // more images in one request than the protocol accepts
  'wrong_kind', // prepare() on a document, prepareDocument() on an image
  'not_found', // unknown or malformed id
  'heic_corrupt', // a HEIC/HEIF that libheif cannot parse or decode, or whose decode ran out of time or memory
] as const;

export type AttachmentErrorCode = (typeof ATTACHMENT_ERROR_CODES)[number];

export type AttachmentErrorDetails = Record<string, string | number | boolean | undefined>;

export class AttachmentError extends Error {
  override readonly name = 'AttachmentError';
  constructor(
    readonly code: AttachmentErrorCode,
    message: string,
    readonly details: AttachmentErrorDetails = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isAttachmentError(e: unknown): e is AttachmentError {
  return e instanceof AttachmentError;
}
