// Hook for attachments (images, PDFs), which a later issue implements: files picked through
// `composer-file-input` arrive here. Until then nothing is taken in and the attach button stays
// disabled, so the UI does not pretend to accept files.
export const ATTACHMENTS_ENABLED = false;

export function takeInAttachments(_threadKey: string, _files: File[]): void {
  // Intentionally empty until the attachments issue: main will take the files in (decode, strip
  // metadata, downscale) and return attachment ids for chat.send's `attachment` parts.
}
