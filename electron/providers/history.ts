// Helpers both request builders use to read a thread's stored messages.

import type { Message } from '../../shared/domain';

/** A message that failed before producing anything is not part of the conversation. */
export function hasContent(m: Message): boolean {
  return m.parts.some((p) => {
    if (p.type === 'text' || p.type === 'refusal' || p.type === 'thinking') return p.text !== '';
    return true;
  });
}
