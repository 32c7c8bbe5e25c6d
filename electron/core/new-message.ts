import { randomUUID } from 'node:crypto';
import type { Message } from '../../shared/domain';

/** A message as it is first stored: a fresh id, no error, usage or finish reason yet. */
export function newMessage(
  fields: Pick<Message, 'threadId' | 'role' | 'createdAt'> & Partial<Pick<Message, 'parts' | 'status' | 'model' | 'parentId'>>,
): Message {
  return {
    id: randomUUID(),
    parts: [],
    status: fields.role === 'assistant' ? 'streaming' : 'done',
    model: null,
    error: null,
    usage: null,
    finishReason: null,
    ...fields,
  };
}
