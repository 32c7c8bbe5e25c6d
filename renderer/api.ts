// The renderer's one way to reach main: `window.api` in Electron (the preload exposes exactly the
// contract's Api), a WebSocket client with the same shape in browser mode.
import type { Api } from '../shared/contract';
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
 * The per-run token comes in the page URL; sessionStorage keeps it for a reload of this tab only
 * (never localStorage: the token must not outlive the run or leak to other tabs).
 */
function wsUrl(): string {
  const fromUrl = new URLSearchParams(location.search).get('token');
  if (fromUrl) sessionStorage.setItem(TOKEN_KEY, fromUrl);
  const token = fromUrl ?? sessionStorage.getItem(TOKEN_KEY);
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  return `${scheme}://${location.host}/ws${query}`;
}

export type { ConnectionState };
