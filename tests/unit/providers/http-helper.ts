// A scripted HTTP server on 127.0.0.1:0 for provider tests: each request gets the next scripted
// response (the last one repeats), written step by step with pauses, stalls or a dropped connection.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Step =
  | string
  | Uint8Array
  /** pause before the next step */
  | { wait: number }
  /** write nothing more and keep the connection open until the client goes away */
  | { stall: true }
  /** drop the connection without ending the response */
  | { destroy: true };

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  /** true: do not even send the status line (the client waits for headers) */
  noHeaders?: boolean;
  steps?: Step[];
}

export interface RecordedRequest {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** resolves with true when the client closed the connection before the response ended */
  closedEarly: Promise<boolean>;
}

export interface TestServer {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startServer(script: ScriptedResponse[]): Promise<TestServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const index = requests.length;
    const scripted = script[Math.min(index, script.length - 1)] ?? {};
    let body = '';
    let gone = false;
    let resolveClosed: (early: boolean) => void = () => undefined;
    const closedEarly = new Promise<boolean>((r) => (resolveClosed = r));
    res.on('close', () => {
      gone = true;
      resolveClosed(!res.writableFinished);
    });
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body: '', closedEarly });
    req.setEncoding('utf8');
    req.on('data', (c: string) => (body += c));
    req.on('end', () => {
      requests[index]!.body = body;
      void play();
    });

    async function play(): Promise<void> {
      req.socket.setNoDelay(true);
      if (scripted.noHeaders) return; // stall before the status line
      res.writeHead(scripted.status ?? 200, { 'content-type': 'text/event-stream', ...scripted.headers });
      res.flushHeaders();
      for (const step of scripted.steps ?? []) {
        if (gone) return;
        if (typeof step === 'string' || step instanceof Uint8Array) res.write(step);
        else if ('wait' in step) await sleep(step.wait);
        else if ('stall' in step) return;
        else if ('destroy' in step) {
          await sleep(20); // let written bytes leave before the reset
          res.destroy();
          return;
        }
      }
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on: bind one, then let it go. */
export async function unusedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
