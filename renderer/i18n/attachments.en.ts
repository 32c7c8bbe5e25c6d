// English strings of attachments (drop zone, chips, lightbox, describe, refusals).
// attachments.zh-CN.ts must have exactly these keys (checked by its type).
export const attachmentsEn = {
  dropTitle: 'Drop images to attach',
  dropHint: 'JPEG, PNG, WebP, GIF, HEIC or PDF — several at once',
  dropNewThread: 'A new thread starts with them',
  dropThisThread: 'They will be attached to this thread',
  listLabel: 'Attachments',
  reading: 'Reading… {{percent}}%',
  processing: 'Processing…',
  open: 'View {{name}}',
  remove: 'Remove {{name}}',
  describe: 'Describe',
  describeOne: 'Describe {{name}}',
  describeAll: 'Describe the images',
  describeAllHint: 'Send the images with “{{prompt}}”',
  /** the default of Settings.describePrompt in this language */
  describePrompt: 'What is in this image? Describe it in detail.',
  waiting: 'Wait until the attachments are ready',
  needsClaude: 'Needs a Claude model',
  unavailable: 'Image no longer available',
  image: 'Image',
  document: 'PDF document',
  lightboxClose: 'Close',
  lightboxLoading: 'Loading preview…',
  lightboxFailed: 'The preview could not be loaded',
  dismiss: 'Dismiss',
  /** What went wrong with one file; {{name}} is the file name. */
  errors: {
    empty: '“{{name}}” is empty (0 bytes).',
    too_large: '“{{name}}” is too large. Files can be at most 100 MB.',
    not_supported: '“{{name}}” is not an image or PDF. Attach JPEG, PNG, WebP, GIF, HEIC, AVIF, TIFF or PDF files.',
    not_supported_decoder: '“{{name}}” is in a format this app cannot decode on this computer. Convert it to JPEG and try again.',
    corrupt: '“{{name}}” looks damaged and could not be read.',
    too_many_pixels: '“{{name}}” has too many pixels (over 100 megapixels) and was refused to keep the app safe.',
    pdf_too_large: '“{{name}}” is too large for a PDF attachment (at most 32 MB).',
    pdf_too_many_pages: '“{{name}}” has too many pages (a PDF can have at most 100).',
    cannot_shrink: '“{{name}}” could not be made small enough for the model’s size limit.',
    too_many_images: 'Too many images for one request. Remove some and try again.',
    wrong_kind: '“{{name}}” cannot be used that way.',
    not_found: '“{{name}}” is no longer available. Attach it again.',
    missing: 'An attachment is no longer available. Remove it and attach it again.',
    pdf_needs_anthropic: 'PDFs can only be sent with the Anthropic Messages protocol. Switch this thread to a Claude model, or remove the PDF.',
    unknown: '“{{name}}” could not be attached: {{message}}',
    heic_corrupt: '“{{name}}” is a HEIC/HEIF photo that could not be decoded: it looks damaged or unusual. Export it as JPEG on the phone and try again.',
  },
};

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
export type AttachmentStrings = Strings<typeof attachmentsEn>;
