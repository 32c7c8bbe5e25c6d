// Error classification for both protocols and both gateway families (new-api, one-api): an HTTP error,
// a failed connection or an error frame in the middle of a stream all end up as one AppError whose
// `code` the UI can translate, with the server's own message kept for the details line.

import type { ChatEvent } from '../../shared/chat-events';
import type { AppError, ErrorCode } from '../../shared/domain';
import { getHeader, type HeaderSource } from './headers';
import { isRecord, parseJson } from './json-util';

export class ProviderError extends Error {
  readonly appError: AppError;
  /**
   * Events the failing frame produced before the failure (e.g. text in the chunk whose finish_reason
   * turned out to be invalid). The stream emits them first so no received output is lost.
   */
  readonly events: readonly ChatEvent[];

  constructor(appError: AppError, options: { cause?: unknown; events?: readonly ChatEvent[] } = {}) {
    super(appError.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.appError = appError;
    this.events = options.events ?? [];
  }

  get code(): ErrorCode {
    return this.appError.code;
  }
}

export function providerError(code: ErrorCode, message: string, extra: Partial<AppError> = {}): ProviderError {
  return new ProviderError({ ...extra, code, message: redactSecrets(message) });
}

/** The interesting fields of either error shape; all optional because gateways vary. */
export interface ErrorBodyFields {
  message?: string;
  type?: string;
  code?: string;
  requestId?: string;
}

function str(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return undefined;
}

/**
 * Reads OpenAI `{error:{message,type,code}}`, Anthropic `{type:"error", error:{type,message}, request_id}`,
 * `{error:"text"}` and bare `{message}` / `{detail}` bodies. Returns null when none of them matches.
 */
export function parseErrorBody(body: unknown): ErrorBodyFields | null {
  if (!isRecord(body)) return null;
  const requestId = str(body.request_id);
  const err = body.error;
  if (isRecord(err)) {
    return { message: str(err.message), type: str(err.type), code: str(err.code), requestId };
  }
  if (typeof err === 'string' && err) return { message: err, requestId };
  if (body.success === false || body.type === 'error' || typeof body.detail === 'string') {
    return { message: str(body.message) ?? str(body.detail), requestId };
  }
  return null;
}

const QUOTA_PATTERNS = [
  /token quota is not enough/i,
  /user quota is not enough/i,
  /insufficient_user_quota/i,
  /insufficient_quota/i,
  /credit balance is too low/i,
  /额度不足|额度已用尽/,
];

function isQuota(f: ErrorBodyFields): boolean {
  const hay = `${f.type ?? ''} ${f.code ?? ''} ${f.message ?? ''}`;
  return QUOTA_PATTERNS.some((re) => re.test(hay)) || f.type === 'billing_error';
}

/** Error type / code names of both APIs and new-api, for errors that carry no HTTP status. */
const TYPE_CODES: Record<string, ErrorCode> = {
  authentication_error: 'auth',
  invalid_api_key: 'auth',
  permission_error: 'permission',
  not_found_error: 'not_found',
  model_not_found: 'not_found',
  rate_limit_error: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  overloaded_error: 'overloaded',
  api_error: 'server',
  server_error: 'server',
  timeout_error: 'server',
  invalid_request_error: 'bad_request',
  request_too_large: 'bad_request',
  context_length_exceeded: 'bad_request',
};

function codeFor(status: number | undefined, f: ErrorBodyFields): ErrorCode {
  if (status === 401) return 'auth';
  if (status === 402 || isQuota(f)) return 'quota';
  const named = (f.code && TYPE_CODES[f.code]) || (f.type && TYPE_CODES[f.type]) || undefined;
  // new-api answers model_not_found with 503 ("no available channel"): the name says more than the status.
  if (named === 'not_found' || status === 404) return 'not_found';
  if (status === 529 || named === 'overloaded') return 'overloaded';
  if (status === 403) return 'permission';
  if (status === 429) return 'rate_limit';
  if (status === 408) return 'network';
  if (status !== undefined && status >= 500) return 'server';
  if (status !== undefined && status >= 400) return 'bad_request';
  // No error status (an error frame mid-stream, or a 200 body with `error`): go by the name.
  return named ?? 'server';
}

function extractRequestId(headers: HeaderSource, f: ErrorBodyFields | null): string | undefined {
  const fromHeader = getHeader(headers, 'x-request-id') ?? getHeader(headers, 'request-id');
  if (fromHeader) return fromHeader;
  if (f?.requestId) return f.requestId;
  const m = f?.message?.match(/\(request id: ([^)\s]+)\)/i);
  return m?.[1];
}

/** A short, readable piece of a non-JSON error body (e.g. an nginx HTML page). */
function bodySnippet(text: string): string {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200);
}

function tryJson(text: string): unknown {
  const parsed = parseJson(text);
  return parsed.ok ? parsed.value : undefined;
}

/** Classifies a non-2xx response from any endpoint, whichever error shape it uses. */
export function classifyHttpError(status: number, headers: HeaderSource, bodyText: string): AppError {
  const fields = parseErrorBody(tryJson(bodyText));
  const code = codeFor(status, fields ?? {});
  let message = fields?.message?.trim();
  if (!message) {
    const snippet = bodySnippet(bodyText);
    message = snippet ? `HTTP ${status}: ${snippet}` : `HTTP ${status}`;
  }
  const requestId = extractRequestId(headers, fields);
  return {
    code,
    message: redactSecrets(message),
    status,
    ...(requestId ? { requestId } : {}),
  };
}

/**
 * Classifies an error object that arrived inside a 2xx response: an SSE error frame or a JSON body
 * with a top-level `error`. Returns null when `body` is not an error.
 */
export function classifyApiErrorBody(body: unknown): AppError | null {
  const fields = parseErrorBody(body);
  if (!fields) return null;
  const code = codeFor(undefined, fields);
  const message = fields.message?.trim() || fields.type || fields.code || 'The server reported an error';
  const requestId = extractRequestId(undefined, fields);
  return { code, message: redactSecrets(message), ...(requestId ? { requestId } : {}) };
}

/** Classifies what `fetch` (undici or Electron's net.fetch) or a body read threw. */
export function classifyFetchError(err: unknown): AppError {
  if (err instanceof ProviderError) return err.appError;
  const chain: Array<{ message?: string; code?: string }> = [];
  let cur: unknown = err;
  for (let depth = 0; depth < 6 && cur !== undefined && cur !== null; depth++) {
    if (isRecord(cur) || cur instanceof Error) {
      const o = cur as Record<string, unknown>;
      chain.push({ message: str(o.message), code: str(o.code) });
      cur = o.cause;
    } else {
      chain.push({ message: String(cur) });
      break;
    }
  }
  const messages = chain
    .map((c) => (c.message && c.code && !c.message.includes(c.code) ? `${c.message} (${c.code})` : c.message))
    .filter((m): m is string => !!m);
  const message = redactSecrets([...new Set(messages)].join(': ') || 'Network request failed');
  if (messages.some((m) => /invalid url|failed to parse url/i.test(m))) {
    return { code: 'invalid_input', message };
  }
  // Anything else fetch throws is a failure to reach the server or to keep the connection: DNS
  // (ENOTFOUND, EAI_AGAIN), ECONNREFUSED, ECONNRESET, TLS, undici's UND_ERR_* timeouts and socket
  // errors, Electron's net::ERR_*. undici wraps them as `TypeError: fetch failed` with the system
  // error as `cause`, hence the walk down the cause chain for a readable message.
  return { code: 'network', message };
}

/** Whatever was thrown → an AppError; ProviderErrors keep their classification. */
export function toAppError(err: unknown): AppError {
  if (err instanceof ProviderError) return err.appError;
  return classifyFetchError(err);
}

/**
 * Servers sometimes echo a key back ("Incorrect API key provided: sk-…"). Whatever we show or store
 * must never carry one, so key-looking tokens are cut down to their last four characters.
 */
export function redactSecrets(text: string): string {
  return text
    .replace(/\b(sk|ak|key)-[A-Za-z0-9_-]{12,}/g, (m) => `${m.split('-')[0]}-…${m.slice(-4)}`)
    .replace(/(Bearer\s+)[A-Za-z0-9._~+/=-]{12,}/gi, '$1…');
}
