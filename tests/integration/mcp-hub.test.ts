// MCP servers written with the SDK's server classes (tests/fixtures/mcp/), driven through the hub and
// the suite seam: tools listed, results faithful (text, image, structuredContent, isError), the child's
// environment exactly what was given plus PATH, crash / hang / garbage → error results and states,
// remove kills the process, and a secret header goes to the secret store, never the database.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { McpHub } from '../../electron/mcp/hub';
import { createSuiteMcp } from '../../electron/mcp/suite';
import { openStorage } from '../../electron/storage';
import { McpRepo } from '../../electron/storage/mcp';
import { startHttpMcp, type HttpMcp } from '../fixtures/mcp/http';
import { RED_PNG_BASE64 } from '../fixtures/mcp/tools';
import { testSecrets } from './core-harness';
import { useTempDirs } from '../unit/temp-dirs';

const temp = useTempDirs('mcp-hub');

const SERVER = path.resolve('tests/fixtures/mcp/server.ts');
/** the stdio fixture as a config entry: node with tsx, so the test server is TypeScript like the rest */
export const stdioEntry = (env: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  command: process.execPath,
  args: ['--import', 'tsx', SERVER],
  env,
  ...extra,
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

let cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.reverse()) await c();
  cleanup = [];
});

function makeHub() {
  const dbFile = temp.file('db.sqlite');
  const storage = openStorage(dbFile);
  const secrets = testSecrets();
  const redacted: string[] = [];
  const hub = new McpHub({ repo: new McpRepo(storage.db), secrets, addSecret: (v) => redacted.push(v), onChange: () => undefined });
  cleanup.push(async () => {
    await hub.dispose();
    storage.close();
  });
  return { hub, storage, secrets, redacted, dbFile };
}

describe('MCP hub', () => {
  it('connects a stdio server, lists its tools and returns text, image, structuredContent and isError faithfully', async () => {
    const { hub } = makeHub();
    const [view] = await hub.save(JSON.stringify({ mcpServers: { local: stdioEntry() } }));
    expect(view?.status).toBe('connected');
    expect(view?.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['weather', 'snapshot', 'fails', 'env', 'crash', 'hang']));

    const weather = await hub.call('local', 'weather', { city: 'Paris' });
    expect(weather.outcome).toEqual({ content: 'Sunny in Paris, 21°C', isError: false, blocks: [{ type: 'text', text: 'Sunny in Paris, 21°C' }] });
    expect(weather.request).toMatchObject({ jsonrpc: '2.0', method: 'tools/call', params: { name: 'weather', arguments: { city: 'Paris' } } });
    expect(weather.response).toMatchObject({ jsonrpc: '2.0', result: { content: [{ type: 'text' }] } });
    expect(weather.stderr.map((l) => l.line)).toContain('[test-server] weather asked for Paris');

    const snap = await hub.call('local', 'snapshot', { city: 'Oslo' });
    expect(snap.outcome.blocks).toEqual([
      { type: 'text', text: 'Snapshot of Oslo' },
      { type: 'image', mime: 'image/png', data: RED_PNG_BASE64 },
      { type: 'text', text: JSON.stringify({ city: 'Oslo', pixels: 4 }) },
    ]);
    expect((await hub.call('local', 'fails', {})).outcome).toMatchObject({ isError: true, content: 'the tool says no' });
  });

  it('gives the child exactly the environment it was given, plus PATH', async () => {
    const { hub } = makeHub();
    process.env.YIBU_PARENT_ONLY = 'leak';
    cleanup.push(async () => void delete process.env.YIBU_PARENT_ONLY);
    await hub.save(JSON.stringify({ mcpServers: { local: stdioEntry({ ONLY_THIS: 'yes' }) } }));
    const env = JSON.parse((await hub.call('local', 'env', {})).outcome.content) as Record<string, string>;
    expect(env.ONLY_THIS).toBe('yes');
    expect(env.PATH).toBe(process.env.PATH);
    expect(env.YIBU_PARENT_ONLY).toBeUndefined();
    expect(env.HOME).toBeUndefined();
    // node itself may add nothing of the parent's: every name is one we gave (or node's own NODE_* set by tsx)
    expect(Object.keys(env).filter((k) => !['ONLY_THIS', 'PATH'].includes(k) && !k.startsWith('NODE_') && !k.startsWith('TSX'))).toEqual([]);
  });

  it('turns a crash into an error result and an error state, and the hub keeps working', async () => {
    const { hub } = makeHub();
    await hub.save(JSON.stringify({ mcpServers: { local: stdioEntry() } }));
    const r = await hub.call('local', 'crash', {});
    expect(r.outcome.isError).toBe(true);
    expect(r.outcome.content).toMatch(/local/);
    const [view] = hub.list();
    expect(view?.status).toBe('error');
    expect(view?.error?.reason).toBe('mcp_crashed');
    // a call to the dead server answers at once with an error, and a restart brings it back
    expect((await hub.call('local', 'weather', { city: 'x' })).outcome.isError).toBe(true);
    const [back] = await hub.restart('local');
    expect(back?.status).toBe('connected');
  });

  it('ends a call that hangs at the time limit, as an error result with a timeout state', async () => {
    const { hub } = makeHub();
    await hub.save(JSON.stringify({ mcpServers: { slow: stdioEntry({}, { timeout: 400 }) } }));
    const r = await hub.call('slow', 'hang', {});
    expect(r.outcome).toMatchObject({ isError: true });
    expect(r.outcome.content).toMatch(/did not answer within 400 ms/);
    expect(hub.list()[0]).toMatchObject({ status: 'error', error: { reason: 'mcp_timeout' } });
    // a server that answers again is connected again
    expect((await hub.call('slow', 'weather', { city: 'Rome' })).outcome.isError).toBe(false);
    expect(hub.list()[0]?.status).toBe('connected');
  });

  it('treats a server that answers garbage as an error result and a protocol error', async () => {
    const { hub } = makeHub();
    await hub.save(JSON.stringify({ mcpServers: { junk: stdioEntry({ GARBAGE: '1' }, { timeout: 500 }) } }));
    const r = await hub.call('junk', 'weather', { city: 'x' });
    expect(r.outcome.isError).toBe(true);
    expect(hub.list()[0]).toMatchObject({ status: 'error', error: { reason: 'mcp_garbage' } });
  });

  it('kills the process when the server is removed, and when the hub is disposed', async () => {
    const { hub } = makeHub();
    await hub.save(JSON.stringify({ mcpServers: { a: stdioEntry(), b: stdioEntry() } }));
    const a = hub.pid('a')!;
    const b = hub.pid('b')!;
    expect(alive(a) && alive(b)).toBe(true);
    const left = await hub.remove('a');
    expect(left.map((s) => s.name)).toEqual(['b']);
    expect(alive(a)).toBe(false);
    await hub.dispose();
    expect(alive(b)).toBe(false);
  });

  it('refuses a bad configuration whole, saying why', async () => {
    const { hub } = makeHub();
    await expect(hub.save('{"mcpServers": {"x": {"args": []}}}')).rejects.toThrow(/needs "command"/);
    await expect(hub.save('not json')).rejects.toThrow(/not valid JSON/);
    expect(hub.list()).toEqual([]);
  });

  describe('Streamable HTTP', () => {
    let http: HttpMcp;
    it('sends the secret header from the secret store, and never writes it to the database', async () => {
      http = await startHttpMcp();
      cleanup.push(() => http.close());
      const { hub, secrets, redacted, dbFile, storage } = makeHub();
      const canary = 'Bearer mcp-canary-3f9a1c7e';
      const [view] = await hub.save(JSON.stringify({ mcpServers: { remote: { url: http.url, headers: { Authorization: canary, 'X-Team': 'blue' } } } }));
      expect(view).toMatchObject({ status: 'connected', headerNames: ['Authorization', 'X-Team'] });
      const seen = JSON.parse((await hub.call('remote', 'headers', {})).outcome.content) as Record<string, string>;
      expect(seen.authorization).toBe(canary);
      expect(seen['x-team']).toBe('blue');
      expect(await secrets.get('mcp-header:remote:authorization')).toBe(canary);
      expect(redacted).toContain(canary);
      storage.db.pragma('wal_checkpoint(TRUNCATE)');
      expect(readFileSync(dbFile).includes(Buffer.from('mcp-canary-3f9a1c7e'))).toBe(false);
      expect(JSON.stringify(hub.list())).not.toContain('mcp-canary');
      await hub.remove('remote');
      expect(await secrets.get('mcp-header:remote:authorization')).toBeNull();
    });
  });
});

describe('suite seam', () => {
  it('connects the servers of a suite file, lists ToolDefinitions, executes by name and closes', async () => {
    const mcp = createSuiteMcp();
    const session = await mcp.connect({ local: stdioEntry() });
    try {
      const weather = session.tools.find((t) => t.name === 'weather');
      expect(weather).toMatchObject({ run: { mode: 'mcp', server: 'local', tool: 'weather' }, inputSchema: { type: 'object' } });
      expect(await session.execute('weather', { city: 'Lima' })).toMatchObject({ content: 'Sunny in Lima, 21°C', isError: false });
      expect(await session.execute('nope', {})).toMatchObject({ isError: true });
    } finally {
      await session.close();
    }
    await expect(mcp.connect({ broken: { command: '/nonexistent/mcp-server' } })).rejects.toThrow(/did not connect/);
  });
});
