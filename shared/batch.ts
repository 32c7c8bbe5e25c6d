// "Describe each": a batch of images, one request per image (ARCHITECTURE.md § Batches). Shared by
// main (the runner, storage, exports) and the renderer (the table).
import { z } from 'zod';
import { AppError, Message, Protocol } from './domain';

/** Most images in one batch: more are refused before anything is stored. */
export const BATCH_MAX_ROWS = 200;
/** Requests of one batch in flight at once: 1..8, 3 unless the user chose otherwise. */
export const BATCH_MAX_CONCURRENCY = 8;
export const BATCH_DEFAULT_CONCURRENCY = 3;
/** In a prompt template, replaced by the image's file name. */
export const BATCH_NAME_PLACEHOLDER = '{name}';

export const BatchRowStatus = z.enum(['queued', 'streaming', 'done', 'error', 'stopped']);
export type BatchRowStatus = z.infer<typeof BatchRowStatus>;

export const BatchRow = z.object({
  id: z.string(),
  batchId: z.string(),
  /** position in the table (the order the images were given) */
  index: z.number().int().nonnegative(),
  attachmentId: z.string(),
  name: z.string(),
  status: BatchRowStatus,
  /** the row's answer (an assistant message in the batch's own thread); null until it first starts */
  messageId: z.string().nullable(),
  startedAt: z.number().nullable(),
  endedAt: z.number().nullable(),
  /** why it failed before an answer existed (no key, image gone); an answer's own error is on its message */
  error: AppError.nullable(),
});
export type BatchRow = z.infer<typeof BatchRow>;

export const Batch = z.object({
  id: z.string(),
  /** the hidden thread that holds each row's question and answer (with its trace) */
  threadId: z.string(),
  title: z.string(),
  model: z.string(),
  protocol: Protocol,
  prompt: z.string(),
  concurrency: z.number().int().min(1).max(BATCH_MAX_CONCURRENCY),
  createdAt: z.number(),
  /** rows per status, for the list */
  counts: z.record(BatchRowStatus, z.number().int()),
  total: z.number().int(),
});
export type Batch = z.infer<typeof Batch>;

/** A batch with its rows and the answers that exist so far. */
export const BatchView = z.object({ batch: Batch, rows: z.array(BatchRow), messages: z.array(Message) });
export type BatchView = z.infer<typeof BatchView>;

export const BatchExportFormat = z.enum(['csv', 'md', 'json']);
export type BatchExportFormat = z.infer<typeof BatchExportFormat>;

/** The prompt for one image: the template with `{name}` replaced by its file name. */
export function fillPrompt(template: string, name: string): string {
  return template.split(BATCH_NAME_PLACEHOLDER).join(name);
}

/** A row's outcome from its answer's final status: truncated and interrupted answers count as failures. */
export function rowStatusOf(status: Message['status']): BatchRowStatus {
  if (status === 'streaming') return 'streaming';
  if (status === 'done') return 'done';
  if (status === 'stopped') return 'stopped';
  return 'error';
}
