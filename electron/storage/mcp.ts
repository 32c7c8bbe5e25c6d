// MCP servers (app-wide) and the MCP tools switched on per thread. Rows are validated when read: an
// unreadable one is skipped and reported, never a crash.
import { McpServerConfig, type McpToolRef } from '../../shared/mcp';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';

export class McpRepo {
  private readonly stmt;

  constructor(
    db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      list: db.prepare<[], { name: string; data: string }>('SELECT name, data FROM mcp_servers ORDER BY created_at, name'),
      put: db.prepare<[string, string, number]>(
        'INSERT INTO mcp_servers (name, data, created_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE SET data = excluded.data',
      ),
      delete: db.prepare<[string]>('DELETE FROM mcp_servers WHERE name = ?'),
      deleteTools: db.prepare<[string]>('DELETE FROM mcp_thread_tools WHERE server = ?'),
      tools: db.prepare<[string], McpToolRef>('SELECT server, tool FROM mcp_thread_tools WHERE thread_id = ? ORDER BY server, tool'),
      enable: db.prepare<[string, string, string]>('INSERT OR IGNORE INTO mcp_thread_tools (thread_id, server, tool) VALUES (?, ?, ?)'),
      disable: db.prepare<[string, string, string]>('DELETE FROM mcp_thread_tools WHERE thread_id = ? AND server = ? AND tool = ?'),
    };
  }

  list(): McpServerConfig[] {
    const out: McpServerConfig[] = [];
    for (const row of this.stmt.list.all()) {
      let json: unknown;
      try {
        json = JSON.parse(row.data);
      } catch {
        json = undefined;
      }
      const parsed = McpServerConfig.safeParse(json);
      if (parsed.success) out.push(parsed.data);
      else this.onCorrupt?.({ table: 'mcp_servers', id: row.name, issue: 'data does not match McpServerConfig' });
    }
    return out;
  }

  put(config: McpServerConfig): void {
    const valid = McpServerConfig.parse(config);
    this.stmt.put.run(valid.name, JSON.stringify(valid), Date.now());
  }

  /** Deletes the server and every thread's switches for its tools. */
  delete(name: string): void {
    this.stmt.deleteTools.run(name);
    this.stmt.delete.run(name);
  }

  threadTools(threadId: string): McpToolRef[] {
    return this.stmt.tools.all(threadId);
  }

  setThreadTool(threadId: string, ref: McpToolRef, enabled: boolean): void {
    (enabled ? this.stmt.enable : this.stmt.disable).run(threadId, ref.server, ref.tool);
  }
}
