// Browser mode: the contract's Api over one WebSocket to the local browser-mode server (wire format
// and limits: shared/ws-frames.ts). A call whose JSON is over the server's frame cap (an attachment
// of many MB as base64) goes as an upload: an announcement, then binary parts. The client keeps
// within the server's bounds itself (calls in flight, upload bytes held), holding calls back until
// answers free room, so a busy app never sees a refusal. Calls made before the first connection
// opens wait; once the socket has dropped, calls fail fast with a `network` error while it reconnects.
import type { Api, Result } from '../shared/contract';
import { EVENT_NAMES, ROUTE_NAMES } from '../shared/contract-names';
import { WS_MAX_FRAME_BYTES, WS_MAX_IN_FLIGHT, WS_MAX_UPLOAD_BYTES, WS_PART_BYTES } from '../shared/ws-frames';

export type ConnectionState = 'connecting' | 'open' | 'offline';

interface Options {
  url: string;
  onState: (state: ConnectionState) => void;
}

type Resolve = (result: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

/** A call ready to go: its frames in order, and the upload bytes it holds on the server until answered. */
interface Outgoing {
  id: number;
  frames: (string | Uint8Array)[];
  uploadBytes: number;
}

/** One text frame when it fits under the cap, else an announcement and binary parts. */
export function callFrames(id: number, route: string, input: unknown): Outgoing {
  const text = JSON.stringify({ kind: 'call', id, route, input });
  // UTF-8 takes at most 3 bytes per UTF-16 unit: only a long frame needs measuring
  if (text.length * 3 <= WS_MAX_FRAME_BYTES) return { id, frames: [text], uploadBytes: 0 };
  const bytes = new TextEncoder().encode(text);
  if (bytes.length <= WS_MAX_FRAME_BYTES) return { id, frames: [text], uploadBytes: 0 };
  const parts: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += WS_PART_BYTES) parts.push(bytes.subarray(at, at + WS_PART_BYTES));
  const announce = JSON.stringify({ kind: 'upload', id, bytes: bytes.length, parts: parts.length });
  return { id, frames: [announce, ...parts], uploadBytes: bytes.length };
}

const BACKOFF_MIN_MS = 250;
const BACKOFF_MAX_MS = 8000;

/**
 * The message of errors made here because the socket to the app is down (not the gateway): the UI
 * recognizes it and says so in the user's language.
 */
export const APP_OFFLINE = 'renderer:app-offline';

function networkError(): Result<never> {
  return { ok: false, error: { code: 'network', message: APP_OFFLINE } };
}

export function createWsApi({ url, onState }: Options): Api {
  let socket: WebSocket | null = null;
  let everOpened = false;
  let attempt = 0;
  let nextId = 1;
  const pending = new Map<number, Resolve>();
  /** calls not yet sent: before the first open, or while the server's bounds are reached */
  const waiting: Outgoing[] = [];
  /** upload bytes of each sent call still unanswered (0 for a plain call) */
  const sent = new Map<number, number>();
  let uploadBytesHeld = 0;
  const listeners = new Map<string, Set<Listener>>();

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      everOpened = true;
      onState('open');
      pump();
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') receive(ev.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Whatever was in flight or queued will never get an answer on this socket.
      waiting.length = 0;
      sent.clear();
      uploadBytesHeld = 0;
      for (const resolve of pending.values()) resolve(networkError());
      pending.clear();
      onState('offline');
      const delay = Math.min(BACKOFF_MAX_MS, BACKOFF_MIN_MS * 2 ** attempt) * (0.8 + Math.random() * 0.4);
      attempt++;
      setTimeout(connect, delay);
    };
  }

  function receive(data: string): void {
    let msg: { kind?: unknown; id?: unknown; result?: unknown; event?: unknown; payload?: unknown };
    try {
      msg = JSON.parse(data) as typeof msg;
    } catch {
      return;
    }
    if (msg.kind === 'result' && typeof msg.id === 'number') {
      const resolve = pending.get(msg.id);
      pending.delete(msg.id);
      uploadBytesHeld -= sent.get(msg.id) ?? 0;
      sent.delete(msg.id);
      resolve?.(msg.result as Result<unknown>);
      pump();
    } else if (msg.kind === 'event' && typeof msg.event === 'string') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  }

  /**
   * Sends what the server's bounds allow, in order; an upload that would overrun the upload budget
   * waits for earlier uploads to be answered while smaller calls go past it. An upload bigger than the
   * whole budget goes alone, for the server to refuse with a clear error.
   */
  function pump(): void {
    const ws = socket;
    if (!ws || ws.readyState !== WebSocket.OPEN) return;
    for (let i = 0; i < waiting.length && sent.size < WS_MAX_IN_FLIGHT; ) {
      const out = waiting[i]!;
      if (out.uploadBytes > 0 && uploadBytesHeld > 0 && uploadBytesHeld + out.uploadBytes > WS_MAX_UPLOAD_BYTES) {
        i++;
        continue;
      }
      waiting.splice(i, 1);
      sent.set(out.id, out.uploadBytes);
      uploadBytesHeld += out.uploadBytes;
      for (const frame of out.frames) ws.send(frame);
    }
  }

  function call(route: string, input: unknown): Promise<Result<unknown>> {
    const id = nextId++;
    const open = socket?.readyState === WebSocket.OPEN;
    if (!open && everOpened) return Promise.resolve(networkError());
    const out = callFrames(id, route, input);
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      waiting.push(out);
      pump();
    });
  }

  function subscribe(event: string, listener: Listener): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  const api: Record<string, unknown> = {};
  for (const route of ROUTE_NAMES) api[route] = (input: unknown) => call(route, input);
  api.on = Object.fromEntries(EVENT_NAMES.map((e) => [e, (l: Listener) => subscribe(e, l)]));
  onState('connecting');
  connect();
  return api as unknown as Api;
}
