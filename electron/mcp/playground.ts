// The tool set a thread's answer sends: the playground's own tools (when its playground is on) and
// then the MCP tools switched on for the thread. One list, so the loop, validation, pausing and both
// protocols treat MCP tools as ordinary tools.
import type { PlaygroundConfig, ToolDefinition } from '../../shared/tools';

export function withMcpTools(pg: PlaygroundConfig, mcp: readonly ToolDefinition[]): PlaygroundConfig {
  if (mcp.length === 0) return pg;
  const own = pg.enabled ? pg.toolSet.tools : [];
  return {
    ...pg,
    enabled: true,
    toolSet: { tools: [...own, ...mcp], toolChoice: pg.enabled ? pg.toolSet.toolChoice : { type: 'auto' } },
  };
}
