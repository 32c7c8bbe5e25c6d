// One streamed reply: fetch → SSE frames → protocol adapter → ChatEvents, with the SDKs' retry policy,
// an idle timeout and quiet user aborts. Never throws: every outcome is a StreamResult.
//
// Retries happen only while nothing has been emitted. Events that show nothing (usage, finish) are held
// back until the first visible event or the end of the attempt, so an attempt that fails after
// message_start (case 29) has emitted nothing and can still be retried; a failed attempt's held events
// are dropped. The final `status` ChatEvent is left to the caller, who gets it as the return value.

import type { ChatEvent } from '../../shared/chat-events';
import type { AppError } from '../../shared/domain';
import { ProviderError, classifyApiErrorBody, classifyFetchError, classifyHttpError } from './errors';
import { headersToRecord, type HeaderSource } from './headers';
import { parseJson, preview } from './json-util';
import { DEFAULT_MAX_RETRIES, retryDelayMs, shouldRetry } from './retry';
import { decodeSse } from './sse';
import type { StreamOptions, StreamResult } from './types';

export const DEFAULT_IDLE_TIMEOUT_MS = 60_000;

type AttemptOutcome =
  | { kind: 'done' }
  | { kind: 'stopped' }
  | { kind: 'truncated'; error: AppError }
  /** `status` is the HTTP error status; undefined for connection failures and errors inside a stream */
  | { kind: 'error'; error: AppError; status?: number; headers?: HeaderSource };

const VISIBLE: ReadonlySet<ChatEvent['type']> = new Set<ChatEvent['type']>([
  'text',
  'refusal',
  'thinking',
  'thinking-signature',
  'redacted-thinking',
  'tool-call-start',
  'tool-call-delta',
  'tool-call-end',
]);

/** Resolves after `ms`, or at once when the signal aborts. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const onAbort = () => {
      clearTimeout(timer);
      resolve();
    };
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wraps what a caller's callback threw, so it is not mistaken for a network failure. */
class CallbackFailure extends Error {
  constructor(cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'CallbackFailure';
  }
}

function guard<A extends unknown[]>(fn: ((...args: A) => void) | undefined): (...args: A) => void {
  return (...args) => {
    if (!fn) return;
    try {
      fn(...args);
    } catch (err) {
      throw new CallbackFailure(err);
    }
  };
}

export async function streamChat(opts: StreamOptions): Promise<StreamResult> {
  const t0 = performance.now();
  const elapsed = () => Math.round(performance.now() - t0);
  const maxRetries = opts.maxRetries ?? DEFAULT_MAX_RETRIES;
  const idleMs = opts.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
  const sleep = opts.sleep ?? abortableSleep;

  const onEvent = guard(opts.onEvent);
  const onFrame = guard(opts.onFrame);
  const onResponse = guard(opts.onResponse);

  let shown = false;
  let held: ChatEvent[] = [];
  const flushHeld = () => {
    const pending = held;
    held = [];
    for (const h of pending) onEvent(h);
  };
  const emit = (ev: ChatEvent) => {
    if (!shown && !VISIBLE.has(ev.type)) {
      held.push(ev);
      return;
    }
    if (!shown) {
      shown = true;
      flushHeld();
    }
    onEvent(ev);
  };

  async function attempt(n: number): Promise<AttemptOutcome> {
    const ctrl = new AbortController();
    let idleFired = false;
    let last = performance.now();
    let timer: ReturnType<typeof setTimeout> | undefined;
    // One timer re-armed lazily: a busy stream only moves `last`, it does not churn timers per chunk.
    const arm = (delay: number) => {
      timer = setTimeout(() => {
        const quiet = performance.now() - last;
        if (quiet >= idleMs) {
          idleFired = true;
          ctrl.abort();
        } else arm(idleMs - quiet);
      }, delay);
    };
    const touch = () => {
      last = performance.now();
    };
    const onUserAbort = () => ctrl.abort();
    opts.signal.addEventListener('abort', onUserAbort, { once: true });
    arm(idleMs);

    const failure = (err: unknown): AttemptOutcome => {
      if (err instanceof CallbackFailure) throw err;
      if (opts.signal.aborted) return { kind: 'stopped' };
      if (idleFired) {
        return { kind: 'error', error: { code: 'idle', message: `No data received for ${idleMs / 1000} s` } };
      }
      return { kind: 'error', error: classifyFetchError(err) };
    };

    try {
      let res: Response;
      try {
        const { url, method, headers, body } = opts.request;
        res = await opts.fetch(url, { method, headers, body, signal: ctrl.signal });
      } catch (err) {
        return failure(err);
      }
      touch();
      const headers = headersToRecord(res.headers);
      // Errors found inside a 2xx response carry the response's request id, for support requests.
      const requestId = headers['x-request-id'] ?? headers['request-id'];
      const withId = (error: AppError): AppError => (requestId && !error.requestId ? { ...error, requestId } : error);
      onResponse({ attempt: n, status: res.status, headers, t: elapsed() });

      if (!res.ok) {
        let text = '';
        try {
          text = await res.text();
        } catch (err) {
          if (opts.signal.aborted || idleFired) return failure(err);
        }
        return { kind: 'error', error: classifyHttpError(res.status, headers, text), status: res.status, headers };
      }

      // A gateway may answer a stream request with a plain JSON error and status 200.
      if ((headers['content-type'] ?? '').includes('application/json')) {
        const text = await res.text();
        const parsed = parseJson(text);
        const apiError = parsed.ok ? classifyApiErrorBody(parsed.value) : null;
        return {
          kind: 'error',
          error: withId(apiError ?? { code: 'protocol', message: `Expected an event stream, got JSON: ${preview(text)}` }),
        };
      }
      if (!res.body) return { kind: 'truncated', error: withId(truncatedError()) };

      const adapter = opts.createAdapter();
      try {
        for await (const frame of decodeSse(res.body, { onActivity: touch })) {
          onFrame({ t: elapsed(), ...frame });
          let events: ChatEvent[];
          try {
            events = adapter.onFrame(frame);
          } catch (err) {
            if (!(err instanceof ProviderError)) {
              // An adapter bug on unexpected input: still the stream's fault as far as the user can tell.
              return { kind: 'error', error: { code: 'protocol', message: String(err) } };
            }
            for (const ev of err.events) emit(ev);
            return { kind: 'error', error: withId(err.appError) };
          }
          for (const ev of events) emit(ev);
          // Case 8: nothing after the end marker matters; stop reading and release the connection.
          if (adapter.done) break;
        }
      } catch (err) {
        return failure(err);
      }
      const end = adapter.onEnd();
      for (const ev of end.events) emit(ev);
      return end.complete ? { kind: 'done' } : { kind: 'truncated', error: withId(truncatedError()) };
    } catch (err) {
      return failure(err);
    } finally {
      clearTimeout(timer);
      opts.signal.removeEventListener('abort', onUserAbort);
      // Releases the socket if anything is still open (an error body we did not read, an early exit).
      ctrl.abort();
    }
  }

  try {
    for (let n = 0; ; n++) {
      if (opts.signal.aborted) return { status: 'stopped', error: null };
      const outcome = await attempt(n);
      if (outcome.kind === 'done') {
        flushHeld();
        return { status: 'done', error: null };
      }
      if (outcome.kind === 'stopped') {
        flushHeld();
        return { status: 'stopped', error: null };
      }
      const status = outcome.kind === 'error' ? outcome.status : undefined;
      const headers = outcome.kind === 'error' ? outcome.headers : undefined;
      if (!shown && n < maxRetries && shouldRetry({ status, headers, code: outcome.error.code })) {
        held = [];
        const waitMs = retryDelayMs(n, headers, Date.now(), Math.random);
        opts.onRetry?.({ attempt: n + 1, waitMs, error: outcome.error });
        await sleep(waitMs, opts.signal);
        continue;
      }
      flushHeld();
      return outcome.kind === 'truncated'
        ? { status: 'truncated', error: outcome.error }
        : { status: 'error', error: outcome.error };
    }
  } catch (err) {
    // Only a throwing callback (onEvent, onFrame, onRetry, sleep) lands here.
    if (opts.signal.aborted) return { status: 'stopped', error: null };
    const cause = err instanceof CallbackFailure ? err.cause : err;
    return { status: 'error', error: { code: 'unknown', message: cause instanceof Error ? cause.message : String(cause) } };
  }
}

function truncatedError(): AppError {
  return { code: 'truncated', message: 'The stream ended before the reply was complete' };
}
