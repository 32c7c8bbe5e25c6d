import type { Protocol } from '../../shared/domain';
import type { Logger } from '../platform/types';
import type { ImageEdit } from './edit';
import type { Limits } from './limits';

export type AttachmentKind = 'image' | 'document';

/** What the app knows about a stored attachment. `id` is the SHA-256 of the original bytes (hex). */
export interface Attachment {
  id: string;
  kind: AttachmentKind;
  /** of the original, as sniffed from its bytes (never the file name or the declared type) */
  mime: string;
  name: string;
  /** bytes of the original */
  size: number;
  /** upright (EXIF orientation applied) dimensions, images only */
  width?: number;
  height?: number;
  /** documents: page count when it could be read (best effort, see pdf.ts) */
  pages?: number;
}

/** Where an image is going: decides its size, format and byte budget. */
export interface PrepareTarget {
  protocol: Protocol;
  /** all images in the request being built, this one included (Anthropic shrinks its box above 20) */
  imageCountInRequest: number;
  limits?: Partial<Limits>;
}

export interface IngestInput {
  name: string;
  bytes: Uint8Array;
  /** what the drop/paste claimed; logged when it disagrees, never trusted */
  declaredMime?: string;
  /**
   * Targets to derive right away from the same decode as the thumbnail (one decode instead of two): pass
   * the thread's protocol when it is known. Failures here are not fatal; prepare() reports them later.
   */
  prepareFor?: PrepareTarget[];
}

export interface PreparedImage {
  mime: 'image/jpeg' | 'image/png';
  base64: string;
  width: number;
  height: number;
  /** decoded byte length (the base64 text is 4/3 of it) */
  bytes: number;
  /** JPEG quality used; absent for PNG */
  quality?: number;
  /** served from the derived-image cache on disk */
  cached: boolean;
}

export interface PreparedDocument {
  mime: 'application/pdf';
  base64: string;
  bytes: number;
  pages?: number;
}

export interface Thumbnail {
  mime: 'image/webp';
  bytes: Buffer;
  width: number;
  height: number;
}

export interface PdfLimits {
  /** default 32 MB (the Anthropic request cap) */
  maxBytes: number;
  /** default 100 */
  maxPages: number;
}

export interface AttachmentStoreOptions {
  /** the store owns this folder: originals/, thumbs/, meta/, derived/, tmp/ */
  dir: string;
  logger?: Logger;
  /** intake cap for any file, default 100 MB */
  maxFileBytes?: number;
  /** decompression-bomb cap on width × height from the header, default 100 MP */
  maxPixels?: number;
  pdf?: Partial<PdfLimits>;
  /** store-wide overrides per protocol (e.g. from settings); per-call limits win over these */
  limits?: Partial<Record<Protocol, Partial<Limits>>>;
  /** long edge of thumbnails, default 256 */
  thumbnailSize?: number;
  /** time limit of one HEIC decode in the worker, default 10 s (then refused as heic_corrupt) */
  heifTimeoutMs?: number;
}

export interface AttachmentStore {
  /** Sniff, validate, store content-addressed (deduplicated), thumbnail. Throws AttachmentError. */
  ingest(input: IngestInput): Promise<Attachment>;
  /** Same, streaming from a file on disk (drag and drop with a path): the file is never held whole in memory. */
  ingestFile(path: string, options?: { name?: string; prepareFor?: PrepareTarget[] }): Promise<Attachment>;
  get(id: string): Promise<Attachment | null>;
  has(id: string): Promise<boolean>;
  /** WebP, long edge ≤ thumbnailSize, upright, no metadata; null for documents (show an icon). */
  thumbnail(id: string): Promise<Thumbnail | null>;
  /** Upload-ready image for one protocol, derived from the original and cached on disk. */
  prepare(id: string, target: PrepareTarget): Promise<PreparedImage>;
  /**
   * Rotated and/or cropped from the upright original, stored as a new attachment (new id); the original is
   * kept unchanged. Throws wrong_kind for a document.
   */
  edit(id: string, edit: ImageEdit): Promise<Attachment>;
  /** The PDF as base64, re-checked against the document limits. */
  prepareDocument(id: string, limits?: Partial<PdfLimits>): Promise<PreparedDocument>;
}
