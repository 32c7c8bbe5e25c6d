// Base-URL handling shared by settings (preview) and main (requests).

/**
 * Normalizes what a user types as a base URL: trims, drops trailing slashes and a trailing `/v1`,
 * adds https:// when no scheme was given. Returns null when the result is not an http(s) URL.
 */
export function normalizeBaseUrl(input: string): string | null {
  let s = input.trim();
  if (!s) return null;
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(s)) s = `https://${s}`;
  let url: URL;
  try {
    url = new URL(s);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  let path = url.pathname.replace(/\/+$/, '');
  path = path.replace(/\/v1$/i, '').replace(/\/+$/, '');
  return `${url.protocol}//${url.host}${path}`;
}

/** The URL a request will go to, e.g. endpointUrl(base, '/v1/chat/completions'). */
export function endpointUrl(baseUrl: string, path: string): string {
  const base = normalizeBaseUrl(baseUrl) ?? baseUrl.replace(/\/+$/, '');
  return `${base}${path.startsWith('/') ? path : `/${path}`}`;
}

/** Only http(s) links may leave the app for the system browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:';
  } catch {
    return false;
  }
}
