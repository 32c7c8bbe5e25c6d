// Server-Sent Events decoding: fetch body bytes → {event?, data} frames.
//
// Built on eventsource-parser, which already does the line grammar the SDKs do (CR, LF and CRLF line
// ends, including a CRLF split across two feeds; `:` comments; `data:` with or without one space;
// several data lines joined with "\n"; only CR/LF end a line, so U+2028 stays inside data).
// What it leaves to us, and this file adds:
//  - bytes → text with one streaming TextDecoder, so a multi-byte character split across reads is not
//    turned into U+FFFD;
//  - flushing at EOF: the SDKs dispatch a last event that lacks its blank line, the parser would keep it
//    buffered forever, so we feed a final "\n\n";
//  - an activity callback on every chunk, comments included, for the idle timer.

import { createParser, type EventSourceParser } from 'eventsource-parser';

export interface SseFrame {
  /** the `event:` field; absent when the frame had none */
  event?: string;
  data: string;
}

/** Push-style decoder: feed byte chunks, get the frames they completed. Used by decodeSse and tests. */
export interface SseDecoder {
  push(chunk: Uint8Array): SseFrame[];
  /** end of input: flushes the decoder and dispatches an unterminated last event */
  end(): SseFrame[];
}

export function createSseDecoder(onComment?: (comment: string) => void): SseDecoder {
  const text = new TextDecoder('utf-8');
  let out: SseFrame[] = [];
  const parser: EventSourceParser = createParser({
    onEvent(msg) {
      out.push(msg.event === undefined ? { data: msg.data } : { event: msg.event, data: msg.data });
    },
    onComment,
  });
  const take = (): SseFrame[] => {
    const frames = out;
    out = [];
    return frames;
  };
  return {
    push(chunk) {
      const s = text.decode(chunk, { stream: true });
      if (s) parser.feed(s);
      return take();
    },
    end() {
      const rest = text.decode();
      // "\n\n" ends a pending line (or a lone trailing CR) and then dispatches the pending event.
      parser.feed(`${rest}\n\n`);
      return take();
    },
  };
}

export interface DecodeSseOptions {
  /** called for every chunk received (comments and partial lines included): resets idle timers */
  onActivity?: () => void;
  onComment?: (comment: string) => void;
}

/**
 * Reads a fetch body to the end, yielding frames as they complete. Breaking out of the loop cancels
 * the body so the connection is released.
 */
export async function* decodeSse(
  body: ReadableStream<Uint8Array>,
  opts: DecodeSseOptions = {},
): AsyncGenerator<SseFrame, void, undefined> {
  const decoder = createSseDecoder(opts.onComment);
  const reader = body.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      opts.onActivity?.();
      for (const frame of decoder.push(value)) yield frame;
    }
    finished = true;
    for (const frame of decoder.end()) yield frame;
  } finally {
    if (!finished) {
      // The consumer stopped early or reading failed: drop the rest of the body. cancel() may reject
      // when the stream is already errored (e.g. aborted); there is nothing left to do about that.
      await reader.cancel().catch(() => undefined);
    }
    reader.releaseLock();
  }
}
