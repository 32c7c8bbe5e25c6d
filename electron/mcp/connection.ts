// One MCP server, connected with the SDK's Client: status (connecting → connected | error, stopped),
// its tools, its stderr (stdio), and calls with a time limit. Nothing a server does can throw out of
// here: a crash, a hang, a garbage line or a refused HTTP request becomes a classified error on the
// status and, for a call, an error result (ARCHITECTURE.md § MCP servers).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';
import type { AppError } from '../../shared/domain';
import { DEFAULT_MCP_CALL_TIMEOUT_MS, type McpStatus, type McpToolInfo } from '../../shared/mcp';
import { toOutcome, type McpOutcome } from './result';
import { IsolatedStdioTransport } from './stdio-transport';

/** A server config with its header values resolved (secrets read from the store by the caller). */
export type LiveConfig =
  | { transport: 'stdio'; name: string; command: string; args: string[]; env: Record<string, string>; callTimeoutMs?: number }
  | { transport: 'http'; name: string; url: string; headers: Record<string, string>; callTimeoutMs?: number };

export interface StderrLine {
  at: number;
  line: string;
}

/** One tools/call as the trace shows it: the JSON-RPC request and response, the time, stderr around it. */
export interface McpCallRecord {
  server: string;
  tool: string;
  startedAt: number;
  endedAt: number;
  request: unknown;
  response: unknown;
  stderr: StderrLine[];
  outcome: McpOutcome;
}

const STDERR_KEEP = 500;
/** stderr lines this long before a call still count as "around" it */
const STDERR_BEFORE_MS = 2000;
const CONNECT_TIMEOUT_MS = 30_000;
/** how long after an answer stderr lines still belong to the call */
const STDERR_GRACE_MS = 60;

export function mcpError(reason: string, message: string): AppError {
  const code: AppError['code'] =
    reason === 'mcp_timeout' ? 'idle' : reason === 'mcp_auth' ? 'auth' : reason === 'mcp_crashed' ? 'server' : reason === 'mcp_garbage' || reason === 'mcp_handshake' ? 'protocol' : 'network';
  return { code, reason, message };
}

function errText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

export class McpConnection {
  status: McpStatus = 'stopped';
  error: AppError | null = null;
  tools: McpToolInfo[] = [];
  readonly stderr: StderrLine[] = [];
  private client: Client | null = null;
  private transport: Transport | null = null;
  private wire: ((dir: 'out' | 'in', m: JSONRPCMessage) => void) | null = null;
  private garbage = 0;
  private stopping = false;

  constructor(
    readonly config: LiveConfig,
    private readonly onChange: () => void,
    private readonly fetchImpl?: typeof globalThis.fetch,
  ) {}

  get pid(): number | null {
    return this.transport instanceof IsolatedStdioTransport ? this.transport.pid : null;
  }

  private set(status: McpStatus, error: AppError | null = null): void {
    this.status = status;
    this.error = error;
    try {
      this.onChange();
    } catch {
      // a listener's failure is not the server's
    }
  }

  private makeTransport(): Transport {
    const c = this.config;
    if (c.transport === 'stdio') {
      return new IsolatedStdioTransport({
        command: c.command,
        args: c.args,
        env: c.env,
        onStderrLine: (line, at) => {
          this.stderr.push({ at, line });
          if (this.stderr.length > STDERR_KEEP) this.stderr.splice(0, this.stderr.length - STDERR_KEEP);
        },
        onExit: (code, signal) => {
          if (this.stopping) return;
          const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
          this.set('error', mcpError('mcp_crashed', `The server process ${how}.`));
        },
      });
    }
    return new StreamableHTTPClientTransport(new URL(c.url), {
      requestInit: { headers: c.headers },
      ...(this.fetchImpl ? { fetch: this.fetchImpl } : {}),
    });
  }

  /** Wraps the transport so every JSON-RPC message can be recorded for the trace. */
  private tap(t: Transport): Transport {
    const send = t.send.bind(t);
    t.send = (message, options) => {
      this.wire?.('out', message);
      return send(message, options);
    };
    return t;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.garbage = 0;
    this.set('connecting');
    const transport = this.tap(this.makeTransport());
    const client = new Client({ name: 'yibu-chat', version: '1' }, { capabilities: {} });
    client.onerror = (err) => {
      // A line on stdout that is not JSON-RPC, or a bad HTTP frame: the server answers garbage.
      if (/JSON|Unexpected token|invalid/i.test(errText(err))) this.garbage++;
    };
    client.onclose = () => {
      if (!this.stopping && this.status !== 'error') this.set('error', mcpError('mcp_crashed', 'The connection to the server closed.'));
    };
    this.transport = transport;
    this.client = client;
    try {
      await client.connect(transport, { timeout: CONNECT_TIMEOUT_MS });
      // The SDK sets its onmessage in connect(): wrap it now to see the answers too.
      const onmessage = transport.onmessage;
      transport.onmessage = (message, extra) => {
        this.wire?.('in', message);
        onmessage?.(message, extra);
      };
      const listed = await client.listTools(undefined, { timeout: CONNECT_TIMEOUT_MS });
      this.tools = listed.tools.map((t) => ({
        name: t.name,
        description: t.description ?? '',
        inputSchema: t.inputSchema as Record<string, unknown>,
      }));
      if (!this.stopping) this.set('connected');
    } catch (err) {
      if (this.stopping) return;
      this.set('error', this.classify(err, 'mcp_handshake'));
      await this.closeQuietly();
    }
  }

  private classify(err: unknown, fallback: string): AppError {
    const msg = errText(err);
    const code = (err as { code?: unknown }).code;
    if (code === -32001 || /timed out/i.test(msg)) return mcpError(this.garbage ? 'mcp_garbage' : 'mcp_timeout', msg);
    if (code === 'ENOENT' || code === 'EACCES' || /spawn/i.test(msg)) return mcpError('mcp_spawn', msg);
    if (code === 401 || code === 403 || /\b40[13]\b/.test(msg)) return mcpError('mcp_auth', msg);
    if (code === -32000 || /closed/i.test(msg)) return mcpError('mcp_crashed', msg);
    if (/fetch failed|ECONNREFUSED|HTTP/i.test(msg)) return mcpError('mcp_http', msg);
    if (/JSON|parse|invalid|expected/i.test(msg)) return mcpError('mcp_garbage', msg);
    return mcpError(fallback, msg);
  }

  /** Calls a tool. Never throws: a failure of the server is an error result (and the server's status). */
  async call(tool: string, args: unknown, signal?: AbortSignal): Promise<McpCallRecord> {
    const startedAt = Date.now();
    let request: unknown = null;
    let response: unknown = null;
    let requestId: unknown;
    const prev = this.wire;
    this.wire = (dir, m) => {
      const rec = m as { id?: unknown; method?: string; params?: { name?: unknown } };
      if (dir === 'out' && request === null && rec.method === 'tools/call' && rec.params?.name === tool) {
        request = m;
        requestId = rec.id;
      } else if (dir === 'in' && requestId !== undefined && rec.id === requestId) response = m;
    };
    const finish = async (outcome: McpOutcome): Promise<McpCallRecord> => {
      this.wire = prev;
      const endedAt = Date.now();
      // stderr is its own pipe: what the server logged while answering can land just after the answer.
      if (this.config.transport === 'stdio') await new Promise((r) => setTimeout(r, STDERR_GRACE_MS));
      const stderr = this.stderr.filter((l) => l.at >= startedAt - STDERR_BEFORE_MS && l.at <= endedAt + STDERR_GRACE_MS);
      return { server: this.config.name, tool, startedAt, endedAt, request, response, stderr, outcome };
    };
    const client = this.client;
    if (!client || this.status === 'stopped' || this.status === 'connecting' || (this.status === 'error' && this.error?.reason !== 'mcp_timeout')) {
      const why = this.error?.message ?? `the server is ${this.status}`;
      return finish({ content: `MCP server "${this.config.name}" is not available: ${why}`, isError: true, blocks: [] });
    }
    const timeout = this.config.callTimeoutMs ?? DEFAULT_MCP_CALL_TIMEOUT_MS;
    const input = args !== null && typeof args === 'object' && !Array.isArray(args) ? (args as Record<string, unknown>) : {};
    try {
      const result = await client.callTool({ name: tool, arguments: input }, undefined, { timeout, signal });
      if (this.status === 'error') this.set('connected'); // it answered again after a timeout
      return finish(toOutcome(result));
    } catch (err) {
      if (signal?.aborted) return finish({ content: 'stopped', isError: true, blocks: [] });
      const e = this.classify(err, 'mcp_garbage');
      if (e.reason === 'mcp_timeout') e.message = `No answer within ${timeout} ms.`;
      if (this.status !== 'error' || e.reason !== 'mcp_crashed') this.set('error', e);
      const what = e.reason === 'mcp_timeout' ? `did not answer within ${timeout} ms` : e.reason === 'mcp_crashed' ? `stopped (${e.message})` : `failed: ${e.message}`;
      return finish({ content: `MCP server "${this.config.name}" ${what}`, isError: true, blocks: [] });
    }
  }

  private async closeQuietly(): Promise<void> {
    const client = this.client;
    const transport = this.transport;
    this.client = null;
    this.transport = null;
    try {
      if (client) await client.close();
      else await transport?.close();
    } catch {
      // closing a dead server cannot fail the app
    }
  }

  /** Stops the server (its process, for stdio) and marks it stopped. */
  async stop(): Promise<void> {
    this.stopping = true;
    await this.closeQuietly();
    this.set('stopped');
  }
}
