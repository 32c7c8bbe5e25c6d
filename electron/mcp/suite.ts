// The seam for test suites (issue 11 item 1): a suite file may name `mcpServers` in the same format as
// the app's configuration; the suite runner connects them for one run, sends their tools as ordinary
// tool definitions (run mode `mcp`), calls them by the model-facing name, and closes them after.
// No storage and no keychain here: a suite's header values are used as written in the file.
import type { ToolDefinition } from '../../shared/tools';
import { parseMcpConfig } from './config';
import { McpConnection, type LiveConfig } from './connection';
import type { McpBlock } from './result';
import { mcpToolDefinition } from './tool-definition';

export interface SuiteMcpSession {
  tools: ToolDefinition[];
  /** `content` is the result's text; `blocks` keeps texts and images (base64) as the server sent them */
  execute(name: string, input: unknown, signal?: AbortSignal): Promise<{ content: string; isError: boolean; blocks: McpBlock[] }>;
  close(): Promise<void>;
}

export interface SuiteMcp {
  connect(servers: Record<string, unknown>): Promise<SuiteMcpSession>;
}

/** Fails (rejects) when the configuration is invalid or a server does not connect: a usage error for the CLI. */
export function createSuiteMcp(opts: { fetch?: typeof globalThis.fetch } = {}): SuiteMcp {
  return {
    async connect(servers) {
      const parsed = parseMcpConfig(JSON.stringify({ mcpServers: servers }));
      if (!parsed.ok) throw new Error(`mcpServers: ${parsed.error}`);
      const conns = parsed.servers.map(({ config: c }) => {
        const live: LiveConfig =
          c.transport === 'stdio'
            ? { ...c }
            : { transport: 'http', name: c.name, url: c.url, headers: Object.fromEntries(headerValues(c.name, servers)), callTimeoutMs: c.callTimeoutMs };
        return new McpConnection(live, () => undefined, opts.fetch);
      });
      await Promise.all(conns.map((c) => c.start()));
      const failed = conns.find((c) => c.status !== 'connected');
      if (failed) {
        await Promise.all(conns.map((c) => c.stop()));
        throw new Error(`MCP server "${failed.config.name}" did not connect: ${failed.error?.message ?? failed.status}`);
      }
      const byName = new Map<string, { conn: McpConnection; tool: string }>();
      const used = new Set<string>();
      const tools: ToolDefinition[] = [];
      for (const conn of conns) {
        for (const t of conn.tools) {
          const def = mcpToolDefinition(conn.config.name, t, used);
          byName.set(def.name, { conn, tool: t.name });
          tools.push(def);
        }
      }
      return {
        tools,
        async execute(name, input, signal) {
          const target = byName.get(name);
          if (!target) return { content: `there is no tool named "${name}"`, isError: true, blocks: [] };
          const r = await target.conn.call(target.tool, input, signal);
          return r.outcome;
        },
        async close() {
          await Promise.all(conns.map((c) => c.stop()));
        },
      };
    },
  };
}

function headerValues(server: string, servers: Record<string, unknown>): [string, string][] {
  const raw = servers[server] as { headers?: Record<string, string> } | undefined;
  return Object.entries(raw?.headers ?? {});
}
