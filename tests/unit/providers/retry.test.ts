import { describe, expect, it } from 'vitest';
import { retryDelayMs, shouldRetry } from '../../../electron/providers/retry';

const NOW = Date.parse('2025-01-01T00:00:00Z');
const half = () => 0.5;

describe('shouldRetry', () => {
  it('retries 408, 409, 429 and >= 500; not other 4xx', () => {
    for (const status of [408, 409, 429, 500, 502, 503, 529]) expect(shouldRetry({ status, code: 'server' }), String(status)).toBe(true);
    for (const status of [400, 401, 403, 404, 413, 422]) expect(shouldRetry({ status, code: 'bad_request' }), String(status)).toBe(false);
  });

  it('case 25: never retries quota, even on 429 or with x-should-retry: true', () => {
    expect(shouldRetry({ status: 429, code: 'quota' })).toBe(false);
    expect(shouldRetry({ status: 403, code: 'quota', headers: { 'x-should-retry': 'true' } })).toBe(false);
  });

  it('case 28: x-should-retry overrides the status either way', () => {
    expect(shouldRetry({ status: 500, code: 'server', headers: { 'x-should-retry': 'false' } })).toBe(false);
    expect(shouldRetry({ status: 400, code: 'bad_request', headers: new Headers({ 'X-Should-Retry': 'true' }) })).toBe(true);
  });

  it('retries connection errors, timeouts and retryable error frames when there is no status', () => {
    for (const code of ['network', 'idle', 'overloaded', 'rate_limit', 'server', 'truncated'] as const) {
      expect(shouldRetry({ code }), code).toBe(true);
    }
    for (const code of ['protocol', 'auth', 'bad_request', 'unknown'] as const) expect(shouldRetry({ code }), code).toBe(false);
  });
});

describe('retryDelayMs', () => {
  it('case 26: retry-after-ms wins', () => {
    expect(retryDelayMs(0, { 'retry-after-ms': '1500', 'retry-after': '30' }, NOW, half)).toBe(1500);
  });

  it('retry-after in seconds', () => {
    expect(retryDelayMs(0, { 'retry-after': '3' }, NOW, half)).toBe(3000);
  });

  it('case 27: retry-after as an HTTP date waits until then, capped at 60 s', () => {
    expect(retryDelayMs(0, { 'retry-after': new Date(NOW + 10_000).toUTCString() }, NOW, half)).toBe(10_000);
    expect(retryDelayMs(0, { 'retry-after': new Date(NOW + 600_000).toUTCString() }, NOW, half)).toBe(60_000);
    expect(retryDelayMs(0, { 'retry-after-ms': '90000' }, NOW, half)).toBe(60_000);
    expect(retryDelayMs(0, { 'retry-after': new Date(NOW - 5_000).toUTCString() }, NOW, half)).toBe(0);
  });

  it('otherwise min(0.5·2^n, 8) s minus up to 25% jitter', () => {
    const none = () => 0;
    const most = () => 0.999999;
    expect([0, 1, 2, 3, 4, 5].map((n) => retryDelayMs(n, undefined, NOW, none))).toEqual([500, 1000, 2000, 4000, 8000, 8000]);
    expect(retryDelayMs(0, {}, NOW, most)).toBe(375);
    expect(retryDelayMs(4, {}, NOW, half)).toBe(7000);
    expect(retryDelayMs(1, { 'retry-after': 'soon' }, NOW, none)).toBe(1000);
  });
});
