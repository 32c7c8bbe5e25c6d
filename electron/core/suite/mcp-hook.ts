// The seam between the suite runner and MCP servers as tool sources (issue 11 item 2). The runner only
// knows this interface; electron/mcp/ implements it and the core passes it in. Kept tiny on purpose:
// connect once per run to every server the suite names, list their tools, call them, close at the end.
import type { McpServerConfig } from '../../../shared/suite';
import type { ToolDefinition } from '../../../shared/tools';

export interface McpSession {
  /** every tool of every connected server, as the model sees them (names unique across servers) */
  tools: ToolDefinition[];
  /** calls one of `tools`; a server's failure is a result with isError, not a throw */
  execute(name: string, input: unknown, signal: AbortSignal): Promise<{ content: string; isError: boolean }>;
  /** stops every server this session started */
  close(): Promise<void>;
}

export interface McpHook {
  /** throws when a server cannot be started or reached: every cell of the run then errors with the message */
  connect(servers: Record<string, McpServerConfig>): Promise<McpSession>;
}
