// Everything async about MCP servers: load, paste/save, remove, restart, per-thread tool switches, and
// main's `mcp.changed` pushes (status and tools change on their own: a server connects, crashes, hangs).
import type { Result } from '../../shared/contract';
import { getApi } from '../api';
import { useMcp } from './mcp';

let unsubscribe: (() => void) | null = null;
let watchers = 0;

/** Follows main's status pushes while at least one MCP view is shown; returns the stop function. */
export function watchMcp(): () => void {
  watchers++;
  if (!unsubscribe) unsubscribe = getApi().on['mcp.changed'](({ servers }) => useMcp.getState().set({ servers, loaded: true }));
  return () => {
    if (--watchers === 0) {
      unsubscribe?.();
      unsubscribe = null;
    }
  };
}

export async function loadMcp(threadId: string): Promise<void> {
  const api = getApi();
  const [list, tools] = await Promise.all([api['mcp.list']({}), api['mcp.threadTools']({ threadId })]);
  if (list.ok) useMcp.getState().set({ servers: list.value.servers, loaded: true });
  if (tools.ok) useMcp.getState().setThreadTools(threadId, tools.value.tools);
}

async function serverAction(call: () => Promise<Result<{ servers: ReturnType<typeof useMcp.getState>['servers'] }>>): Promise<boolean> {
  useMcp.getState().set({ busy: true, error: null });
  const res = await call();
  if (res.ok) useMcp.getState().set({ servers: res.value.servers, busy: false, error: null });
  else useMcp.getState().set({ busy: false, error: res.error });
  return res.ok;
}

/** Saves a pasted `{"mcpServers": …}` configuration; false (with the error in the store) when refused. */
export function saveMcpConfig(json: string): Promise<boolean> {
  return serverAction(() => getApi()['mcp.save']({ json }));
}

export function removeMcpServer(name: string): Promise<boolean> {
  return serverAction(() => getApi()['mcp.remove']({ name }));
}

export function restartMcpServer(name: string): Promise<boolean> {
  return serverAction(() => getApi()['mcp.restart']({ name }));
}

export async function setMcpTool(threadId: string, server: string, tool: string, enabled: boolean): Promise<void> {
  // The switch moves at once; main's answer (the stored list) then replaces it.
  const st = useMcp.getState();
  const others = (st.toolsByThread[threadId] ?? []).filter((r) => !(r.server === server && r.tool === tool));
  st.setThreadTools(threadId, enabled ? [...others, { server, tool }] : others);
  const res = await getApi()['mcp.setThreadTool']({ threadId, server, tool, enabled });
  if (res.ok) useMcp.getState().setThreadTools(threadId, res.value.tools);
  else useMcp.getState().set({ error: res.error });
}

