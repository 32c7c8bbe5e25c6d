// Browser mode: the contract's Api over one WebSocket to the local browser-mode server.
// client → server {kind:"call", id, route, input}; server → client {kind:"result", id, result}
// and {kind:"event", event, payload}. Calls made before the first connection opens are queued;
// once the socket has dropped, calls fail fast with a `network` error while it reconnects.
import type { Api, Result } from '../shared/contract';
import { EVENT_NAMES, ROUTE_NAMES } from '../shared/contract-names';

export type ConnectionState = 'connecting' | 'open' | 'offline';

interface Options {
  url: string;
  onState: (state: ConnectionState) => void;
}

type Resolve = (result: Result<unknown>) => void;
type Listener = (payload: unknown) => void;

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
  const queue: string[] = [];
  const listeners = new Map<string, Set<Listener>>();

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      attempt = 0;
      everOpened = true;
      onState('open');
      for (const frame of queue.splice(0)) ws.send(frame);
    };
    ws.onmessage = (ev) => {
      if (typeof ev.data === 'string') receive(ev.data);
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = null;
      // Whatever was in flight or queued will never get an answer on this socket.
      queue.length = 0;
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
      resolve?.(msg.result as Result<unknown>);
    } else if (msg.kind === 'event' && typeof msg.event === 'string') {
      for (const l of listeners.get(msg.event) ?? []) l(msg.payload);
    }
  }

  function call(route: string, input: unknown): Promise<Result<unknown>> {
    const id = nextId++;
    const frame = JSON.stringify({ kind: 'call', id, route, input });
    const open = socket?.readyState === WebSocket.OPEN;
    if (!open && everOpened) return Promise.resolve(networkError());
    return new Promise<Result<unknown>>((resolve) => {
      pending.set(id, resolve);
      if (open) socket!.send(frame);
      else queue.push(frame);
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
