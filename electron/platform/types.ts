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
  /** a fetch through this HTTP proxy (a profile's override of the system proxy) */
  fetchVia?(proxyUrl: string): typeof globalThis.fetch;
  readonly secrets: SecretStore;
  readonly logger: Logger;
  readonly mode: 'electron' | 'browser';
  readonly version: string;
  systemLocale(): string;
  openExternal(url: string): Promise<void>;
  /**
   * Asks the user, in a dialog main owns, whether the stored key may now go to `to` although it was
   * saved for `from`. Electron only: browser mode has no such dialog, the key must be entered again.
   */
  confirmKeyMove?(from: string, to: string, text: KeyMoveText): Promise<boolean>;
}

/** The dialog's words, in the app's language (main has no i18n of its own: the core picks them). */
export interface KeyMoveText {
  title: string;
  message: string;
  detail: string;
  confirm: string;
  cancel: string;
}
