// Small clients for the hostile-input tests: raw bytes over TCP (requests no HTTP library would send),
// a plain GET, and a WebSocket that makes calls and collects results.
import http from 'node:http';
import net from 'node:net';
import WebSocket from 'ws';

/**
 * Sends raw bytes and returns the status line answered ('' when the server hung up without one, or
 * stayed silent for `timeoutMs`). `halfClose` ends our side after the bytes, as a client that is done.
 */
export function rawRequest(port: number, bytes: string | Buffer, opts: { halfClose?: boolean; timeoutMs?: number } = {}): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    socket.setTimeout(opts.timeoutMs ?? 10_000, () => socket.destroy());
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) socket.destroy();
    });
    socket.on('error', () => {});
    socket.on('close', () => resolve(got.split('\r\n')[0] ?? ''));
    if (opts.halfClose) socket.end(bytes);
    else socket.write(bytes);
  });
}

export function get(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: target, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

export interface CallResult {
  ok: boolean;
  value?: unknown;
  error?: { code: string; message: string };
}

/** A connected test client: `call` resolves with the result frame for its id. */
export interface WsClient {
  ws: WebSocket;
  send(frame: string | Buffer): void;
  call(route: string, input: unknown): Promise<CallResult>;
  /** the result for an id sent by hand */
  result(id: number): Promise<CallResult>;
  closed: Promise<number>;
  close(): void;
}

let nextId = 1_000_000;

export async function wsClient(origin: string, token: string): Promise<WsClient> {
  const ws = new WebSocket(`${origin.replace('http', 'ws')}/ws?token=${token}`, { headers: { origin } });
  const waiters = new Map<number, (r: CallResult) => void>();
  const early = new Map<number, CallResult>();
  ws.on('message', (data) => {
    const msg = JSON.parse(String(data)) as { kind: string; id?: number; result?: CallResult };
    if (msg.kind !== 'result' || msg.id === undefined) return;
    const w = waiters.get(msg.id);
    if (w) {
      waiters.delete(msg.id);
      w(msg.result!);
    } else early.set(msg.id, msg.result!);
  });
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: ${res.statusCode}`)));
  });
  const result = (id: number) =>
    new Promise<CallResult>((resolve) => {
      const r = early.get(id);
      if (r) {
        early.delete(id);
        resolve(r);
      } else waiters.set(id, resolve);
    });
  return {
    ws,
    send: (frame) => ws.send(frame),
    call(route, input) {
      const id = nextId++;
      ws.send(JSON.stringify({ kind: 'call', id, route, input }));
      return result(id);
    },
    result,
    closed,
    close: () => ws.close(),
  };
}
