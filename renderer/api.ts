// The renderer's one way to reach main: `window.api` in Electron (the preload exposes exactly the
// contract's Api), a WebSocket client with the same shape in browser mode.
import type { Api } from '../shared/contract';
import { WS_PATH, WS_TOKEN_PARAM } from '../shared/ws-frames';
import { createWsApi, type ConnectionState } from './api-ws';

declare global {
  interface Window {
    api?: Api;
  }
}

let instance: Api | null = null;
const connectionListeners = new Set<(state: ConnectionState) => void>();
let connectionState: ConnectionState = 'open';

export function getApi(): Api {
  if (instance) return instance;
  if (window.api) {
    instance = window.api;
  } else {
    connectionState = 'connecting';
    instance = createWsApi({
      url: wsUrl(),
      onState: (state) => {
        connectionState = state;
        for (const l of connectionListeners) l(state);
      },
    });
  }
  return instance;
}

/** Browser mode only: the socket's state (Electron's IPC is always 'open'). */
export function onConnectionState(listener: (state: ConnectionState) => void): () => void {
  listener(connectionState);
  connectionListeners.add(listener);
  return () => connectionListeners.delete(listener);
}

const TOKEN_KEY = 'yibu.token';

/**
 * The per-run token arrives in the page URL (`READY http://127.0.0.1:PORT/?token=…`). It is read once,
 * kept in sessionStorage (scoped to this origin including its port, and surviving a reload of this tab;
 * never a cookie, which every port on 127.0.0.1 would receive, nor localStorage, which outlives the
 * run) and removed from the address bar so it is not bookmarked, shared or shown. It is sent on the
 * WebSocket request only.
 */
function takeToken(): string | null {
  const params = new URLSearchParams(location.search);
  const fromUrl = params.get(WS_TOKEN_PARAM);
  if (fromUrl) {
    params.delete(WS_TOKEN_PARAM);
    const query = params.toString();
    history.replaceState(history.state, '', `${location.pathname}${query ? `?${query}` : ''}${location.hash}`);
  }
  try {
    if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
    return fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return fromUrl; // storage disabled: this load still connects, a reload needs the URL again
  }
}

function wsUrl(): string {
  const token = takeToken();
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?${WS_TOKEN_PARAM}=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}${WS_PATH}${query}`;
}

export type { ConnectionState };
