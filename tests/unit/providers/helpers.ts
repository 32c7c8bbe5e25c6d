// Shared test helpers: run bytes through decoder + adapter + reducer, the way stream.ts does.
import { applyChatEvents, type ChatEvent } from '../../../shared/chat-events';
import type { Message, Part } from '../../../shared/domain';
import { ProviderError } from '../../../electron/providers/errors';
import { decodeSse, type SseFrame } from '../../../electron/providers/sse';
import type { ProtocolAdapter } from '../../../electron/providers/types';
import { RECORDED_DIR } from '../../fixtures/gateway/scenarios';

/** The recorded SSE fixtures in tests/fixtures/recorded (one definition: the mock gateway's). */
export const FIXTURES = RECORDED_DIR;

export const enc = new TextEncoder();

export function emptyAssistant(): Message {
  return {
    id: 'm1',
    threadId: 't1',
    role: 'assistant',
    parts: [],
    status: 'streaming',
    error: null,
    usage: null,
    model: null,
    finishReason: null,
    createdAt: 0,
  };
}

/** Cuts bytes into pieces whose sizes cycle through `sizes`. */
export function split(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  let k = 0;
  while (i < bytes.length) {
    const n = sizes[k++ % sizes.length]!;
    out.push(bytes.subarray(i, i + n));
    i += n;
  }
  return out;
}

export function streamOf(pieces: readonly (Uint8Array | string)[]): ReadableStream<Uint8Array> {
  const queue = pieces.map((p) => (typeof p === 'string' ? enc.encode(p) : p));
  return new ReadableStream<Uint8Array>({
    pull(ctrl) {
      const next = queue.shift();
      if (next) ctrl.enqueue(next);
      else ctrl.close();
    },
  });
}

export async function collectFrames(pieces: readonly (Uint8Array | string)[]): Promise<SseFrame[]> {
  const frames: SseFrame[] = [];
  for await (const f of decodeSse(streamOf(pieces))) frames.push(f);
  return frames;
}

export interface Replay {
  events: ChatEvent[];
  message: Message;
  complete: boolean;
  error: ProviderError | null;
}

/** Feeds frames to an adapter as stream.ts does: stop at the end marker or the first error. */
export function runFrames(adapter: ProtocolAdapter, frames: readonly SseFrame[]): Replay {
  const events: ChatEvent[] = [];
  let error: ProviderError | null = null;
  for (const f of frames) {
    try {
      events.push(...adapter.onFrame(f));
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      events.push(...err.events);
      error = err;
      break;
    }
    if (adapter.done) break;
  }
  let complete = false;
  if (!error) {
    const end = adapter.onEnd();
    events.push(...end.events);
    complete = end.complete;
  }
  return { events, message: applyChatEvents(emptyAssistant(), events), complete, error };
}

/** SSE text for a list of JSON payloads (`data: …` + blank line each). */
export function sse(...payloads: Array<unknown>): string {
  return payloads.map((p) => `data: ${typeof p === 'string' ? p : JSON.stringify(p)}\n\n`).join('');
}

/** Anthropic-style frames with `event:` lines. */
export function sseEvents(...payloads: Array<{ type: string } & Record<string, unknown>>): string {
  return payloads.map((p) => `event: ${p.type}\ndata: ${JSON.stringify(p)}\n\n`).join('');
}

export async function replayText(adapter: ProtocolAdapter, text: string, sizes?: number[]): Promise<Replay> {
  const bytes = enc.encode(text);
  const frames = await collectFrames(sizes ? split(bytes, sizes) : [bytes]);
  return runFrames(adapter, frames);
}

export function partsOf<T extends Part['type']>(msg: Message, type: T): Extract<Part, { type: T }>[] {
  return msg.parts.filter((p): p is Extract<Part, { type: T }> => p.type === type);
}

/** One OpenAI chunk with a single choice. */
export function chunk(delta: Record<string, unknown>, extra: Record<string, unknown> = {}, index = 0): Record<string, unknown> {
  return {
    id: 'chatcmpl-1',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index, delta, finish_reason: null, ...extra }],
  };
}
