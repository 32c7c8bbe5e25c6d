// A stored message as the storage tests write it: a finished user turn whose one text part is `text`
// (by default the message's id), with anything else overridden by `extra`.
import type { Message } from '../../../shared/domain';

export function storedMessage(threadId: string, id: string, createdAt: number, text: string = id, extra: Partial<Message> = {}): Message {
  return {
    id,
    threadId,
    role: 'user',
    parts: [{ type: 'text', text }],
    status: 'done',
    error: null,
    usage: null,
    model: null,
    finishReason: null,
    createdAt,
    ...extra,
  };
}
