import type { AttachmentService } from './attachments';
import type { Logger } from '../platform/types';
import type { MessagesRepo, MessageWriter, PlaygroundsRepo, SettingsRepo, ThreadsRepo, TracesRepo } from '../storage';
import type { ProfileTarget } from './profiles';
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
  /**
   * the API key, if it may go to the current base URL: an `auth` failure when none is set, `key_origin`
   * when it was saved for another origin (then nothing may be sent)
   */
  requireKey(): Promise<string>;
  /** the normalized base URL, or an `invalid_input` failure (not http(s), or plain http to a public host) */
  requireBaseUrl(): string;
  /** the base URL and the key together, checked as one: what every request that carries the key uses */
  requireTarget(): Promise<{ baseUrl: string; apiKey: string }>;
  /**
   * a thread's profile (pinned on first use) checked as one: base URL, key (bound to that profile's
   * origin), auth header style and fetch (through the profile's proxy when it has one)
   */
  threadTarget(threadId: string): Promise<ProfileTarget>;
  /** the same for a profile by id (gateway calls from Settings) */
  profileTarget(profileId: string): Promise<ProfileTarget>;
  /** pins a thread to a profile (a branch goes where its source went) */
  pinThread(threadId: string, profileId: string): void;
  attachments: AttachmentService;
}
