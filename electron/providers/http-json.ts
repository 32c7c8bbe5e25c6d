// Plain JSON requests (model list, balance) with the same error classification as the streams.

import { classifyApiErrorBody, classifyFetchError, classifyHttpError, ProviderError, providerError } from './errors';
import { headersToRecord } from './headers';
import { parseJson, preview } from './json-util';
import type { HttpRequest } from './types';

/**
 * Sends `req` and returns the parsed JSON body. Throws a ProviderError for a failed connection, a
 * non-2xx status, a body that is not JSON, and a 2xx body carrying a top-level `error` (new-api answers
 * some failures on these endpoints with HTTP 200).
 */
export async function getJson(
  fetchFn: typeof globalThis.fetch,
  req: HttpRequest,
  signal?: AbortSignal,
): Promise<unknown> {
  let res: Response;
  let text: string;
  try {
    res = await fetchFn(req.url, { method: req.method, headers: req.headers, body: req.body, signal });
    text = await res.text();
  } catch (err) {
    throw new ProviderError(classifyFetchError(err), { cause: err });
  }
  if (!res.ok) throw new ProviderError(classifyHttpError(res.status, headersToRecord(res.headers), text));
  const parsed = parseJson(text);
  if (!parsed.ok) throw providerError('protocol', `Expected JSON, got: ${preview(text)}`, { status: res.status });
  const apiError = classifyApiErrorBody(parsed.value);
  if (apiError) throw new ProviderError({ ...apiError, status: res.status });
  return parsed.value;
}
