// Our own export file: versioned, lossless (every stored field of threads and messages — branches,
// attachments with their original bytes, tool calls and results, usage — and traces when asked for).
// The importer refuses a file whole when anything in it is off; see import.ts.
import { z } from 'zod';
import { Message, Thread, Trace } from '../../../shared/domain';
import { PlaygroundConfig } from '../../../shared/tools';

export const EXPORT_FORMAT = 'yibu-chat-export';
export const EXPORT_VERSION = 1;

export const ExportedAttachment = z
  .object({
    /** SHA-256 of the bytes (hex): what message parts refer to */
    id: z.string(),
    name: z.string(),
    mime: z.string().max(200),
    /** byte length of `data` once decoded */
    size: z.number().int().nonnegative(),
    /** the original bytes, base64 */
    data: z.string(),
  })
  .strict();
export type ExportedAttachment = z.infer<typeof ExportedAttachment>;

export const ExportedThread = z
  .object({
    thread: Thread,
    /** every message of the thread, all branches, each parent before its children */
    messages: z.array(Message),
    /**
     * The message ids, least recently chosen first: choosing them in this order on import makes each set of
     * siblings select what it selected here (electron/storage/branches.ts). Absent in files that carry
     * only the selected path; then the last sibling of each set is selected.
     */
    choices: z.array(z.string()).optional(),
    playground: PlaygroundConfig.optional(),
    traces: z.array(Trace).optional(),
  })
  .strict();
export type ExportedThread = z.infer<typeof ExportedThread>;

export const ExportFile = z
  .object({
    format: z.literal(EXPORT_FORMAT),
    version: z.literal(EXPORT_VERSION),
    exportedAt: z.number(),
    app: z.string(),
    threads: z.array(ExportedThread),
    attachments: z.array(ExportedAttachment),
  })
  .strict();
export type ExportFile = z.infer<typeof ExportFile>;
