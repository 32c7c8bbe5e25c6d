import type { SecretStore } from '../secrets/types';

export interface Logger {
  info(msg: string, data?: Record<string, unknown>): void;
  warn(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Everything the core needs from its host (Electron or plain Node). */
export interface Platform {
  /** the app's user-data folder: database, attachments, logs */
  readonly userDataDir: string;
  readonly fetch: typeof globalThis.fetch;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  systemLocale(): string;
  openExternal(url: string): Promise<void>;
}
