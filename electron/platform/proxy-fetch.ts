// A fetch that goes through an HTTP proxy, for plain Node (browser mode). Node's own fetch ignores
// proxies and its undici ProxyAgent is not reachable without a dependency, so this opens a CONNECT
// tunnel through the proxy (for http and https targets alike, as curl -p and undici do) and runs
// the request over it with node:http / node:https. Electron uses a session with its own proxy instead.
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { Readable } from 'node:stream';
import tls from 'node:tls';

export function createProxyFetch(proxyUrl: string): typeof globalThis.fetch {
  const proxy = new URL(proxyUrl);
  return (async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const req = new Request(input, init);
    const target = new URL(req.url);
    const signal = req.signal;
    signal.throwIfAborted();
    const socket = await openTunnel(proxy, target, signal);
    const body = req.body ? Buffer.from(await req.arrayBuffer()) : undefined;
    const headers: Record<string, string> = {};
    req.headers.forEach((v, k) => {
      headers[k] = v;
    });
    if (body) headers['content-length'] = String(body.length);
    const secure = target.protocol === 'https:';
    const stream = secure ? tls.connect({ socket, servername: target.hostname }) : socket;
    return await new Promise<Response>((resolve, reject) => {
      const options: http.RequestOptions = {
        method: req.method,
        host: target.hostname,
        port: target.port || (secure ? 443 : 80),
        path: `${target.pathname}${target.search}`,
        headers,
        createConnection: () => stream,
        signal,
      };
      const outgoing = (secure ? https : http).request(options, (res) => {
        const responseHeaders = new Headers();
        for (const [k, v] of Object.entries(res.headers)) {
          if (v !== undefined) responseHeaders.set(k, Array.isArray(v) ? v.join(', ') : v);
        }
        const noBody = res.statusCode === 204 || res.statusCode === 304 || req.method === 'HEAD';
        resolve(
          new Response(noBody ? null : (Readable.toWeb(res) as ReadableStream<Uint8Array>), {
            status: res.statusCode ?? 502,
            statusText: res.statusMessage,
            headers: responseHeaders,
          }),
        );
      });
      outgoing.on('error', (err) => {
        socket.destroy();
        reject(networkError(err));
      });
      outgoing.end(body);
    });
  }) as typeof globalThis.fetch;
}

function openTunnel(proxy: URL, target: URL, signal: AbortSignal): Promise<net.Socket> {
  const port = Number(target.port || (target.protocol === 'https:' ? 443 : 80));
  const authority = `${target.hostname.replace(/^\[|\]$/g, '').includes(':') ? `[${target.hostname.replace(/^\[|\]$/g, '')}]` : target.hostname}:${port}`;
  return new Promise((resolve, reject) => {
    const connect = (proxy.protocol === 'https:' ? https : http).request({
      host: proxy.hostname,
      port: proxy.port || (proxy.protocol === 'https:' ? 443 : 80),
      method: 'CONNECT',
      path: authority,
      headers: { host: authority },
      signal,
    });
    connect.on('connect', (res, socket) => {
      if (res.statusCode === 200) resolve(socket);
      else {
        socket.destroy();
        reject(networkError(new Error(`the proxy refused the tunnel (HTTP ${res.statusCode})`)));
      }
    });
    connect.on('error', (err) => reject(networkError(err)));
    connect.end();
  });
}

/** Shaped like fetch's own failures (TypeError with a cause), so the providers classify it as `network`. */
function networkError(err: Error): Error {
  if (err.name === 'AbortError') return err;
  return new TypeError('fetch failed', { cause: err });
}
