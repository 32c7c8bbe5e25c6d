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

/** scheme://host[:port] of a base URL (default ports dropped), or null when it is not a valid http(s) URL. */
export function originOf(baseUrl: string): string | null {
  const normalized = normalizeBaseUrl(baseUrl);
  if (!normalized) return null;
  try {
    return new URL(normalized).origin;
  } catch {
    return null;
  }
}

/**
 * Hosts where plain http is acceptable: the key and the chats never cross a network someone else
 * runs. Loopback, RFC 1918 / unique-local / link-local addresses, `localhost` and mDNS `.local` names.
 * The URL parser has already normalised the host (IPv4 in dotted decimal, IPv6 compressed in brackets).
 */
export function isLocalHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host.endsWith('.local')) return true;
  const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (v4) {
    const [a, b] = [Number(v4[1]), Number(v4[2])];
    return a === 127 || a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254);
  }
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::1') return true;
    const mapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (mapped) {
      const hi = parseInt(mapped[1]!, 16);
      const lo = parseInt(mapped[2]!, 16);
      return isLocalHost(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    // fc00::/7 (unique local) and fe80::/10 (link local)
    return /^f[cd][0-9a-f]{2}:/.test(v6) || /^fe[89ab][0-9a-f]:/.test(v6);
  }
  return false;
}

export type BaseUrlProblem = 'invalid' | 'insecure_http';

/** Why a base URL cannot be used: not http(s) at all, or plain http to a host outside this machine or LAN. */
export function baseUrlProblem(input: string): BaseUrlProblem | null {
  const normalized = normalizeBaseUrl(input);
  if (!normalized) return 'invalid';
  const url = new URL(normalized);
  if (url.protocol === 'http:' && !isLocalHost(url.hostname)) return 'insecure_http';
  return null;
}
