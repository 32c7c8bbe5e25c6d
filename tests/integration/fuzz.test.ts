// 1,000 random and malformed inputs, from a seeded PRNG (the same inputs every run), thrown at the
// browser-mode process as a user runs it (dist/electron/browser-mode.cjs, a child process, so "alive"
// means the process): raw HTTP, WebSocket frames, `attachments.add` with random bytes, truncated
// images and absurd dimensions, and `playground.import` with hostile schemas. Every so often, and at
// the end, the process must be running and answer a normal page request and a normal call.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT, startApp, type AppProcess } from '../e2e/harness';
import { get, rawRequest, wsClient, type WsClient } from './hostile-net';

const SEED = 0x5eed_7;
const ROUNDS = { http: 250, ws: 250, attachments: 250, imports: 250 };

/** mulberry32: small, fast, and the same sequence for the same seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  const bytes = (n: number) => Buffer.from(Array.from({ length: n }, () => int(256)));
  const text = (n: number, alphabet = 'aZ09 /%.?#&=\\:@[]{}"\'<>\u0000\u00ff\u4e2d\ud83d\r\n\t') =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, bytes, text };
}

let app: AppProcess;
let port: number;
let token: string;
const rnd = prng(SEED);

beforeAll(async () => {
  if (!existsSync(path.join(ROOT, 'dist/electron/browser-mode.cjs'))) throw new Error('run `npm run build` first');
  app = await startApp({ dataDir: mkdtempSync(path.join(os.tmpdir(), 'yibu-fuzz-')) });
  port = Number(new URL(app.origin).port);
  token = new URL(app.url).searchParams.get('token')!;
});
afterAll(() => app?.stop());

async function expectAliveAndServing(): Promise<void> {
  expect(app.child.exitCode, 'the browser-mode process exited').toBeNull();
  expect(app.child.signalCode).toBeNull();
  expect((await get(port, '/')).status).toBe(200);
  const c = await wsClient(app.origin, token);
  try {
    expect(await c.call('app.info', {})).toMatchObject({ ok: true, value: { mode: 'browser' } });
  } finally {
    c.close();
  }
}

// ---- HTTP ----

/** Percent-encodes every byte of the UTF-8 (a lone surrogate becomes U+FFFD instead of throwing). */
const pct = (s: string) => [...Buffer.from(s, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function randomRequest(): Buffer {
  const good = rnd.next() < 0.5; // half start from a well-formed request, so the handlers behind the parser get fuzzed too
  const host = good ? `127.0.0.1:${port}` : rnd.pick([`localhost:${port}`, 'evil.example', '', rnd.text(rnd.int(300)), `127.0.0.1:${port}\u0000x`]);
  const target = rnd.pick([
    () => `/${pct(rnd.text(rnd.int(60)))}`,
    () => `/assets/${pct(rnd.text(rnd.int(10)))}.js?${pct(rnd.text(rnd.int(10)))}`,
    () => `/${rnd.text(rnd.int(60))}`,
    () => `//${rnd.text(rnd.int(20))}`,
    () => `/${'%'.repeat(rnd.int(4))}${rnd.text(rnd.int(6), '0123456789ABCDEFXZ%')}`,
    () => `/ws?token=${rnd.pick([token, '', rnd.text(32)])}`,
    () => `/assets/${'../'.repeat(rnd.int(8))}${rnd.text(8)}`,
    () => rnd.text(rnd.int(40)),
    () => `http://${rnd.text(10)}/`,
  ])();
  const method = good ? rnd.pick(['GET', 'HEAD']) : rnd.pick(['GET', 'HEAD', 'POST', 'PUT', 'OPTIONS', 'BREW', rnd.text(rnd.int(8)), '']);
  const headers: string[] = [`Host: ${host}`];
  for (let i = good ? rnd.int(2) : rnd.int(6); i > 0; i--) {
    headers.push(
      rnd.pick([
        () => `Origin: ${rnd.pick([app.origin, 'http://evil.example', 'null', rnd.text(20)])}`,
        () => 'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13',
        () => `Sec-WebSocket-Key: ${rnd.pick(['dGhlIHNhbXBsZSBub25jZQ==', rnd.text(24)])}`,
        () => `Content-Length: ${rnd.pick(['-1', '99999999999999999999', 'x', '5'])}`,
        () => 'Transfer-Encoding: chunked',
        () => `X-Junk: ${rnd.text(rnd.int(rnd.next() < 0.05 ? 40_000 : 200))}`,
        () => rnd.text(rnd.int(30)),
      ])(),
    );
  }
  if (!good && rnd.next() < 0.3) return rnd.bytes(rnd.int(400));
  const line = `${method} ${target} ${good ? 'HTTP/1.1' : rnd.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/2', rnd.text(5)])}`;
  return Buffer.from(`${line}\r\n${headers.join('\r\n')}\r\n\r\n${rnd.next() < 0.2 ? rnd.text(rnd.int(50)) : ''}`, 'latin1');
}

// ---- WebSocket frames ----

function randomFrame(): string | Buffer {
  const id = rnd.pick([rnd.int(1000), -1, 1.5, 'x', null, Number.MAX_SAFE_INTEGER + 2]);
  return rnd.pick([
    () => rnd.text(rnd.int(200)),
    () => rnd.bytes(rnd.int(2000)),
    () => JSON.stringify({ kind: 'call', id, route: rnd.pick(['app.info', 'threads.list', 'nope', '__proto__', 'constructor', rnd.text(10)]), input: randomJson(3) }),
    () => JSON.stringify({ kind: 'upload', id, bytes: rnd.pick([rnd.int(5000), -5, 1e12, '9']), parts: rnd.pick([rnd.int(5), 0, 1e9]) }),
    () => JSON.stringify({ kind: rnd.pick(['result', 'event', 'upload', 'call', '']), id, ...(randomJson(2) as object) }),
    () => JSON.stringify(randomJson(4)),
    () => `[${'['.repeat(rnd.int(20_000))}`,
  ])();
}

function randomJson(depth: number): unknown {
  if (depth <= 0) return rnd.pick([null, true, 0, -1e308, rnd.text(rnd.int(20)), []]);
  return rnd.pick([
    () => Object.fromEntries(Array.from({ length: rnd.int(4) }, () => [rnd.pick(['__proto__', 'constructor', 'id', 'threadId', rnd.text(5)]), randomJson(depth - 1)])),
    () => Array.from({ length: rnd.int(4) }, () => randomJson(depth - 1)),
    () => randomJson(0),
  ])();
}

// ---- attachments.add ----

function chunk(type: string, data: Buffer, goodCrc: boolean): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(goodCrc ? crc32(Buffer.concat([head.subarray(4), data])) : rnd.int(2 ** 32), 0);
  return Buffer.concat([head, data, crc]);
}

function hugePng(): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(rnd.pick([0x7fffffff, 100_000, 1, 0]), 0);
  ihdr.writeUInt32BE(rnd.pick([0x7fffffff, 100_000, 1, 0]), 4);
  ihdr.set([8, rnd.pick([0, 2, 6, 9]), 0, 0, rnd.int(2)], 8);
  const good = rnd.next() < 0.8;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr, good),
    chunk('IDAT', rnd.bytes(rnd.int(200)), good),
    chunk('IEND', Buffer.alloc(0), good),
  ]);
}

function hugeJpeg(): Buffer {
  const w = rnd.pick([65535, 65500, 1, 0]);
  const h = rnd.pick([65535, 65500, 1, 0]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), sof, rnd.bytes(rnd.int(300)), Buffer.from([0xff, 0xd9])]);
}

function hugeGif(): Buffer {
  const b = Buffer.from('GIF89a\xff\xff\xff\xff\x80\x00\x00', 'latin1');
  return Buffer.concat([b, rnd.bytes(rnd.int(100))]);
}

function hostilePdf(): Buffer {
  return rnd.pick([
    () => Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(rnd.int(400_000), '1')]),
    () => Buffer.from(`%PDF-1.7\n${'1 0 obj <</Type/ObjStm/N 9 /First 1/Filter/FlateDecode>>stream\nxx\nendstream endobj\n'.repeat(rnd.int(3000))}`),
    () => Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Pages /Count ${rnd.pick(['99999999999', '-3', '1e9', '7'])} >> endobj\n`),
    () => Buffer.concat([Buffer.from('%PDF-'), rnd.bytes(rnd.int(5000))]),
  ])();
}

let samples: Buffer[] = [];

function randomAttachment(): { name: string; mime: string; data: string } {
  const bytes = rnd.pick([
    () => rnd.bytes(rnd.int(5000)),
    () => {
      const s = rnd.pick(samples);
      return s.subarray(0, rnd.int(s.length));
    },
    () => {
      const s = Buffer.from(rnd.pick(samples));
      for (let i = rnd.int(20); i > 0; i--) s[rnd.int(s.length)] = rnd.int(256);
      return s;
    },
    hugePng,
    hugeJpeg,
    hugeGif,
    hostilePdf,
    () => Buffer.alloc(0),
  ])();
  return {
    name: rnd.pick(['a.png', '../../etc/passwd', '', 'x'.repeat(500), 'CON', '名前.jpg', rnd.text(20)]),
    mime: rnd.pick(['image/png', 'image/jpeg', 'application/pdf', 'text/plain', '', rnd.text(10)]),
    data: rnd.next() < 0.05 ? rnd.text(100, 'A!@#=\n') : bytes.toString('base64'),
  };
}

// ---- playground.import ----

const HOSTILE_PATTERNS = ['^(\\w+\\s?)*$', '^(a+)+$', '(a|aa)+$', '(?<=x)y', '(', '\\1(a)', 'a{1000}{1000}', '[', '\\p{Nope}', '(?<n>a)\\k<n>', '.*'.repeat(500)];

function randomImport(): string {
  const schema = (depth: number): unknown =>
    depth <= 0
      ? { type: 'string', pattern: rnd.pick(HOSTILE_PATTERNS) }
      : rnd.pick([
          () => ({
            type: 'object',
            properties: { p: schema(depth - 1), [`${'a'.repeat(26)}!`]: {} },
            patternProperties: { [rnd.pick(HOSTILE_PATTERNS)]: schema(depth - 1) },
          }),
          () => ({ type: 'array', items: schema(depth - 1), uniqueItems: true }),
          () => ({ $ref: rnd.pick(['#', '#/properties/p', 'http://evil.example/s.json', '#/$defs/x']) }),
          () => ({ anyOf: [schema(depth - 1), schema(depth - 1)] }),
          () => randomJson(2),
        ])();
  const tool = () => ({ name: rnd.pick(['probe', 'a b', '', 'x'.repeat(70)]), description: rnd.text(rnd.int(50)), input_schema: { type: 'object', properties: { s: schema(rnd.int(4)) } } });
  return rnd.pick([
    () => JSON.stringify(Array.from({ length: 1 + rnd.int(3) }, tool)),
    () => JSON.stringify({ format: 'yibu-tool-set', version: rnd.pick([1, 2, -1]), tools: [tool()], toolChoice: randomJson(2) }),
    () => JSON.stringify({ tools: [{ type: 'function', function: { name: 'probe', parameters: schema(3) } }] }),
    () => `${'['.repeat(50_000)}${']'.repeat(rnd.int(50_000))}`,
    () => `[{"name":"deep","input_schema":${nested(rnd.pick([100, 5_000, 20_000]))}}]`,
    () => rnd.text(rnd.int(300)),
  ])();
}

/** A schema nested `depth` levels deep, as text (JSON.stringify itself would overflow the stack). */
function nested(depth: number): string {
  return `${'{"type":"object","properties":{"a":'.repeat(depth)}{"type":"string"}${'}}'.repeat(depth)}`;
}

// ---- the run ----

describe('fuzz: 1,000 hostile inputs against the browser-mode process', () => {
  it('adds up to 1,000', () => expect(Object.values(ROUNDS).reduce((a, b) => a + b)).toBe(1000));

  it(`HTTP: ${ROUNDS.http} random and malformed requests`, { timeout: 180_000 }, async () => {
    for (let i = 0; i < ROUNDS.http; i++) {
      await rawRequest(port, randomRequest(), { halfClose: rnd.next() < 0.7, timeoutMs: 2_000 });
      if (i % 50 === 49) await expectAliveAndServing();
    }
    await expectAliveAndServing();
  });

  it(`WebSocket: ${ROUNDS.ws} random frames`, { timeout: 180_000 }, async () => {
    let c: WsClient | null = null;
    for (let i = 0; i < ROUNDS.ws; i++) {
      if (!c || c.ws.readyState !== c.ws.OPEN) c = await wsClient(app.origin, token);
      const frame = i % 100 === 50 ? 'x'.repeat(5 * 1024 * 1024) : randomFrame(); // now and then over the cap
      if (rnd.next() < 0.1 && typeof frame === 'string') c.ws.send(Buffer.from(frame, 'latin1'), { binary: false });
      else c.send(frame);
      if (i % 50 === 49) await expectAliveAndServing();
    }
    c?.close();
    await expectAliveAndServing();
  });

  it(`attachments.add: ${ROUNDS.attachments} random files, truncated images and absurd dimensions`, { timeout: 180_000 }, async () => {
    samples = await Promise.all([
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#c33' } }).png().toBuffer(),
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#3c3' } }).jpeg().withMetadata({ orientation: 6 }).toBuffer(),
      sharp({ create: { width: 64, height: 48, channels: 4, background: '#33c8' } }).webp().toBuffer(),
      sharp({ create: { width: 64, height: 48, channels: 3, background: '#999' } }).gif().toBuffer(),
    ]);
    const c = await wsClient(app.origin, token);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < ROUNDS.attachments; i++) {
      const r = await c.call('attachments.add', randomAttachment());
      const key = r.ok ? 'ok' : r.error!.code;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
      if (i % 50 === 49) await expectAliveAndServing();
    }
    c.close();
    // refusals are classified, never the catch-all "unknown"
    expect(outcomes.get('unknown') ?? 0).toBe(0);
    await expectAliveAndServing();
  });

  it(`playground.import: ${ROUNDS.imports} hostile tool sets`, { timeout: 180_000 }, async () => {
    const c = await wsClient(app.origin, token);
    for (let i = 0; i < ROUNDS.imports; i++) {
      const r = await c.call('playground.import', { json: randomImport() });
      if (!r.ok) expect(r.error!.code).toBe('invalid_input');
      if (i % 50 === 49) await expectAliveAndServing();
    }
    c.close();
    await expectAliveAndServing();
  });
});
