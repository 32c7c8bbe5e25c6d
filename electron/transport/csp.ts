// The renderer's Content-Security-Policy, in one place for both ways it is served: Electron's `app://`
// protocol handler (electron/main.ts) and the browser-mode server (web.ts), which also needs its
// WebSocket in connect-src. No electron import, so it is tested in Node.

export interface CspOptions {
  /** extra connect-src sources, e.g. the browser-mode WebSocket origins */
  connectSrc?: readonly string[];
}

export function contentSecurityPolicy(opts: CspOptions = {}): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // React sets inline style attributes; no inline <style> or script is ever served.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    ["connect-src 'self'", ...(opts.connectSrc ?? [])].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}
