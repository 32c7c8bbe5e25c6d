// One MCP tool as the model sees it: an ordinary tool definition (run mode `mcp`) under a name the APIs
// accept and no other tool of the request has. Shared by the playground (hub.ts) and suites (suite.ts).
import type { McpToolInfo } from '../../shared/mcp';
import { TOOL_NAME_PATTERN, type ToolDefinition } from '../../shared/tools';

function safeName(s: string): string {
  return s.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'tool';
}

/**
 * The tool under its own name when that is allowed and free, else `server_tool` (numbered on a clash).
 * Adds the chosen name to `used`.
 */
export function mcpToolDefinition(server: string, tool: McpToolInfo, used: Set<string>): ToolDefinition {
  let name = TOOL_NAME_PATTERN.test(tool.name) && !used.has(tool.name) ? tool.name : safeName(`${server}_${tool.name}`);
  for (let i = 2; used.has(name); i++) name = safeName(`${server}_${tool.name}`).slice(0, 60) + `_${i}`;
  used.add(name);
  // Without its JSON Schema dialect marker, which our validator (ajv draft-07) would refuse; the rest as given.
  const { $schema: _drop, ...rest } = tool.inputSchema;
  return { name, description: tool.description, inputSchema: { type: 'object', ...rest }, run: { mode: 'mcp', server, tool: tool.name } };
}
