// The WebSocket's bounds: a frame over the cap closes that socket only, calls in flight per socket are
// bounded (the excess is answered, not dropped), and a call too big for one frame goes as an upload
// the server reassembles within a per-socket budget, refusing any upload that lies about itself.
// The renderer's own client (renderer/api-ws.ts) keeps within those bounds, so a busy app never sees
// a refusal and a large attachment still arrives whole.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Clients } from '../../electron/core/clients';
import type { Core } from '../../electron/core/core';
import { startWebServer, type WebServer } from '../../electron/transport/web';
import { callFrames, createWsApi } from '../../renderer/api-ws';
import type { Api, Result } from '../../shared/contract';
import { WS_MAX_FRAME_BYTES, WS_MAX_IN_FLIGHT } from '../../shared/ws-frames';
import { startCore, type CoreHarness } from './core-harness';
import { wsClient, type WsClient } from './hostile-net';

/** A core whose calls wait until the test answers them; it records how many were open at once. */
function heldCore() {
  const held: { route: string; resolve: (r: Result<unknown>) => void }[] = [];
  const stats = { open: 0, maxOpen: 0, routes: [] as string[] };
  const core: Core = {
    clients: new Clients(),
    call: (route) =>
      new Promise((resolve) => {
        stats.open++;
        stats.maxOpen = Math.max(stats.maxOpen, stats.open);
        stats.routes.push(route);
        held.push({
          route,
          resolve: (r) => {
            stats.open--;
            resolve(r);
          },
        });
      }),
    clientGone: () => {},
    close: async () => {},
  };
  const releaseAll = () => held.splice(0).forEach((c) => c.resolve({ ok: true, value: c.route }));
  return { core, held, stats, releaseAll };
}

const staticDir = mkdtempSync(path.join(os.tmpdir(), 'yibu-static-'));
writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html>');

const clients: WsClient[] = [];
async function connect(server: WebServer): Promise<WsClient> {
  const c = await wsClient(server.origin, server.token);
  clients.push(c);
  return c;
}
afterEach(() => clients.splice(0).forEach((c) => c.close()));

/** The renderer's client, on Node's `ws` (which speaks the browser API) with our Origin. */
function rendererClient(server: WebServer): Api {
  class BrowserLikeWebSocket extends WebSocket {
    constructor(url: string) {
      super(url, { headers: { origin: server.origin } });
      // a browser reports a failed connect on onerror/onclose; ws would throw it without a listener
      this.on('error', () => {});
    }
  }
  (globalThis as { WebSocket?: unknown }).WebSocket = BrowserLikeWebSocket;
  return createWsApi({ url: `${server.origin.replace('http', 'ws')}/ws?token=${server.token}`, onState: () => {} });
}

/** Sends a call as an upload by hand: the frames the renderer would send, optionally tampered with. */
function uploadFrames(id: number, route: string, input: unknown): { announce: { bytes: number; parts: number }; parts: Buffer[] } {
  const out = callFrames(id, route, input);
  const [announce, ...parts] = out.frames;
  const { bytes, parts: count } = JSON.parse(announce as string) as { bytes: number; parts: number };
  return { announce: { bytes, parts: count }, parts: parts.map((p) => Buffer.from(p as Uint8Array)) };
}

describe('WebSocket bounds (held core)', () => {
  const fake = heldCore();
  let server: WebServer;
  beforeAll(async () => {
    server = await startWebServer({ core: fake.core, staticDir, limits: { maxUploadBytes: 12 * 1024 * 1024 } });
  });
  afterAll(() => server.close());
  afterEach(() => fake.releaseAll());
  /** answers a call once it has reached the core */
  async function answered<T>(pending: Promise<T>): Promise<T> {
    await expect.poll(() => fake.held.length).toBeGreaterThan(0);
    fake.releaseAll();
    return pending;
  }

  it('closes a socket that sends a frame over the cap (1009) and serves the next one', async () => {
    const c = await connect(server);
    c.send(JSON.stringify({ kind: 'call', id: 1, route: 'threads.list', input: { pad: 'x'.repeat(WS_MAX_FRAME_BYTES) } }));
    expect(await c.closed).toBe(1009);
    expect(fake.stats.routes).not.toContain('threads.list');
    const next = await connect(server);
    expect(await answered(next.call('app.info', {}))).toEqual({ ok: true, value: 'app.info' });
  });

  it(`answers calls over ${WS_MAX_IN_FLIGHT} in flight with an error, and serves again once answers free room`, async () => {
    const c = await connect(server);
    const results = Array.from({ length: 1000 }, () => c.call('threads.list', {}));
    // the excess is answered at once; the first 32 are held by the core
    const refused = await Promise.all(results.slice(WS_MAX_IN_FLIGHT));
    expect(refused.every((r) => !r.ok && r.error?.code === 'rate_limit')).toBe(true);
    expect(fake.stats.open).toBe(WS_MAX_IN_FLIGHT);
    fake.releaseAll();
    expect((await Promise.all(results.slice(0, WS_MAX_IN_FLIGHT))).every((r) => r.ok)).toBe(true);
    expect(await answered(c.call('app.info', {}))).toEqual({ ok: true, value: 'app.info' });
  });

  it('refuses uploads that lie about their size or content, without running them', async () => {
    const c = await connect(server);
    const before = fake.stats.routes.length;
    const input = { name: 'x.bin', mime: 'application/octet-stream', data: 'A'.repeat(5 * 1024 * 1024) };

    // more bytes than announced
    let u = uploadFrames(11, 'attachments.add', input);
    c.send(JSON.stringify({ kind: 'upload', id: 11, bytes: u.announce.bytes - 10, parts: u.announce.parts }));
    u.parts.forEach((p) => c.send(p));
    expect(await c.result(11)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // fewer bytes than announced
    u = uploadFrames(12, 'attachments.add', input);
    c.send(JSON.stringify({ kind: 'upload', id: 12, bytes: u.announce.bytes + 10, parts: u.announce.parts }));
    u.parts.forEach((p) => c.send(p));
    expect(await c.result(12)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // more parts than announced: the extra part is refused, the rest ignored
    u = uploadFrames(13, 'attachments.add', input);
    c.send(JSON.stringify({ kind: 'upload', id: 13, bytes: u.announce.bytes, parts: u.announce.parts - 1 }));
    u.parts.forEach((p) => c.send(p));
    expect(await c.result(13)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // the reassembled call names another id
    u = uploadFrames(14, 'attachments.add', input);
    c.send(JSON.stringify({ kind: 'upload', id: 15, ...u.announce }));
    u.parts.forEach((p) => c.send(p));
    expect(await c.result(15)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    // over the budget at once (its parts are then dropped)
    c.send(JSON.stringify({ kind: 'upload', id: 16, bytes: 13 * 1024 * 1024, parts: 13 }));
    expect(await c.result(16)).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/too large/) } });
    c.send(Buffer.alloc(1024 * 1024));

    // malformed announcements
    c.send(JSON.stringify({ kind: 'upload', id: 17, bytes: -1, parts: 1 }));
    c.send(JSON.stringify({ kind: 'upload', id: 18, bytes: 10, parts: 11 }));
    c.send(JSON.stringify({ kind: 'upload', id: 19, bytes: '10', parts: 1 }));
    for (const id of [17, 18, 19]) expect(await c.result(id)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });

    expect(fake.stats.routes.length).toBe(before);
    expect(await answered(c.call('app.info', {}))).toEqual({ ok: true, value: 'app.info' });
  });

  it('holds uploads to one budget per socket: over it while another is held is refused, after its answer accepted', async () => {
    const c = await connect(server);
    const input = { name: 'x.bin', mime: 'application/octet-stream', data: 'A'.repeat(7 * 1024 * 1024) };
    const send = (id: number) => {
      const u = uploadFrames(id, 'attachments.add', input);
      c.send(JSON.stringify({ kind: 'upload', id, ...u.announce }));
      u.parts.forEach((p) => c.send(p));
    };
    send(21);
    send(22); // 7 + 7 MiB > 12 MiB while 21 is held by the core
    expect(await c.result(22)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    await expect.poll(() => fake.held.length).toBe(1);
    fake.releaseAll();
    expect(await c.result(21)).toEqual({ ok: true, value: 'attachments.add' });
    send(23);
    await expect.poll(() => fake.held.length).toBe(1);
    fake.releaseAll();
    expect(await c.result(23)).toEqual({ ok: true, value: 'attachments.add' });
  });

  it("the renderer's client keeps within the bounds: 1,000 calls at once all succeed", async () => {
    const api = rendererClient(server);
    const release = setInterval(fake.releaseAll, 1);
    try {
      fake.stats.maxOpen = 0;
      const results = await Promise.all(Array.from({ length: 1000 }, () => api['app.info']({})));
      expect(results.every((r) => r.ok)).toBe(true);
      expect(fake.stats.maxOpen).toBeLessThanOrEqual(WS_MAX_IN_FLIGHT);
    } finally {
      clearInterval(release);
    }
  });
});

describe('uploads through the real core', () => {
  let h: CoreHarness;
  let server: WebServer;
  beforeAll(async () => {
    h = await startCore();
    server = await startWebServer({ core: h.core, staticDir });
  });
  afterAll(async () => {
    await server.close();
    await h.close();
  });

  it("an attachment far over the frame cap arrives whole through the renderer's client", async () => {
    // noise does not compress: ~7 MB of PNG, ~9.3 MB as base64, more than twice the frame cap
    const raw = Buffer.alloc(1600 * 1500 * 3);
    for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
    const png = await sharp(raw, { raw: { width: 1600, height: 1500, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer();
    const data = png.toString('base64');
    expect(data.length).toBeGreaterThan(2 * WS_MAX_FRAME_BYTES);
    const api = rendererClient(server);
    const result = await api['attachments.add']({ name: 'noise.png', mime: 'image/png', data });
    expect(result).toMatchObject({ ok: true, value: { kind: 'image', name: 'noise.png', size: png.length } });
  });
});
