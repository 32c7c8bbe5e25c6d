// Requests a browser would never send, from a hostile local page or process: each is answered with a
// 4xx (or a hang-up) and the server keeps serving. Before, `GET //` or `GET /%` threw out of the
// request handler and ended the process.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebServer, type WebServer } from '../../electron/transport/web';
import { startCore, type CoreHarness } from './core-harness';
import { get, rawRequest, wsClient } from './hostile-net';

let h: CoreHarness;
let server: WebServer;
let port: number;
let host: string;

beforeAll(async () => {
  h = await startCore();
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Yibu</title>');
  server = await startWebServer({ core: h.core, staticDir });
  port = Number(new URL(server.origin).port);
  host = `127.0.0.1:${port}`;
});
afterAll(async () => {
  await server.close();
  await h.close();
});

/** The server still answers a normal page request and a normal call. */
async function stillServing(): Promise<void> {
  expect((await get(port, '/')).status).toBe(200);
}

const request = (target: string, headers = `Host: ${host}\r\n`) => `GET ${target} HTTP/1.1\r\n${headers}Connection: close\r\n\r\n`;
const upgrade = (target: string, extra = '') =>
  request(
    target,
    `Host: ${host}\r\nOrigin: ${server.origin}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
      `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n${extra}`,
  ).replace('Connection: close\r\n', '');

describe('hostile HTTP requests', () => {
  it.each([
    ['GET //', '//'],
    ['GET /%', '/%'],
    ['a truncated UTF-8 escape', '/%E0%A4%A'],
    ['an escaped NUL', '/index.html%00.png'],
    ['an absolute-form target', 'http://evil.example/'],
    ['an asterisk target', '*'],
  ])('%s is a 400 and the server keeps serving', async (_name, target) => {
    expect(await rawRequest(port, request(target))).toMatch(/^HTTP\/1\.1 400 /);
    await stillServing();
  });

  it('a path escaping the static folder is a 404', async () => {
    expect(await rawRequest(port, request('/..%2f..%2fetc%2fpasswd'))).toMatch(/^HTTP\/1\.1 404 /);
    await stillServing();
  });

  it.each([
    ['an empty Host', 'Host: \r\n'],
    ['no Host', ''],
    ['a foreign Host', 'Host: evil.example\r\n'],
    ['a Host with userinfo', `Host: evil@${host}\r\n`],
    ['a Host of 8 KB', `Host: ${'a'.repeat(8000)}\r\n`],
    ['a Host with latin-1 bytes', `Host: \xff\xfe${host}\r\n`],
    ['two Hosts', `Host: ${host}\r\nHost: evil.example\r\n`],
  ])('%s is refused and the server keeps serving', async (_name, headers) => {
    expect(await rawRequest(port, request('/', headers))).toMatch(/^HTTP\/1\.1 4\d\d /);
    await stillServing();
  });

  it('a huge header is a 431', async () => {
    expect(await rawRequest(port, request('/', `Host: ${host}\r\nX-Big: ${'x'.repeat(64 * 1024)}\r\n`))).toMatch(/^HTTP\/1\.1 431 /);
    await stillServing();
  });

  it.each([
    ['garbage', '\x00\x01\x02 garbage \xff\r\n\r\n'],
    ['a bad method', 'G\x00T / HTTP/1.1\r\n\r\n'],
    ['a bad version', 'GET / HTTP/9.9x\r\n\r\n'],
    ['a lying Content-Length', `POST / HTTP/1.1\r\nHost: ${host}\r\nContent-Length: -5\r\n\r\n`],
  ])('a raw %s request line is a 400', async (_name, bytes) => {
    expect(await rawRequest(port, Buffer.from(bytes, 'latin1'))).toMatch(/^HTTP\/1\.1 400 /);
    await stillServing();
  });

  it('a method other than GET/HEAD is a 405', async () => {
    expect(await rawRequest(port, `DELETE / HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 405 /);
    await stillServing();
  });

  it.each([
    ['a wrong path', `/nope?token=TOKEN`, 404],
    ['GET //', '//', 400],
    ['a bad escape', '/ws%?token=TOKEN', 404],
    ['an absolute-form target', 'http://evil.example/ws', 400],
    ['no token', '/ws', 403],
  ])('an upgrade to %s is refused and the server keeps serving', async (_name, target, status) => {
    expect(await rawRequest(port, upgrade(target.replace('TOKEN', server.token)))).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
    await stillServing();
  });

  it('an upgrade without a WebSocket key is refused by ws, not thrown', async () => {
    const bytes = upgrade(`/ws?token=${server.token}`).replace(/Sec-WebSocket-Key: [^\r]*\r\n/, '');
    expect(await rawRequest(port, bytes)).toMatch(/^HTTP\/1\.1 400 /);
    await stillServing();
  });

  it('after all of it, a WebSocket call still works', async () => {
    const c = await wsClient(server.origin, server.token);
    expect(await c.call('threads.create', { model: 'gpt-4o-mini' })).toMatchObject({ ok: true, value: { model: 'gpt-4o-mini' } });
    c.close();
  });
});
