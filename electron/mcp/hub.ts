// The app's MCP servers in main (ARCHITECTURE.md § MCP servers): the stored configs, one live
// connection each, the secret header values in the secret store, the per-thread tool switches, and
// the model-facing tool definitions (run mode `mcp`) the tool loop sends beside the playground's own.
import type { McpServerConfig, McpServerView, McpToolRef } from '../../shared/mcp';
import type { ToolDefinition } from '../../shared/tools';
import type { McpRepo } from '../storage/mcp';
import type { SecretStore } from '../secrets/types';
import { parseMcpConfig } from './config';
import { mcpToolDefinition } from './tool-definition';
import { McpConnection, mcpError, type LiveConfig, type McpCallRecord } from './connection';

export interface McpHubDeps {
  repo: McpRepo;
  secrets: SecretStore;
  /** every secret header value is handed to the redactor before it is used */
  addSecret: (value: string) => void;
  onChange: (servers: McpServerView[]) => void;
  fetch?: typeof globalThis.fetch;
}

export class McpFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'McpFailure';
  }
}

export class McpHub {
  private readonly live = new Map<string, McpConnection>();
  private disposed = false;

  constructor(private readonly deps: McpHubDeps) {}

  /** Starts every stored server (without waiting for them). */
  init(): void {
    for (const c of this.deps.repo.list()) void this.launch(c);
  }

  list(): McpServerView[] {
    return this.deps.repo.list().map((c) => this.view(c));
  }

  private view(c: McpServerConfig): McpServerView {
    const conn = this.live.get(c.name);
    return {
      name: c.name,
      transport: c.transport,
      target: c.transport === 'stdio' ? [c.command, ...c.args].join(' ') : c.url,
      envNames: c.transport === 'stdio' ? Object.keys(c.env) : [],
      headerNames: c.transport === 'http' ? c.headers.map((h) => h.name) : [],
      status: conn?.status ?? 'stopped',
      error: conn?.error ?? null,
      tools: conn?.status === 'connected' || conn?.error?.reason === 'mcp_timeout' ? conn.tools : [],
      stderrTail: (conn?.stderr ?? []).slice(-20).map((l) => l.line),
    };
  }

  private changed(): void {
    if (!this.disposed) this.deps.onChange(this.list());
  }

  private async resolve(c: McpServerConfig): Promise<LiveConfig> {
    if (c.transport === 'stdio') return { ...c };
    const headers: Record<string, string> = {};
    for (const h of c.headers) {
      if (h.kind === 'plain') headers[h.name] = h.value;
      else {
        const value = await this.deps.secrets.get(h.account).catch(() => null);
        if (value === null) throw new McpFailure(`the secret for header "${h.name}" is missing from the keychain; paste the configuration again`);
        this.deps.addSecret(value);
        headers[h.name] = value;
      }
    }
    return { transport: 'http', name: c.name, url: c.url, headers, ...(c.callTimeoutMs ? { callTimeoutMs: c.callTimeoutMs } : {}) };
  }

  private async launch(c: McpServerConfig): Promise<void> {
    await this.live.get(c.name)?.stop();
    if (this.disposed) return;
    let live: LiveConfig;
    try {
      live = await this.resolve(c);
    } catch (err) {
      const conn = new McpConnection({ transport: 'stdio', name: c.name, command: '', args: [], env: {} }, () => this.changed());
      conn.status = 'error';
      conn.error = mcpError('mcp_secret', err instanceof Error ? err.message : String(err));
      this.live.set(c.name, conn);
      this.changed();
      return;
    }
    const conn = new McpConnection(live, () => this.changed(), this.deps.fetch);
    this.live.set(c.name, conn);
    await conn.start();
  }

  /** Adds or replaces the servers of a pasted configuration and (re)connects them; resolves once each has settled. */
  async save(json: string): Promise<McpServerView[]> {
    const parsed = parseMcpConfig(json);
    if (!parsed.ok) throw new McpFailure(parsed.error);
    for (const s of parsed.servers) {
      for (const secret of s.secrets) {
        this.deps.addSecret(secret.value);
        await this.deps.secrets.set(secret.account, secret.value);
      }
      this.deps.repo.put(s.config);
    }
    await Promise.all(parsed.servers.map((s) => this.launch(s.config)));
    return this.list();
  }

  async restart(name: string): Promise<McpServerView[]> {
    const c = this.deps.repo.list().find((s) => s.name === name);
    if (!c) throw new McpFailure(`there is no MCP server named "${name}"`);
    await this.launch(c);
    return this.list();
  }

  /** Stops the server (kills its process), forgets it, its secrets and every thread's switches for it. */
  async remove(name: string): Promise<McpServerView[]> {
    const c = this.deps.repo.list().find((s) => s.name === name);
    const conn = this.live.get(name);
    this.live.delete(name);
    await conn?.stop();
    if (c?.transport === 'http') for (const h of c.headers) if (h.kind === 'secret') await this.deps.secrets.delete(h.account).catch(() => undefined);
    this.deps.repo.delete(name);
    this.changed();
    return this.list();
  }

  threadTools(threadId: string): McpToolRef[] {
    return this.deps.repo.threadTools(threadId);
  }

  setThreadTool(threadId: string, ref: McpToolRef, enabled: boolean): McpToolRef[] {
    this.deps.repo.setThreadTool(threadId, ref, enabled);
    return this.threadTools(threadId);
  }

  /**
   * The thread's switched-on tools of servers that listed them, as ordinary tool definitions. A name
   * already taken (by `taken`, e.g. the playground's own tools) or not allowed by the APIs becomes
   * `server_tool`.
   */
  toolsFor(threadId: string, taken: ReadonlySet<string> = new Set()): ToolDefinition[] {
    const used = new Set(taken);
    const out: ToolDefinition[] = [];
    for (const ref of this.threadTools(threadId)) {
      const conn = this.live.get(ref.server);
      const tool = conn?.tools.find((t) => t.name === ref.tool);
      if (!conn || !tool || (conn.status !== 'connected' && conn.error?.reason !== 'mcp_timeout')) continue;
      out.push(mcpToolDefinition(ref.server, tool, used));
    }
    return out;
  }

  /** Calls a tool; never throws (an unknown or dead server is an error result). */
  async call(server: string, tool: string, input: unknown, signal?: AbortSignal): Promise<McpCallRecord> {
    const conn = this.live.get(server);
    if (!conn) {
      const now = Date.now();
      const content = `MCP server "${server}" is not configured`;
      return { server, tool, startedAt: now, endedAt: now, request: null, response: null, stderr: [], outcome: { content, isError: true, blocks: [] } };
    }
    return conn.call(tool, input, signal);
  }

  /** The pid of a stdio server's process (tests check it is gone after remove/close). */
  pid(name: string): number | null {
    return this.live.get(name)?.pid ?? null;
  }

  /** Stops every server: their processes end with the app. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.live.values()];
    this.live.clear();
    await Promise.all(all.map((c) => c.stop()));
  }
}
