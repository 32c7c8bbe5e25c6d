// Browser mode: the same core behind a WebSocket, for headless machines and end-to-end tests in a
// real browser. Binds 127.0.0.1 only; every HTTP and WebSocket request must carry the per-run token
// (query `token`, or the HttpOnly cookie set when the page is first opened with it); a foreign
// Origin or Host is refused, which also defeats DNS rebinding.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Core } from '../core/core';

export interface WebServerOptions {
  core: Core;
  /** the built renderer (dist/renderer) */
  staticDir: string;
  port?: number;
  /** fixed token for tests; random by default */
  token?: string;
  maxMessageBytes?: number;
}

export interface WebServer {
  url: string;
  origin: string;
  token: string;
  close(): Promise<void>;
}

const COOKIE = 'yibu_token';
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

export async function startWebServer(opts: WebServerOptions): Promise<WebServer> {
  const token = opts.token ?? randomBytes(24).toString('base64url');
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: opts.maxMessageBytes ?? 160 * 1024 * 1024 });
  let port = 0;
  const allowedHosts = () => [`127.0.0.1:${port}`, `localhost:${port}`];
  const allowedOrigins = () => allowedHosts().map((h) => `http://${h}`);

  /** null when allowed, else the reason (for the 403 body; never echoes the token). */
  function refuse(req: http.IncomingMessage, requireOrigin: boolean): string | null {
    if (!allowedHosts().includes(req.headers.host ?? '')) return 'foreign host';
    const origin = req.headers.origin;
    if (origin !== undefined ? !allowedOrigins().includes(origin) : requireOrigin) return 'foreign origin';
    if (!tokenOk(requestToken(req), token)) return 'missing or wrong token';
    return null;
  }

  server.on('request', (req, res) => {
    const why = refuse(req, false);
    if (why) {
      res.writeHead(403, { 'content-type': 'text/plain; charset=utf-8' }).end(`Forbidden: ${why}\n`);
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    void serveStatic(opts.staticDir, req, res, token, port);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const why = url.pathname !== '/ws' ? 'not found' : refuse(req, true);
    if (why) {
      socket.end(`HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => onConnection(ws, opts.core));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    async close() {
      for (const ws of wss.clients) ws.terminate();
      wss.close();
      await new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections?.();
    },
  };
}

let nextConnection = 0;

function onConnection(ws: WebSocket, core: Core): void {
  const clientId = `ws-${++nextConnection}`;
  const detach = core.clients.attach(clientId, (event, payload) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'event', event, payload }));
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    let msg: { kind?: unknown; id?: unknown; route?: unknown; input?: unknown };
    try {
      msg = JSON.parse(data.toString()) as typeof msg;
    } catch {
      return;
    }
    if (msg.kind !== 'call' || typeof msg.id !== 'number' || typeof msg.route !== 'string') return;
    const id = msg.id;
    void core.call(msg.route, msg.input, { clientId }).then((result) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'result', id, result }));
    });
  });
  ws.on('close', () => {
    detach();
    core.clientGone(clientId);
  });
}

function requestToken(req: http.IncomingMessage): string | null {
  const url = new URL(req.url ?? '/', 'http://x');
  const q = url.searchParams.get('token');
  if (q) return q;
  const header = req.headers['x-yibu-token'];
  if (typeof header === 'string') return header;
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === COOKIE) return v.join('=');
  }
  return null;
}

function tokenOk(given: string | null, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(
  root: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  token: string,
  port: number,
): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  let rel = decodeURIComponent(url.pathname);
  if (rel === '/' || rel === '') rel = '/index.html';
  const file = path.resolve(root, `.${rel}`);
  if (!file.startsWith(path.resolve(root) + path.sep)) {
    res.writeHead(404).end();
    return;
  }
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
    return;
  }
  const headers: Record<string, string | string[]> = {
    'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
    'content-length': String(info.size),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': [
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'none'",
    ].join('; '),
  };
  if (rel === '/index.html') headers['set-cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
}
