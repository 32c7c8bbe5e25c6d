// MCP servers as main reports them (app-wide) and the MCP tools switched on per thread.
import { create } from 'zustand';
import type { AppError } from '../../shared/domain';
import type { McpServerView, McpToolRef } from '../../shared/mcp';

interface McpState {
  servers: McpServerView[];
  loaded: boolean;
  /** a save / remove / restart is on its way to main */
  busy: boolean;
  /** the last refused configuration or failed action, shown under the form */
  error: AppError | null;
  toolsByThread: Record<string, McpToolRef[]>;
  set: (patch: Partial<Omit<McpState, 'set' | 'setThreadTools'>>) => void;
  setThreadTools: (threadId: string, tools: McpToolRef[]) => void;
}

export const useMcp = create<McpState>()((set) => ({
  servers: [],
  loaded: false,
  busy: false,
  error: null,
  toolsByThread: {},
  set: (patch) => set(patch),
  setThreadTools: (threadId, tools) => set((s) => ({ toolsByThread: { ...s.toolsByThread, [threadId]: tools } })),
}));

const NONE: McpToolRef[] = [];
export const useThreadMcpTools = (threadId: string): McpToolRef[] => useMcp((s) => s.toolsByThread[threadId] ?? NONE);
