// A profile's proxy in plain Node: requests go through a CONNECT tunnel, TLS through the tunnel is
// still verified (a self-signed server is refused, not trusted), and Stop aborts.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProxyFetch } from '../../electron/platform/proxy-fetch';
import { startProxy, type TestProxy } from '../fixtures/proxy';

let proxy: TestProxy;
let server: http.Server;
let base: string;
const bodies: string[] = [];

beforeAll(async () => {
  proxy = await startProxy();
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      bodies.push(body);
      if (req.url === '/slow') {
        res.writeHead(200, { 'content-type': 'text/event-stream' });
        res.write('data: first\n\n');
        return; // never ends: the client aborts
      }
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen-auth': req.headers.authorization ?? '' });
      res.end(JSON.stringify({ method: req.method, url: req.url }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
  await proxy.close();
});

describe('proxy fetch', () => {
  it('tunnels a request through the proxy: method, path, headers and body arrive, the response comes back', async () => {
    const f = createProxyFetch(proxy.url);
    const res = await f(`${base}/v1/chat/completions?x=1`, { method: 'POST', headers: { Authorization: 'Bearer sk-proxy-test' }, body: '{"a":1}' });
    expect(res.status).toBe(201);
    expect(res.headers.get('x-seen-auth')).toBe('Bearer sk-proxy-test');
    expect(await res.json()).toEqual({ method: 'POST', url: '/v1/chat/completions?x=1' });
    expect(bodies.at(-1)).toBe('{"a":1}');
    expect(proxy.tunnels.at(-1)).toBe(new URL(base).host);
  });

  it('aborts a stream that is under way', async () => {
    const f = createProxyFetch(proxy.url);
    const ctrl = new AbortController();
    const res = await f(`${base}/slow`, { signal: ctrl.signal });
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain('first');
    ctrl.abort();
    await expect(reader.read()).rejects.toThrow();
  });

  it('fails as fetch does (TypeError) when the proxy is not there', async () => {
    const dead = await startProxy();
    await dead.close();
    await expect(createProxyFetch(dead.url)(`${base}/x`)).rejects.toBeInstanceOf(TypeError);
  });

  it('verifies TLS through the tunnel: a self-signed https server is refused', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-tls-'));
    try {
      execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', path.join(dir, 'k.pem'), '-out', path.join(dir, 'c.pem'), '-days', '1', '-subj', '/CN=127.0.0.1'], { stdio: 'ignore' });
    } catch {
      rmSync(dir, { recursive: true, force: true });
      console.warn('openssl is not available: the TLS-through-tunnel check is skipped');
      return;
    }
    const tlsServer = https.createServer({ key: readFileSync(path.join(dir, 'k.pem')), cert: readFileSync(path.join(dir, 'c.pem')) }, (_q, s) => s.end('secret'));
    await new Promise<void>((r) => tlsServer.listen(0, '127.0.0.1', r));
    try {
      const url = `https://127.0.0.1:${(tlsServer.address() as AddressInfo).port}/`;
      const err = await createProxyFetch(proxy.url)(url).then(
        () => null,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(TypeError);
      expect(String((err as TypeError).cause)).toMatch(/self[- ]signed|certificate/i);
      expect(proxy.tunnels.at(-1)).toBe(new URL(url).host);
    } finally {
      tlsServer.closeAllConnections();
      await new Promise<void>((r) => tlsServer.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
