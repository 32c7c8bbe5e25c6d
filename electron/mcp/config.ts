// The usual MCP configuration, as Claude Desktop and Cursor write it —
// `{"mcpServers": {name: {command, args, env} | {url, headers}}}` — read into stored server configs.
// Header values that look like secrets (Authorization, *token*, *key*, *secret*, cookies, "Bearer …")
// are split out to go to the secret store; the stored config keeps only the account name.
import { MCP_SERVER_NAME, McpServerConfig, type McpHeader } from '../../shared/mcp';

export interface ParsedServer {
  config: McpServerConfig;
  /** secret header values to store under their account before the config is saved */
  secrets: { account: string; value: string }[];
}

export type ParseResult = { ok: true; servers: ParsedServer[] } | { ok: false; error: string };

const SECRET_NAME = /authorization|token|key|secret|cookie|password|credential/i;

export function looksSecret(name: string, value: string): boolean {
  return SECRET_NAME.test(name) || /^(bearer|basic)\s/i.test(value.trim());
}

export function secretAccount(server: string, header: string): string {
  return `mcp-header:${server}:${header.toLowerCase()}`;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function strings(v: unknown, what: string): Record<string, string> | string {
  if (v === undefined) return {};
  if (!isObj(v)) return `${what} must be an object of strings`;
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v)) {
    if (typeof val !== 'string') return `${what}.${k} must be a string`;
    out[k] = val;
  }
  return out;
}

function readServer(name: string, raw: unknown, callTimeoutMs: number | undefined): ParsedServer | string {
  if (!MCP_SERVER_NAME.test(name)) return `"${name}": a server name may use letters, digits, "_", "-" and "." (at most 64)`;
  if (!isObj(raw)) return `"${name}" must be an object with "command" or "url"`;
  const timeout = typeof raw.timeout === 'number' ? raw.timeout : callTimeoutMs;
  if (typeof raw.command === 'string') {
    if (raw.args !== undefined && !(Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string'))) {
      return `"${name}".args must be an array of strings`;
    }
    const env = strings(raw.env, `"${name}".env`);
    if (typeof env === 'string') return env;
    const config = { transport: 'stdio' as const, name, command: raw.command, args: (raw.args as string[] | undefined) ?? [], env, ...(timeout ? { callTimeoutMs: timeout } : {}) };
    const parsed = McpServerConfig.safeParse(config);
    return parsed.success ? { config: parsed.data, secrets: [] } : `"${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  }
  if (typeof raw.url === 'string') {
    let url: URL;
    try {
      url = new URL(raw.url);
    } catch {
      return `"${name}".url is not a URL`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return `"${name}".url must be http(s)`;
    const headers = strings(raw.headers, `"${name}".headers`);
    if (typeof headers === 'string') return headers;
    const stored: McpHeader[] = [];
    const secrets: ParsedServer['secrets'] = [];
    for (const [header, value] of Object.entries(headers)) {
      if (looksSecret(header, value)) {
        const account = secretAccount(name, header);
        secrets.push({ account, value });
        stored.push({ kind: 'secret', name: header, account });
      } else stored.push({ kind: 'plain', name: header, value });
    }
    const config = { transport: 'http' as const, name, url: url.toString(), headers: stored, ...(timeout ? { callTimeoutMs: timeout } : {}) };
    const parsed = McpServerConfig.safeParse(config);
    return parsed.success ? { config: parsed.data, secrets } : `"${name}": ${parsed.error.issues[0]?.message ?? 'invalid'}`;
  }
  return `"${name}" needs "command" (a local server) or "url" (a Streamable HTTP server)`;
}

/**
 * Reads `{"mcpServers": {...}}`, or the inner object alone. Every server must be valid, else nothing
 * is taken (the error names the first problem). An optional top-level or per-server `timeout` (ms) sets
 * the per-call time limit.
 */
export function parseMcpConfig(json: string): ParseResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { ok: false, error: `not valid JSON: ${(err as Error).message}` };
  }
  if (!isObj(data)) return { ok: false, error: 'expected an object like {"mcpServers": {"name": {"command": …}}}' };
  const servers = isObj(data.mcpServers) ? data.mcpServers : data;
  const timeout = typeof data.timeout === 'number' ? data.timeout : undefined;
  const entries = Object.entries(servers).filter(([k]) => !(servers === data && k === 'timeout'));
  if (entries.length === 0) return { ok: false, error: 'no servers in "mcpServers"' };
  const out: ParsedServer[] = [];
  for (const [name, raw] of entries) {
    const r = readServer(name, raw, timeout);
    if (typeof r === 'string') return { ok: false, error: r };
    out.push(r);
  }
  return { ok: true, servers: out };
}
