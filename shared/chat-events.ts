// Normalized streaming events (both protocols map onto these) and the one reducer that applies them
// to a Message. Main uses it to build what it stores; the renderer uses it to apply pushed batches,
// so both sides always agree on what a message looks like.
import { z } from 'zod';
import { AppError, MessageStatus, ToolAwaiting, ToolCallStatus, Usage, type Message, type Part } from './domain';

export const ChatEvent = z.discriminatedUnion('type', [
  /** `key` names the block: "text", "b0" (anthropic block 0), "c1:text" (choice 1) … */
  z.object({ type: z.literal('text'), key: z.string(), delta: z.string() }),
  z.object({ type: z.literal('refusal'), key: z.string(), delta: z.string() }),
  z.object({
    type: z.literal('thinking'),
    key: z.string(),
    delta: z.string(),
    source: z.enum(['anthropic', 'openai']),
  }),
  z.object({ type: z.literal('thinking-signature'), key: z.string(), signature: z.string() }),
  z.object({ type: z.literal('redacted-thinking'), key: z.string(), data: z.string() }),
  z.object({ type: z.literal('tool-call-start'), key: z.string(), id: z.string(), name: z.string() }),
  z.object({ type: z.literal('tool-call-delta'), key: z.string(), delta: z.string() }),
  /** the block ended: input parsed, or inputError says why it could not be */
  z.object({
    type: z.literal('tool-call-end'),
    key: z.string(),
    input: z.unknown().optional(),
    inputError: z.string().optional(),
  }),
  /** the tool loop moved a call on (waiting for the user, running, done, error); `input` = the input used */
  z.object({
    type: z.literal('tool-call-status'),
    id: z.string(),
    status: ToolCallStatus,
    input: z.unknown().optional(),
    inputError: z.string().optional(),
    durationMs: z.number().optional(),
    /** what the result editor starts from while the loop waits for the user */
    resultDraft: z.string().optional(),
    /** what the loop waits for from the user; null once it no longer waits */
    awaiting: ToolAwaiting.nullable().optional(),
  }),
  z.object({ type: z.literal('usage'), usage: Usage }),
  /** main's clock: the thinking block `key` ended (the first other delta came) after this long */
  z.object({ type: z.literal('thinking-end'), key: z.string(), durationMs: z.number().nonnegative() }),
  z.object({ type: z.literal('finish'), reason: z.string() }),
  /** final status of the message, with the classified error when there is one */
  z.object({ type: z.literal('status'), status: MessageStatus, error: AppError.nullable() }),
]);
export type ChatEvent = z.infer<typeof ChatEvent>;

function findKeyed(parts: Part[], key: string): number {
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i] as { key?: string };
    if (p.key === key) return i;
  }
  return -1;
}

/** Returns a new Message with the event applied (parts array copied, untouched parts shared). */
export function applyChatEvent(msg: Message, ev: ChatEvent): Message {
  switch (ev.type) {
    case 'text':
    case 'refusal':
    case 'thinking': {
      const parts = msg.parts.slice();
      const i = findKeyed(parts, ev.key);
      if (i >= 0) {
        const p = parts[i] as Part & { text: string };
        parts[i] = { ...p, text: p.text + ev.delta } as Part;
      } else if (ev.type === 'thinking') {
        parts.push({ type: 'thinking', key: ev.key, text: ev.delta, source: ev.source });
      } else {
        parts.push({ type: ev.type, key: ev.key, text: ev.delta });
      }
      return { ...msg, parts };
    }
    case 'thinking-signature': {
      const parts = msg.parts.slice();
      const i = findKeyed(parts, ev.key);
      if (i >= 0 && parts[i]!.type === 'thinking') {
        const p = parts[i] as Extract<Part, { type: 'thinking' }>;
        parts[i] = { ...p, signature: (p.signature ?? '') + ev.signature };
      } else {
        parts.push({ type: 'thinking', key: ev.key, text: '', signature: ev.signature, source: 'anthropic' });
      }
      return { ...msg, parts };
    }
    case 'redacted-thinking':
      return { ...msg, parts: [...msg.parts, { type: 'redacted_thinking', key: ev.key, data: ev.data }] };
    case 'tool-call-start':
      return {
        ...msg,
        parts: [
          ...msg.parts,
          { type: 'tool_call', key: ev.key, id: ev.id, name: ev.name, inputJson: '', status: 'streaming' },
        ],
      };
    case 'tool-call-delta':
    case 'tool-call-end': {
      const parts = msg.parts.slice();
      const i = findKeyed(parts, ev.key);
      if (i < 0 || parts[i]!.type !== 'tool_call') return msg;
      const p = parts[i] as Extract<Part, { type: 'tool_call' }>;
      parts[i] =
        ev.type === 'tool-call-delta'
          ? { ...p, inputJson: p.inputJson + ev.delta }
          : {
              ...p,
              input: ev.input,
              inputError: ev.inputError,
              status: ev.inputError ? 'error' : 'waiting',
            };
      return { ...msg, parts };
    }
    case 'tool-call-status': {
      const i = msg.parts.findIndex((p) => p.type === 'tool_call' && p.id === ev.id);
      if (i < 0) return msg;
      const parts = msg.parts.slice();
      const p = parts[i] as Extract<Part, { type: 'tool_call' }>;
      parts[i] = {
        ...p,
        status: ev.status,
        ...(ev.input !== undefined ? { input: ev.input } : {}),
        ...(ev.inputError !== undefined ? { inputError: ev.inputError } : {}),
        ...(ev.durationMs !== undefined ? { durationMs: ev.durationMs } : {}),
        ...(ev.resultDraft !== undefined ? { resultDraft: ev.resultDraft } : {}),
        ...(ev.awaiting !== undefined ? { awaiting: ev.awaiting ?? undefined } : {}),
      };
      return { ...msg, parts };
    }
    case 'thinking-end': {
      const i = findKeyed(msg.parts, ev.key);
      if (i < 0 || msg.parts[i]!.type !== 'thinking') return msg;
      const parts = msg.parts.slice();
      parts[i] = { ...(parts[i] as Extract<Part, { type: 'thinking' }>), durationMs: ev.durationMs };
      return { ...msg, parts };
    }
    case 'usage':
      // Usage is cumulative in both protocols: overwrite field by field, never add.
      return { ...msg, usage: { ...(msg.usage ?? {}), ...stripUndefined(ev.usage) } };
    case 'finish':
      return { ...msg, finishReason: ev.reason };
    case 'status':
      return { ...msg, status: ev.status, error: ev.error };
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (out as Record<string, unknown>)[k] = v;
  return out;
}

export function applyChatEvents(msg: Message, events: readonly ChatEvent[]): Message {
  let m = msg;
  for (const ev of events) m = applyChatEvent(m, ev);
  return m;
}

/** The visible answer text of a message (choice 0 only). */
export function messageText(msg: Pick<Message, 'parts'>): string {
  return msg.parts
    .filter((p): p is Extract<Part, { type: 'text' }> => p.type === 'text' && !(p.key ?? '').startsWith('c'))
    .map((p) => p.text)
    .join('');
}
