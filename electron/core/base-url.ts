// Which base URLs requests may go to: http(s) only, and plain http only to this computer or a private
// network (a key and chats sent in clear over the internet are anyone's on the path).
import { baseUrlProblem, normalizeBaseUrl } from '../../shared/url';
import { AppFailure } from './failure';

/** The normalized base URL, or an `invalid_input` failure (reason `insecure_http` for public plain http). */
export function checkBaseUrl(url: string): string {
  const problem = baseUrlProblem(url);
  if (problem === 'insecure_http') {
    throw AppFailure.of('invalid_input', 'Plain http:// is only allowed for this computer and private network addresses; use https://.', {
      reason: 'insecure_http',
    });
  }
  const normalized = normalizeBaseUrl(url);
  if (problem || !normalized) throw AppFailure.of('invalid_input', 'The base URL is not a valid http(s) address.');
  return normalized;
}

/** A --base-url override, checked like a saved one; a bad one stops the start with a plain message. */
export function checkOverride(url: string): string {
  try {
    return checkBaseUrl(url);
  } catch (err) {
    throw new Error(`--base-url ${url} cannot be used: ${err instanceof Error ? err.message : String(err)}`);
  }
}
