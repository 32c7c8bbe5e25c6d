// MCP tools through the real core: a server written with the SDK (tests/fixtures/mcp/) is pasted in,
// its tool switched on for a thread, the mock gateway scripted to call it; the result — an image
// included — reaches the NEXT request in the right block types for both protocols, the trace holds the
// JSON-RPC exchange and stderr, a crashing server becomes an error result while main keeps answering,
// and a secret header never lands in the database, a trace or an export.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/domain';
import { anthropicText, anthropicToolUse, openaiText, openaiToolCalls } from '../fixtures/gateway/scenarios';
import { startHttpMcp } from '../fixtures/mcp/http';
import { startCore, type CoreHarness } from './core-harness';

const CLAUDE = 'claude-sonnet-4-20250514';
const GPT = 'gpt-4o-mini';
const stdio = (env: Record<string, string> = {}, extra: Record<string, unknown> = {}) => ({
  command: process.execPath,
  args: ['--import', 'tsx', path.resolve('tests/fixtures/mcp/server.ts')],
  env,
  ...extra,
});

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore({ key: 'sk-canary-mcp-5e1d' });
});
afterEach(async () => {
  await h.close();
});

async function mcpThread(model: string, servers: Record<string, unknown>, tools: [string, string][]) {
  const { servers: views } = await h.ok('mcp.save', { json: JSON.stringify({ mcpServers: servers }) });
  for (const v of views) expect(v.status, `${v.name}: ${v.error?.message ?? ''}`).toBe('connected');
  const thread = await h.ok('threads.create', { model });
  for (const [server, tool] of tools) await h.ok('mcp.setThreadTool', { threadId: thread.id, server, tool, enabled: true });
  return thread;
}

async function settle(threadId: string, assistants: number): Promise<Message[]> {
  await expect
    .poll(async () => (await h.ok('messages.list', { threadId })).messages.filter((m) => m.role === 'assistant' && m.status !== 'streaming').length, {
      timeout: 30_000,
    })
    .toBeGreaterThanOrEqual(assistants);
  return (await h.ok('messages.list', { threadId })).messages;
}

describe('MCP tools called by the model', () => {
  it('Claude: the tool is sent as an ordinary tool; text, image and structuredContent come back as blocks', async () => {
    const thread = await mcpThread(CLAUDE, { city: stdio() }, [['city', 'snapshot']]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_mcp1', name: 'snapshot', input: { city: 'Oslo' } }]), anthropicText('A red square.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Show me Oslo' }] });
    const messages = await settle(thread.id, 2);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);

    const [first, second] = h.gateway.requests.map((r) => r.json as { tools: { name: string; input_schema: unknown }[]; messages: { role: string; content: unknown }[] });
    expect(first!.tools.map((t) => t.name)).toEqual(['snapshot']);
    expect(first!.tools[0]!.input_schema).toMatchObject({ type: 'object', properties: { city: { type: 'string' } } });
    const result = second!.messages[2]!;
    expect(result.role).toBe('user');
    expect(result.content).toEqual([
      {
        type: 'tool_result',
        tool_use_id: 'toolu_mcp1',
        content: [
          { type: 'text', text: 'Snapshot of Oslo' },
          // prepared like any attached image (size limits, metadata stripped): PROTOCOLS.md § Tool results with images
          { type: 'image', source: { type: 'base64', media_type: expect.stringMatching(/^image\//), data: expect.any(String) } },
          { type: 'text', text: '{"city":"Oslo","pixels":4}' },
        ],
      },
    ]);

    // The trace: the MCP call on its tool run, with the JSON-RPC request, response and stderr.
    const trace = await h.ok('traces.get', { messageId: messages[1]!.id });
    const run = trace!.steps.flatMap((s) => s.toolRuns).find((r) => r.toolCallId === 'toolu_mcp1');
    expect(run?.mcp).toMatchObject({
      server: 'city',
      tool: 'snapshot',
      request: { jsonrpc: '2.0', method: 'tools/call', params: { name: 'snapshot', arguments: { city: 'Oslo' } } },
      response: { jsonrpc: '2.0', result: { structuredContent: { city: 'Oslo', pixels: 4 } } },
    });
    expect(run!.mcp!.stderr.map((l) => l.line)).toContain('[test-server] snapshot of Oslo');
    expect(run!.mcp!.response).toMatchObject({ result: { content: [{ type: 'text' }, { type: 'image', mimeType: 'image/png' }] } });
    const { json } = await h.ok('traces.export', { messageId: messages[1]!.id });
    expect(json).toContain('tools/call');
  });

  it('OpenAI: the text goes in the tool message, the image in a user message right after the tool messages', async () => {
    const thread = await mcpThread(GPT, { city: stdio() }, [['city', 'snapshot'], ['city', 'weather']]);
    h.gateway.queue(
      openaiToolCalls([
        { id: 'call_a', name: 'snapshot', args: '{"city":"Lima"}' },
        { id: 'call_b', name: 'weather', args: '{"city":"Lima"}' },
      ]),
      openaiText('Done.'),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Lima?' }] });
    await settle(thread.id, 2);
    const second = h.gateway.requests[1]!.json as { messages: { role: string; content: unknown; tool_call_id?: string }[] };
    const tail = second.messages.slice(2);
    expect(tail.map((m) => m.role)).toEqual(['tool', 'tool', 'user']);
    expect(tail[0]).toMatchObject({ tool_call_id: 'call_a', content: 'Snapshot of Lima\n{"city":"Lima","pixels":4}\n[1 image(s) follow in the next user message]' });
    expect(tail[1]).toMatchObject({ tool_call_id: 'call_b', content: 'Sunny in Lima, 21°C' });
    expect(tail[2]!.content).toEqual([
      { type: 'text', text: 'Images returned by tool call call_a:' },
      { type: 'image_url', image_url: { url: expect.stringMatching(/^data:image\/\w+;base64,/), detail: 'auto' } },
    ]);
  });

  it('a crashing server: the model gets an error result, the server shows error, main keeps answering', async () => {
    const thread = await mcpThread(CLAUDE, { boom: stdio() }, [['boom', 'crash']]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_c', name: 'crash', input: {} }]), anthropicText('It broke.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'crash it' }] });
    const messages = await settle(thread.id, 2);
    const second = h.gateway.requests[1]!.json as { messages: { content: { is_error?: boolean; content: unknown }[] }[] };
    expect(second.messages[2]!.content[0]).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_c', is_error: true });
    expect(messages[1]!.parts.find((p) => p.type === 'tool_call')).toMatchObject({ status: 'error' });
    const { servers } = await h.ok('mcp.list', {});
    expect(servers[0]).toMatchObject({ name: 'boom', status: 'error', error: { reason: 'mcp_crashed' } });
    expect(h.pushed.some((p) => p.event === 'mcp.changed')).toBe(true);
    expect((await h.ok('app.info', {})).version).toBeTruthy();
  });

  it('a hanging server: the call ends at its time limit as an error result', async () => {
    const thread = await mcpThread(CLAUDE, { slow: stdio({}, { timeout: 500 }) }, [['slow', 'hang']]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_h', name: 'hang', input: {} }]), anthropicText('Too slow.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'wait' }] });
    await settle(thread.id, 2);
    const second = h.gateway.requests[1]!.json as { messages: { content: { is_error?: boolean; content: unknown }[] }[] };
    expect(second.messages[2]!.content[0]).toMatchObject({ is_error: true, content: expect.stringMatching(/did not answer within 500 ms/) });
    expect((await h.ok('mcp.list', {})).servers[0]).toMatchObject({ status: 'error', error: { reason: 'mcp_timeout' } });
  });

  it('respects "pause before each tool run": the MCP call waits for approval', async () => {
    const thread = await mcpThread(CLAUDE, { city: stdio() }, [['city', 'weather']]);
    await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [], toolChoice: { type: 'auto' } }, maxSteps: 8, pauseBeforeRun: true },
    });
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_p', name: 'weather', input: { city: 'Bern' } }]), anthropicText('Nice.'));
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Bern?' }] });
    const awaiting = async () => {
      const { messages } = await h.ok('messages.list', { threadId: thread.id });
      const p = messages.flatMap((m) => m.parts).find((x) => x.type === 'tool_call' && x.id === 'toolu_p');
      return p?.type === 'tool_call' ? p.awaiting : undefined;
    };
    await expect.poll(awaiting, { timeout: 20_000 }).toBe('approval');
    expect(h.gateway.requests).toHaveLength(1);
    await h.ok('tools.respond', { messageId: assistantMessage.id, toolCallId: 'toolu_p', decision: { action: 'run' } });
    await settle(thread.id, 2);
    const second = h.gateway.requests[1]!.json as { messages: { content: { content: unknown }[] }[] };
    expect(second.messages[2]!.content[0]).toMatchObject({ tool_use_id: 'toolu_p', content: 'Sunny in Bern, 21°C' });
  });

  it('closing the app ends every stdio server process', async () => {
    const thread = await mcpThread(CLAUDE, { local: stdio() }, [['local', 'pid']]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_pid', name: 'pid', input: {} }]), anthropicText('ok'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'pid?' }] });
    const messages = await settle(thread.id, 2);
    const result = messages[2]!.parts.find((p) => p.type === 'tool_result');
    const pid = Number(result?.type === 'tool_result' ? result.content : NaN);
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).not.toThrow();
    await h.close();
    expect(() => process.kill(pid, 0)).toThrow();
    h = await startCore({ key: 'sk-canary-mcp-5e1d' }); // for afterEach
  });

  it('a secret header reaches the server but never the database, a trace or an export', async () => {
    const http = await startHttpMcp();
    try {
      const canary = 'mcp-header-canary-77b1';
      const thread = await mcpThread(CLAUDE, { remote: { url: http.url, headers: { Authorization: `Bearer ${canary}` } } }, [['remote', 'weather']]);
      h.gateway.queue(anthropicToolUse([{ id: 'toolu_r', name: 'weather', input: { city: 'Kyiv' } }]), anthropicText('ok'));
      await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Kyiv?' }] });
      const messages = await settle(thread.id, 2);
      expect(http.headers.some((x) => x.authorization === `Bearer ${canary}`)).toBe(true);
      const trace = await h.ok('traces.get', { messageId: messages[1]!.id });
      expect(trace!.steps.flatMap((s) => s.toolRuns)[0]?.mcp?.server).toBe('remote');
      const exported = await h.ok('export.threads', { format: 'json', includeTraces: true });
      const views = await h.ok('mcp.list', {});
      // Everything written so far is in the data folder (the database and its WAL included).
      const files = readdirSync(h.dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile());
      for (const f of files) expect(readFileSync(path.join(f.parentPath, f.name)).includes(canary), f.name).toBe(false);
      for (const text of [JSON.stringify(trace), exported.data, JSON.stringify(views)]) expect(text).not.toContain(canary);
    } finally {
      await http.close();
    }
  });
});
