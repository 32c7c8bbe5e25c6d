// One browser-mode WebSocket: calls in, results and events out (wire format: shared/ws-frames.ts).
// Nothing a client sends can throw out of here: a frame that is not JSON is ignored, a call over the
// in-flight bound or an upload that lies about its size is answered with an error result, and a
// frame over the size cap makes ws close the socket (1009) rather than buffer it.
import type { RawData, WebSocket } from 'ws';
import type { Result } from '../../shared/contract';
import type { AppError } from '../../shared/domain';
import { WS_MAX_IN_FLIGHT, WS_MAX_UPLOAD_BYTES } from '../../shared/ws-frames';
import type { Core } from '../core/core';
import { errorDetails } from '../core/logger';
import type { Logger } from '../platform/types';

export interface SessionLimits {
  maxInFlight: number;
  maxUploadBytes: number;
}

export const DEFAULT_LIMITS: SessionLimits = { maxInFlight: WS_MAX_IN_FLIGHT, maxUploadBytes: WS_MAX_UPLOAD_BYTES };

interface Upload {
  id: number;
  bytes: number;
  parts: number;
  received: number;
  chunks: Buffer[];
}

type Frame = { kind?: unknown; id?: unknown; route?: unknown; input?: unknown; bytes?: unknown; parts?: unknown };

const fail = (code: AppError['code'], message: string): Result<never> => ({ ok: false, error: { code, message } });
const busy = (max: number) => fail('rate_limit', `More than ${max} calls in flight on this connection; wait for answers first.`);

let nextConnection = 0;

export function runSession(ws: WebSocket, core: Core, limits: SessionLimits, logger?: Logger): void {
  const clientId = `ws-${++nextConnection}`;
  let inFlight = 0;
  /** bytes of uploads being received or dispatched and not yet answered */
  let uploadBytes = 0;
  let upload: Upload | null = null;

  const send = (frame: unknown) => {
    if (ws.readyState !== ws.OPEN) return;
    try {
      ws.send(JSON.stringify(frame));
    } catch (err) {
      logger?.error('browser mode: a frame could not be sent', errorDetails(err));
    }
  };
  const answer = (id: number, result: Result<unknown>) => send({ kind: 'result', id, result });

  /** Runs a call whose in-flight slot (and upload bytes, if any) are already taken. */
  function dispatch(id: number, route: unknown, input: unknown, heldBytes: number): void {
    const release = () => {
      inFlight--;
      uploadBytes -= heldBytes;
    };
    if (typeof route !== 'string') {
      release();
      answer(id, fail('invalid_input', 'A call needs a route.'));
      return;
    }
    // a synchronous throw becomes a rejection too, so the slot is always released
    new Promise<Result<unknown>>((resolve) => resolve(core.call(route, input, { clientId }))).then(
      (result) => {
        release();
        answer(id, result);
      },
      (err: unknown) => {
        // dispatch() turns handler errors into results; this is the net under it.
        release();
        logger?.error(`browser mode: route ${route.slice(0, 80)} threw`, errorDetails(err));
        answer(id, fail('unknown', 'Unexpected error in the app. Details are in the log.'));
      },
    );
  }

  function onText(text: string): void {
    let msg: Frame;
    try {
      msg = JSON.parse(text) as Frame;
    } catch {
      return; // no id to answer to
    }
    if (!msg || typeof msg !== 'object' || !Number.isSafeInteger(msg.id)) return;
    const id = msg.id as number;
    if (msg.kind === 'call') {
      if (inFlight >= limits.maxInFlight) return answer(id, busy(limits.maxInFlight));
      inFlight++;
      dispatch(id, msg.route, msg.input, 0);
    } else if (msg.kind === 'upload') {
      startUpload(id, msg.bytes, msg.parts);
    }
  }

  function startUpload(id: number, bytes: unknown, parts: unknown): void {
    if (upload) abortUpload('A new upload began before this one was complete.');
    if (!Number.isSafeInteger(bytes) || !Number.isSafeInteger(parts) || (parts as number) < 1 || (parts as number) > (bytes as number)) {
      return answer(id, fail('invalid_input', 'The upload announcement is malformed.'));
    }
    const size = bytes as number;
    if (inFlight >= limits.maxInFlight) return answer(id, busy(limits.maxInFlight));
    if (uploadBytes + size > limits.maxUploadBytes) {
      const mib = Math.round(limits.maxUploadBytes / 2 ** 20);
      return answer(id, fail('invalid_input', `The call is too large: at most ${mib} MiB may be uploaded at once.`));
    }
    inFlight++;
    uploadBytes += size;
    upload = { id, bytes: size, parts: parts as number, received: 0, chunks: [] };
  }

  function abortUpload(message: string): void {
    if (!upload) return;
    const { id, bytes } = upload;
    upload = null;
    inFlight--;
    uploadBytes -= bytes;
    answer(id, fail('invalid_input', message));
  }

  function onPart(part: Buffer): void {
    const u = upload;
    if (!u) return; // parts of a refused upload
    u.received += part.length;
    u.chunks.push(part);
    if (u.received > u.bytes || u.chunks.length > u.parts) return abortUpload('The upload sent more than it announced.');
    if (u.chunks.length < u.parts) return;
    if (u.received !== u.bytes) return abortUpload('The upload sent less than it announced.');
    upload = null;
    let msg: Frame;
    try {
      msg = JSON.parse(Buffer.concat(u.chunks).toString('utf8')) as Frame;
    } catch {
      msg = {};
    }
    u.chunks.length = 0;
    if (msg?.kind !== 'call' || msg.id !== u.id) {
      inFlight--;
      uploadBytes -= u.bytes;
      return answer(u.id, fail('invalid_input', 'The upload is not the call it announced.'));
    }
    dispatch(u.id, msg.route, msg.input, u.bytes);
  }

  const detach = core.clients.attach(clientId, (event, payload) => send({ kind: 'event', event, payload }));
  ws.on('message', (data, isBinary) => {
    try {
      if (isBinary) onPart(toBuffer(data));
      else onText(toBuffer(data).toString('utf8'));
    } catch (err) {
      logger?.error('browser mode: a frame could not be handled', errorDetails(err));
    }
  });
  // ws reports protocol violations (a frame over maxPayload, bad UTF-8 …) here and closes the socket;
  // without a listener the 'error' event would be thrown and take the process down.
  ws.on('error', () => {});
  ws.on('close', () => {
    upload = null;
    detach();
    core.clientGone(clientId);
  });
}

function toBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}
