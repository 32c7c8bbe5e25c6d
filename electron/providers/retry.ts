// Retry policy, as the official SDKs do it (PROTOCOLS.md §4), with one product rule on top: quota
// errors are never retried, because waiting does not refill a balance. Whether output has already been
// shown is the caller's business (stream.ts never retries after that).

import type { ErrorCode } from '../../shared/domain';
import { getHeader, type HeaderSource } from './headers';

export const DEFAULT_MAX_RETRIES = 2;
/** An explicit server wait longer than this is cut down to it (case 27: "capped at 60 s"). */
export const MAX_EXPLICIT_WAIT_MS = 60_000;
const INITIAL_DELAY_S = 0.5;
const MAX_BACKOFF_S = 8;

/** Codes worth another try when there is no HTTP error status (connection failures, error frames). */
const RETRYABLE_WITHOUT_STATUS: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'network',
  'idle',
  'truncated',
  'overloaded',
  'rate_limit',
  'server',
]);

export interface RetryCheck {
  /** the HTTP error status; undefined for connection errors and errors inside a 2xx stream */
  status?: number;
  headers?: HeaderSource;
  code: ErrorCode;
}

export function shouldRetry({ status, headers, code }: RetryCheck): boolean {
  if (code === 'quota') return false;
  const override = getHeader(headers, 'x-should-retry')?.trim().toLowerCase();
  if (override === 'true') return true;
  if (override === 'false') return false;
  if (status !== undefined && status >= 400) {
    return status === 408 || status === 409 || status === 429 || status >= 500;
  }
  return RETRYABLE_WITHOUT_STATUS.has(code);
}

/** The server's explicit wait in ms, or undefined when it gave none we can read. */
export function explicitWaitMs(headers: HeaderSource, now: number): number | undefined {
  const ms = getHeader(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n)) return n;
  }
  const after = getHeader(headers, 'retry-after')?.trim();
  if (after) {
    const seconds = Number(after);
    if (Number.isFinite(seconds)) return seconds * 1000;
    const date = Date.parse(after);
    if (Number.isFinite(date)) return date - now;
  }
  return undefined;
}

/**
 * How long to wait before retry number `attempt` (0 for the first retry). `now` (ms since epoch) is for
 * HTTP-date headers; `random` in [0, 1) makes the jitter testable.
 */
export function retryDelayMs(attempt: number, headers: HeaderSource, now: number, random: () => number): number {
  const explicit = explicitWaitMs(headers, now);
  if (explicit !== undefined) return Math.round(Math.min(Math.max(explicit, 0), MAX_EXPLICIT_WAIT_MS));
  const base = Math.min(INITIAL_DELAY_S * 2 ** Math.max(attempt, 0), MAX_BACKOFF_S);
  const jitter = 1 - random() * 0.25;
  return Math.round(base * jitter * 1000);
}
