import type { SecretBackend } from '../../shared/domain';

/** Where the API key lives. The key is read in main only, when a request is built. */
export interface SecretStore {
  readonly backend: SecretBackend;
  /** false when what is set is lost at exit (memory backend) */
  readonly persistent: boolean;
  get(account: string): Promise<string | null>;
  set(account: string, value: string): Promise<void>;
  delete(account: string): Promise<void>;
}

export const API_KEY_ACCOUNT = 'api-key';
export const SERVICE_NAME = 'Yibu Chat';
