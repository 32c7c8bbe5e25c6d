import type { AttachmentService } from './attachments';
import type { Logger } from '../platform/types';
import type { MessagesRepo, MessageWriter, PlaygroundsRepo, SettingsRepo, ThreadsRepo, TracesRepo } from '../storage';
import type { Redactor } from './redact';

/** What the services of the core share: repositories, the network, the log, and the key. */
export interface CoreContext {
  threads: ThreadsRepo;
  messages: MessagesRepo;
  settings: SettingsRepo;
  writer: MessageWriter;
  traces: TracesRepo;
  playgrounds: PlaygroundsRepo;
  fetch: typeof globalThis.fetch;
  logger: Logger;
  redactor: Redactor;
  idleTimeoutMs: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** the API key, or an `auth` failure telling the user to set one */
  requireKey(): Promise<string>;
  /** the normalized base URL, or an `invalid_input` failure */
  requireBaseUrl(): string;
  attachments: AttachmentService;
}
