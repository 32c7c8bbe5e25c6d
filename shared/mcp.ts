// MCP servers as tool sources (ARCHITECTURE.md § MCP servers): what is stored per server, what the
// renderer sees of it, and the per-thread tool switches. Header values that look like secrets never
// appear here: the stored config keeps only a reference to the keychain entry.
import { z } from 'zod';
import { AppError } from './domain';

/** Server names are keys in the pasted `mcpServers` object; they also name keychain entries. */
export const MCP_SERVER_NAME = /^[A-Za-z0-9_.-]{1,64}$/;
export const DEFAULT_MCP_CALL_TIMEOUT_MS = 60_000;
export const MAX_MCP_CALL_TIMEOUT_MS = 600_000;

export const McpHeader = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('plain'), name: z.string().min(1).max(200), value: z.string().max(8192) }),
  /** the value lives in the secret store under `account`; never in the database */
  z.object({ kind: z.literal('secret'), name: z.string().min(1).max(200), account: z.string().min(1).max(300) }),
]);
export type McpHeader = z.infer<typeof McpHeader>;

export const McpServerConfig = z.discriminatedUnion('transport', [
  z.object({
    transport: z.literal('stdio'),
    name: z.string().regex(MCP_SERVER_NAME),
    command: z.string().min(1).max(4096),
    args: z.array(z.string().max(8192)).max(200),
    /** exactly the child's environment (plus PATH) */
    env: z.record(z.string(), z.string().max(32_768)),
    callTimeoutMs: z.number().int().min(100).max(MAX_MCP_CALL_TIMEOUT_MS).optional(),
  }),
  z.object({
    transport: z.literal('http'),
    name: z.string().regex(MCP_SERVER_NAME),
    url: z.string().url().max(4096),
    headers: z.array(McpHeader).max(50),
    callTimeoutMs: z.number().int().min(100).max(MAX_MCP_CALL_TIMEOUT_MS).optional(),
  }),
]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;

export const McpStatus = z.enum(['connecting', 'connected', 'error', 'stopped']);
export type McpStatus = z.infer<typeof McpStatus>;

export const McpToolInfo = z.object({
  name: z.string(),
  description: z.string(),
  inputSchema: z.record(z.string(), z.unknown()),
});
export type McpToolInfo = z.infer<typeof McpToolInfo>;

/** A server as the renderer sees it: no env values, no header values (names only). */
export const McpServerView = z.object({
  name: z.string(),
  transport: z.enum(['stdio', 'http']),
  /** stdio: the command line; http: the URL */
  target: z.string(),
  envNames: z.array(z.string()),
  headerNames: z.array(z.string()),
  status: McpStatus,
  error: AppError.nullable(),
  tools: z.array(McpToolInfo),
  /** the last lines the server wrote to stderr (stdio only) */
  stderrTail: z.array(z.string()),
});
export type McpServerView = z.infer<typeof McpServerView>;

/** One MCP tool switched on for a thread. */
export const McpToolRef = z.object({ server: z.string().min(1).max(64), tool: z.string().min(1).max(200) });
export type McpToolRef = z.infer<typeof McpToolRef>;
