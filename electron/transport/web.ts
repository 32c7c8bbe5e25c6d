// Browser mode: the same core behind a WebSocket, for headless machines and end-to-end tests in a
// real browser. Binds 127.0.0.1 only. A foreign Origin or Host is refused everywhere, which also
// defeats DNS rebinding. The static files (the built renderer: public bytes) need no token; the
// WebSocket, which carries every call, needs the per-run token in its URL query
// (`/ws?token=…`, see shared/ws-frames.ts). There is no cookie: cookies are not isolated by port, so
// one would reach every other service on 127.0.0.1.
//
// Nothing a client sends may throw out of a handler: every URL parse and decode is guarded (400),
// handler failures answer 500, sockets get error listeners, and malformed HTTP gets a 400.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { WS_MAX_FRAME_BYTES, WS_PATH, WS_TOKEN_PARAM } from '../../shared/ws-frames';
import type { Core } from '../core/core';
import { errorDetails } from '../core/logger';
import type { Logger } from '../platform/types';
import { contentSecurityPolicy } from './csp';
import { plain, serveStatic } from './web-static';
import { DEFAULT_LIMITS, runSession, type SessionLimits } from './ws-session';

export interface WebServerOptions {
  core: Core;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  port?: number;
  /** fixed token for tests; random by default */
  token?: string;
  /** the WebSocket frame cap (default WS_MAX_FRAME_BYTES) */
  maxMessageBytes?: number;
  limits?: Partial<SessionLimits>;
  logger?: Logger;
}

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

/** The request target as a URL; null when it cannot be parsed (`//`, absolute-form junk …). */
export function parseTarget(target: string | undefined): URL | null {
  if (!target?.startsWith('/') || target.startsWith('//')) return null;
  try {
    return new URL(target, 'http://localhost');
  } catch {
    return null;
  }
}

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const limits: SessionLimits = { ...DEFAULT_LIMITS, ...opts.limits };
  const logger = opts.logger;
  // maxHeaderSize is Node's default (16 KiB), stated so a huge header is a 431 by design.
  const server = http.createServer({ maxHeaderSize: 16 * 1024 });
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes ?? WS_MAX_FRAME_BYTES });
  let port = 0;
  let csp = '';
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  /** null when Host and Origin are ours (Origin may be absent only when not required). */
  function foreign(req: http.IncomingMessage, requireOrigin: boolean): string | null {
    if (!allowedHosts().includes(req.headers.host ?? '')) return 'foreign host';
    const origin = req.headers.origin;
    if (origin !== undefined ? !allowedOrigins().includes(origin) : requireOrigin) return 'foreign origin';
    return null;
  }

  async function onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = parseTarget(req.url);
    if (!url) return plain(res, 400, 'Bad request');
    const why = foreign(req, false);
    if (why) return plain(res, 403, `Forbidden: ${why}`);
    if (req.method !== 'GET' && req.method !== 'HEAD') return plain(res, 405, 'Method not allowed');
    await serveStatic(opts.staticDir, url.pathname, req, res, csp);
  }

  function onUpgrade(req: http.IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = parseTarget(req.url);
    const why = !url ? 'bad request' : url.pathname !== WS_PATH ? 'not found' : (foreign(req, true) ?? tokenRefusal(url));
    if (why) {
      const status = why === 'bad request' ? '400 Bad Request' : why === 'not found' ? '404 Not Found' : '403 Forbidden';
      socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => runSession(ws, opts.core, limits, logger));
  }

  function tokenRefusal(url: URL): string | null {
    return tokenOk(url.searchParams.get(WS_TOKEN_PARAM), token) ? null : 'missing or wrong token';
  }

  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    req.on('error', () => res.destroy());
    res.on('error', () => {});
    onRequest(req, res).catch((err: unknown) => {
      logger?.error('browser mode: a request failed', errorDetails(err));
      plain(res, 500, 'Internal error');
    });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    try {
      onUpgrade(req, socket, head);
    } catch (err) {
      logger?.error('browser mode: an upgrade failed', errorDetails(err));
      socket.destroy();
    }
  });
  // Malformed HTTP (garbage request line, header over maxHeaderSize …): answer and hang up.
  server.on('clientError', (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || err.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });
  wss.on('error', (err) => logger?.error('browser mode: WebSocket server error', errorDetails(err)));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  csp = contentSecurityPolicy({ connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`] });
  server.on('error', (err) => logger?.error('browser mode: server error', errorDetails(err)));
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?${WS_TOKEN_PARAM}=${token}`,
    origin,
    token,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      const closed = new Promise<void>((r) => server.close(() => r()));
      // half-sent requests are not idle: end them too, or close() would wait for them forever
      server.closeAllConnections();
      await closed;
    },
  };
}

function tokenOk(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
