import type { KeyStatus } from '../../shared/domain';
import { API_KEY_ACCOUNT, type SecretStore } from './types';

const HINT_CHARS = 4;
/** A key shorter than this gets no characters in its hint: four of six would give most of it away. */
const MIN_KEY_FOR_HINT = 8;

/** "…abcd": the last four characters, all the renderer is ever shown of a key. */
export function keyHint(key: string): string {
  const chars = Array.from(key.trim());
  if (chars.length === 0) return '';
  if (chars.length < MIN_KEY_FOR_HINT) return '…';
  return `…${chars.slice(-HINT_CHARS).join('')}`;
}

/** What the renderer may learn about the stored API key. */
export async function keyStatus(store: SecretStore, account: string = API_KEY_ACCOUNT): Promise<KeyStatus> {
  const key = await store.get(account);
  const hasKey = key !== null && key.trim() !== '';
  return { hasKey, hint: hasKey ? keyHint(key) : null, backend: store.backend, persistent: store.persistent };
}
