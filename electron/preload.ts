// Exposes exactly the contract's API as window.api: one function per route, one subscription per
// event. Nothing else crosses: no ipcRenderer, no process, no generic invoke.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { EVENT_NAMES, ROUTE_NAMES } from '../shared/contract-names';

if (!process.contextIsolated) throw new Error('Yibu Chat requires context isolation.');

const api: Record<string, unknown> = {};
for (const route of ROUTE_NAMES) api[route] = (input: unknown) => ipcRenderer.invoke(route, input);

const on: Record<string, unknown> = {};
for (const event of EVENT_NAMES) {
  on[event] = (listener: (payload: unknown) => void) => {
    const wrapped = (_e: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => void ipcRenderer.removeListener(event, wrapped);
  };
}

contextBridge.exposeInMainWorld('api', Object.freeze({ ...api, on: Object.freeze(on) }));
