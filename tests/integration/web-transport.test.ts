// Browser mode's guard: loopback only, no foreign Origin/Host anywhere, and the per-run token on the
// WebSocket (which carries every call); the static files are public bytes and need none.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../electron/transport/web';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
let server: WebServer;
let port: number;

beforeAll(async () => {
  h = await startCore();
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-static-'));
  mkdirSync(path.join(staticDir, 'assets'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Yibu</title>');
  writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startWebServer({ core: h.core, staticDir });
  port = Number(new URL(server.origin).port);
});
afterAll(async () => {
  await server.close();
  await h.close();
});

function get(pathAndQuery: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathAndQuery, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

function wsOpen(url: string, headers: Record<string, string>): Promise<'open' | number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => {
      ws.close();
      resolve('open');
    });
    ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    ws.on('error', () => resolve(-1));
  });
}

describe('browser mode transport', () => {
  it('listens on 127.0.0.1 only and prints a URL with the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${port}/?token=${server.token}`);
    expect(server.token.length).toBeGreaterThanOrEqual(32);
  });

  it('serves the static page without the token, with a strict CSP and no cookie', async () => {
    for (const target of ['/', `/?token=${server.token}`, '/assets/app.js']) {
      const res = await get(target);
      expect(res.status, target).toBe(200);
      expect(res.headers['set-cookie'], target).toBeUndefined();
    }
    const csp = String((await get('/')).headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src 'self' ws://127.0.0.1:${port}`);
  });

  it('refuses a foreign Origin or Host on HTTP (DNS rebinding)', async () => {
    expect((await get('/', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await get('/', { host: `evil.example:${port}` })).status).toBe(403);
    expect((await get(`/?token=${server.token}`, { host: `evil.example:${port}` })).status).toBe(403);
  });

  it('guards the WebSocket the same way and then carries typed calls', async () => {
    const wsUrl = `ws://127.0.0.1:${port}/ws?token=${server.token}`;
    expect(await wsOpen(`ws://127.0.0.1:${port}/ws`, { origin: server.origin })).toBe(403);
    expect(await wsOpen(`${wsUrl}x`, { origin: server.origin })).toBe(403);
    expect(await wsOpen(wsUrl, { origin: 'http://evil.example' })).toBe(403);
    expect(await wsOpen(wsUrl, { origin: server.origin, host: `evil.example:${port}` })).toBe(403);
    expect(await wsOpen(wsUrl, {})).toBe(403);
    // a cookie is no substitute for the token in the WebSocket URL
    expect(await wsOpen(`ws://127.0.0.1:${port}/ws`, { origin: server.origin, cookie: `yibu_token=${server.token}` })).toBe(403);
    expect(await wsOpen(wsUrl, { origin: server.origin })).toBe('open');

    const ws = new WebSocket(wsUrl, { headers: { origin: server.origin } });
    await new Promise((r) => ws.once('open', r));
    const reply = new Promise<unknown>((resolve) => ws.once('message', (d) => resolve(JSON.parse(d.toString()))));
    ws.send(JSON.stringify({ kind: 'call', id: 7, route: 'threads.create', input: { model: 'gpt-4o-mini' } }));
    expect(await reply).toMatchObject({ kind: 'result', id: 7, result: { ok: true, value: { model: 'gpt-4o-mini' } } });
    ws.close();
  });
});
