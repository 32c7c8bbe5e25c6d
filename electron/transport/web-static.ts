// Browser mode's static files: the built renderer, public bytes served without the token (the token
// guards the WebSocket, where the data is). Paths are decoded defensively: a malformed escape or a
// NUL is a 400, anything resolving outside the root a 404.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type http from 'node:http';
import path from 'node:path';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** Decodes a URL path; null when it is not valid percent-encoding or holds a NUL. */
export function decodePath(pathname: string): string | null {
  let rel: string;
  try {
    rel = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  return rel.includes('\0') ? null : rel;
}

/**
 * The file a request path names inside `root`, or the status to answer: 400 for a malformed path, 404 for
 * one that resolves outside the root. Browser mode and Electron's app: handler (electron/main.ts) share it.
 */
export function resolveStaticFile(root: string, pathname: string): { file: string } | { status: 400 | 404 } {
  let rel = decodePath(pathname);
  if (rel === null) return { status: 400 };
  if (rel === '/' || rel === '') rel = '/index.html';
  const base = path.resolve(root);
  const file = path.resolve(base, `.${rel}`);
  return file.startsWith(base + path.sep) ? { file } : { status: 404 };
}

export function plain(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(`${text}\n`);
}

export async function serveStatic(
  root: string,
  pathname: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  csp: string,
): Promise<void> {
  const target = resolveStaticFile(root, pathname);
  if ('status' in target) return plain(res, target.status, target.status === 400 ? 'Bad request' : 'Not found');
  const { file } = target;
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) return plain(res, 404, 'Not found');
  res.writeHead(200, {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    // the page URL carries the token until the page removes it: never send it on as a Referer
    'referrer-policy': 'no-referrer',
    'content-security-policy': csp,
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  const stream = createReadStream(file);
  // a file that vanishes or fails mid-read ends this response, not the process
  stream.on('error', () => res.destroy());
  stream.pipe(res);
}
