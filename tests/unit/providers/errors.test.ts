import { describe, expect, it } from 'vitest';
import {
  classifyApiErrorBody,
  classifyFetchError,
  classifyHttpError,
  redactSecrets,
} from '../../../electron/providers/errors';

const openaiBody = (message: string, type = 'invalid_request_error', code: string | null = null) =>
  JSON.stringify({ error: { message, type, param: null, code } });
const anthropicBody = (type: string, message: string) => JSON.stringify({ type: 'error', error: { type, message }, request_id: 'req_body' });

describe('classifyHttpError', () => {
  it('case 24: 401 new_api_error on /v1/messages is an auth error, request id from the message', () => {
    const e = classifyHttpError(401, {}, openaiBody('无效的令牌 (request id: 20250101abc)', 'new_api_error'));
    expect(e).toEqual({ code: 'auth', message: '无效的令牌 (request id: 20250101abc)', status: 401, requestId: '20250101abc' });
    expect(classifyHttpError(401, {}, anthropicBody('authentication_error', 'invalid x-api-key')).code).toBe('auth');
  });

  it('case 25: "token quota is not enough" / insufficient_user_quota is quota on any status and either shape', () => {
    expect(classifyHttpError(403, {}, anthropicBody('new_api_error', 'token quota is not enough, token remain quota: ¥0.01')).code).toBe('quota');
    expect(classifyHttpError(403, {}, openaiBody('user quota is not enough', 'new_api_error', 'insufficient_user_quota')).code).toBe('quota');
    expect(classifyHttpError(429, {}, openaiBody('token quota is not enough', 'new_api_error')).code).toBe('quota');
    expect(classifyHttpError(500, {}, openaiBody('x', 'new_api_error', 'insufficient_user_quota')).code).toBe('quota');
    expect(classifyHttpError(429, {}, openaiBody('You exceeded your current quota', 'insufficient_quota', 'insufficient_quota')).code).toBe('quota');
  });

  it('maps statuses: 403 permission, 429 rate_limit, 529 overloaded, 5xx server, 400/413/422 bad_request, 404 not_found', () => {
    expect(classifyHttpError(403, {}, anthropicBody('permission_error', 'no access')).code).toBe('permission');
    expect(classifyHttpError(429, {}, anthropicBody('rate_limit_error', 'slow down')).code).toBe('rate_limit');
    expect(classifyHttpError(529, {}, anthropicBody('overloaded_error', 'Overloaded')).code).toBe('overloaded');
    expect(classifyHttpError(503, {}, anthropicBody('overloaded_error', 'Overloaded')).code).toBe('overloaded');
    expect(classifyHttpError(500, {}, anthropicBody('api_error', 'boom')).code).toBe('server');
    expect(classifyHttpError(502, {}, '<html><body><h1>502 Bad Gateway</h1></body></html>')).toEqual({
      code: 'server',
      message: 'HTTP 502: 502 Bad Gateway',
      status: 502,
    });
    for (const s of [400, 413, 422]) expect(classifyHttpError(s, {}, openaiBody('bad')).code).toBe('bad_request');
    expect(classifyHttpError(404, {}, anthropicBody('not_found_error', 'model: x')).code).toBe('not_found');
    expect(classifyHttpError(503, {}, openaiBody('No available channel for model x', 'new_api_error', 'model_not_found')).code).toBe('not_found');
  });

  it('keeps the server message and finds the request id in headers or body', () => {
    const h = new Headers({ 'x-request-id': 'req_hdr' });
    expect(classifyHttpError(400, h, openaiBody('Invalid model'))).toMatchObject({ message: 'Invalid model', requestId: 'req_hdr' });
    expect(classifyHttpError(400, { 'Request-Id': 'req_2' }, openaiBody('x')).requestId).toBe('req_2');
    expect(classifyHttpError(400, {}, anthropicBody('invalid_request_error', 'x')).requestId).toBe('req_body');
    expect(classifyHttpError(418, {}, '')).toEqual({ code: 'bad_request', message: 'HTTP 418', status: 418 });
  });

  it('never carries a key-looking token in the message', () => {
    const e = classifyHttpError(401, {}, openaiBody('Incorrect API key provided: sk-abcdefghijklmnopqrstuvwxyz123456.', 'invalid_request_error', 'invalid_api_key'));
    expect(e.code).toBe('auth');
    expect(e.message).not.toContain('abcdefghijklmnop');
    expect(e.message).toContain('sk-…3456');
    expect(redactSecrets('Authorization: Bearer abcdefghijklmnopqrst')).toBe('Authorization: Bearer …');
  });
});

describe('classifyApiErrorBody (errors inside a 2xx response)', () => {
  it('classifies by error type / code and ignores non-errors', () => {
    expect(classifyApiErrorBody({ type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } })).toEqual({
      code: 'overloaded',
      message: 'Overloaded',
    });
    expect(classifyApiErrorBody({ error: { message: 'slow', type: 'rate_limit_error' } })?.code).toBe('rate_limit');
    expect(classifyApiErrorBody({ error: { message: 'boom', type: 'server_error' } })?.code).toBe('server');
    expect(classifyApiErrorBody({ error: { message: 'no', type: 'authentication_error' } })?.code).toBe('auth');
    expect(classifyApiErrorBody({ error: 'plain text error' })).toEqual({ code: 'server', message: 'plain text error' });
    expect(classifyApiErrorBody({ object: 'list', data: [] })).toBeNull();
    expect(classifyApiErrorBody({ error: null, data: [] })).toBeNull();
  });
});

describe('classifyFetchError', () => {
  it('undici "fetch failed" with a system error cause is a network error with a readable message', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const e = classifyFetchError(new TypeError('fetch failed', { cause }));
    expect(e.code).toBe('network');
    expect(e.message).toContain('ECONNREFUSED');
  });

  it('DNS, reset, undici socket errors and Electron net::ERR_* are network errors', () => {
    for (const code of ['ENOTFOUND', 'ECONNRESET', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT']) {
      const err = new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) });
      const e = classifyFetchError(err);
      expect(e.code).toBe('network');
      expect(e.message).toContain(code);
    }
    expect(classifyFetchError(new Error('net::ERR_CONNECTION_REFUSED')).code).toBe('network');
  });

  it('an invalid URL is invalid input, not a network failure', () => {
    expect(classifyFetchError(new TypeError('Failed to parse URL from nope')).code).toBe('invalid_input');
  });
});
