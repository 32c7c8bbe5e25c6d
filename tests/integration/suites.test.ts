// The Tests tab's core end to end on a real core (SQLite, real HTTP to the mock gateway): save a case from
// a thread that called a tool, run it × 2 models, each cell's trace, "changed since the last run", bad
// imports, manual tools, and the MCP seam (absent: a clear error; present: its tools are called).
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SuitesRepo } from '../../electron/storage/suites';
import type { Suite, SuiteCell, SuiteRun } from '../../shared/suite';
import { presetTool } from '../../electron/tools';
import { Redactor } from '../../electron/core/redact';
import { cellsFor, runSuite } from '../../electron/core/suite/runner';
import { startGateway, toolRoundTrip } from '../fixtures/gateway';
import { startCore, type CoreHarness } from './core-harness';

const GPT = 'gpt-4o-mini';
const CLAUDE = 'claude-sonnet-4-20250514';
/** a generous bound for waiting on pushed events under CPU contention (not a speed assertion) */
const WAIT = { timeout: 30_000, interval: 20 };

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

async function threadWithWeatherCall(): Promise<string> {
  const thread = await h.ok('threads.create', { model: GPT });
  const weather = presetTool('get_weather');
  await h.ok('playground.update', {
    threadId: thread.id,
    config: { enabled: true, toolSet: { tools: [weather], toolChoice: { type: 'auto' } }, maxSteps: 8, pauseBeforeRun: false },
  });
  h.gateway.queue(...toolRoundTrip({ protocol: 'openai', model: GPT, call: { name: 'get_weather', input: { location: 'Paris' } }, answer: 'It is 18°C.' }));
  const sent = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Weather in Paris?' }] });
  await h.finished(sent.assistantMessage.id);
  // The loop's second step is its own message: wait until the gateway served both.
  await vi.waitFor(() => expect(h.gateway.pendingScenarios()).toBe(0), WAIT);
  await vi.waitFor(() => expect(h.pushed.some((p) => p.event === 'message.created')).toBe(true), WAIT);
  return thread.id;
}

function settled(runId: string): Promise<SuiteCell[]> {
  return vi.waitFor(() => {
    const last = new Map<string, SuiteCell>();
    for (const p of h.pushed) {
      const payload = p.payload as { runId: string; cell: SuiteCell };
      if (p.event === 'suites.cell' && payload.runId === runId) last.set(payload.cell.id, payload.cell);
    }
    const cells = [...last.values()];
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.status !== 'queued' && c.status !== 'running')).toBe(true);
    return cells;
  }, WAIT);
}

describe('a thread\'s suite', () => {
  it('saves the thread as a case with the tool it called, runs it × 2 models, and marks what changed', async () => {
    const threadId = await threadWithWeatherCall();
    const { suite, caseName } = await h.ok('suites.saveCase', { threadId });
    expect(caseName).toBe('Weather in Paris?');
    expect(suite.cases[0]!.expect).toEqual([{ toolCalled: { name: 'get_weather', input: { location: 'Paris' } } }, { noToolErrors: true }]);
    expect(suite.tools.map((t) => t.name)).toEqual(['get_weather']);

    for (const [protocol, model] of [['openai', GPT], ['anthropic', CLAUDE]] as const) {
      h.gateway.queue(...toolRoundTrip({ protocol, model, call: { name: 'get_weather', input: { location: 'Paris' } }, answer: 'Mild.' }));
    }
    const first: SuiteRun = await h.ok('suites.run', { threadId, models: [GPT, CLAUDE] });
    expect(first.cells.map((c) => [c.caseName, c.model, c.status])).toEqual([[caseName, GPT, 'queued'], [caseName, CLAUDE, 'queued']]);
    const cells = await settled(first.id);
    expect(cells.map((c) => c.status)).toEqual(['pass', 'pass']);
    expect(cells.every((c) => c.steps === 2 && c.tokens > 0 && c.changed === null)).toBe(true);

    // Each cell opens its trace through the trace view's own route.
    const trace = await h.ok('traces.get', { messageId: cells[0]!.id });
    expect(trace?.steps).toHaveLength(2);
    expect(trace?.steps[0]!.toolRuns.map((r) => r.name)).toEqual(['get_weather']);
    expect(JSON.stringify(trace)).not.toContain('sk-test-key-1234');
    const curl = await h.ok('traces.curl', { messageId: cells[0]!.id, step: 1 });
    expect(curl.curl).toContain('/v1/chat/completions');
    expect(curl.curl).not.toContain('sk-test-key-1234');
    expect((await h.ok('traces.export', { messageId: cells[0]!.id })).fileName).toMatch(/^yibu-suite-trace-/);

    // The second run: Claude now asks for London — newly failing, with expected vs actual.
    h.gateway.queue(...toolRoundTrip({ protocol: 'openai', model: GPT, call: { name: 'get_weather', input: { location: 'Paris' } }, answer: 'Mild.' }));
    h.gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, call: { name: 'get_weather', input: { location: 'London' } }, answer: 'Rain.' }));
    const second = await h.ok('suites.run', { threadId, models: [GPT, CLAUDE] });
    const again = await settled(second.id);
    const claude = again.find((c) => c.model === CLAUDE)!;
    expect(claude.status).toBe('fail');
    expect(claude.changed).toBe('newly_failing');
    expect(claude.assertions[0]).toEqual({ passed: false, expected: 'get_weather({"location":"Paris"})', actual: 'get_weather({"location":"London"})' });
    expect(again.find((c) => c.model === GPT)!.changed).toBeNull();
    // Stored: the Tests tab shows the latest run after a reload.
    const view = await h.ok('suites.get', { threadId });
    expect(view.lastRun?.id).toBe(second.id);
    expect(view.lastRun?.cells.map((c) => c.status)).toEqual(['pass', 'fail']);
  });

  it('exports a file that imports back, and refuses a bad one with its JSON pointer, keeping the old', async () => {
    const threadId = await threadWithWeatherCall();
    await h.ok('suites.saveCase', { threadId });
    const file = await h.ok('suites.export', { threadId });
    expect(file.fileName).toMatch(/\.suite\.json$/);
    const other = await h.ok('threads.create', { model: GPT });
    const imported = await h.ok('suites.import', { threadId: other.id, text: file.json });
    expect(imported).toEqual(JSON.parse(file.json));
    const bad = await h.call('suites.import', { threadId: other.id, text: JSON.stringify({ ...imported, cases: [{ name: 'x', messages: [], expect: [] }] }) });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.reason).toBe('suite_invalid');
      expect(bad.error.message).toContain('/cases/0/messages');
    }
    expect((await h.ok('suites.get', { threadId: other.id })).suite).toEqual(imported);
  });

  it('refuses to save a case whose tools are answered by hand, and to run an empty suite', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    await h.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [{ ...presetTool('get_weather'), run: { mode: 'manual' } }], toolChoice: { type: 'auto' } }, maxSteps: 8, pauseBeforeRun: false },
    });
    const empty = await h.call('suites.run', { threadId: thread.id });
    expect(!empty.ok && empty.error.reason).toBe('suite_empty');
    h.gateway.queue(...toolRoundTrip({ protocol: 'openai', model: GPT, answer: 'Hello.' }));
    const sent = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Hi' }] });
    await h.finished(sent.assistantMessage.id);
    const r = await h.call('suites.saveCase', { threadId: thread.id });
    expect(!r.ok && r.error.reason).toBe('suite_manual_tool');
  });
});

describe('a run an earlier process left unfinished', () => {
  it('ends its unsettled cells as errors when the suite is opened, so Run works again', async () => {
    const thread = await h.ok('threads.create', { model: GPT });
    const suite = await h.ok('suites.import', {
      threadId: thread.id,
      text: JSON.stringify({ version: 1, name: 's', models: [GPT], cases: [{ name: 'c', messages: ['hi'], expect: [] }] }),
    });
    // Written straight into the database the core uses, as a crash mid-run leaves it.
    const db = new Database(path.join(h.dir, 'yibu-chat.db'));
    new SuitesRepo(db).addRun(thread.id, { id: 'run-left-behind', startedAt: 1, finishedAt: null, models: [GPT], cells: cellsFor(suite, [GPT]) });
    db.close();
    const view = await h.ok('suites.get', { threadId: thread.id });
    expect(view.lastRun?.id).toBe('run-left-behind');
    expect(view.lastRun?.finishedAt).not.toBeNull();
    expect(view.lastRun?.cells.map((c) => [c.status, c.error])).toEqual([['error', 'The app stopped before this cell finished.']]);
  });
});

describe('script tools in a suite', () => {
  it('run in the sandbox, and their result goes back to the model', async () => {
    const gateway = await startGateway({ demo: false });
    try {
      gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, call: { name: 'add', input: { a: 2, b: 3 } }, answer: 'The sum is 5.' }));
      const suite: Suite = {
        version: 1,
        name: 'math',
        models: [CLAUDE],
        tools: [{ name: 'add', description: 'Adds', input_schema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } }, run: { mode: 'script', code: 'return { sum: input.a + input.b };' } }],
        cases: [{ name: 'adds', messages: ['2 + 3?'], expect: [{ toolCalled: { name: 'add', input: { a: 2 } } }, { noToolErrors: true }, { textMatches: 'sum is \\d' }, { maxSteps: 2 }] }],
      };
      const target = { baseUrl: gateway.url, apiKey: 'sk-test-key-1234', authStyle: 'x-api-key' as const, fetch: globalThis.fetch };
      const [out] = await runSuite(suite, { target, redactor: new Redactor(), prices: { 'claude-sonnet-4': { input: 3, output: 15 } } });
      expect(out!.cell.status).toBe('pass');
      expect(out!.cell.cost).toBeGreaterThan(0);
      const second = gateway.requests[1]!.json as { messages: Array<{ role: string; content: Array<{ type: string; content?: unknown }> }> };
      expect(second.messages.at(-1)!.content[0]).toMatchObject({ type: 'tool_result', content: '{"sum":5}' });
      expect(gateway.requests[0]!.headers['x-api-key']).toBe('sk-test-key-1234');
      expect(gateway.requests[0]!.headers['anthropic-beta']).toBeUndefined();

      // With `cache: "1h"` the same requests carry breakpoints and the beta header the API requires.
      gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, call: { name: 'add', input: { a: 2, b: 3 } }, answer: 'The sum is 5.' }));
      const [cached] = await runSuite({ ...suite, cache: '1h' }, { target, redactor: new Redactor(), prices: {} });
      expect(cached!.cell.status).toBe('pass');
      expect(gateway.requests[2]!.headers['anthropic-beta']).toContain('extended-cache-ttl');
      expect(gateway.requests[2]!.body).toContain('"cache_control"');
    } finally {
      await gateway.close();
    }
  });
});

describe('MCP servers in a suite', () => {
  const suite = {
    version: 1 as const,
    name: 'mcp',
    models: [GPT],
    tools: [],
    mcpServers: { files: { command: 'node', args: ['server.js'] } },
    cases: [{ name: 'reads', messages: ['Read a.txt'], expect: [{ toolCalled: { name: 'read_file', input: { path: 'a.txt' } } }, { textMatches: 'hello' }] }],
  };

  it('errors each cell with "MCP servers are not available" when no hook is given, sending nothing', async () => {
    const gateway = await startGateway({ demo: false });
    try {
      const target = { baseUrl: gateway.url, apiKey: 'sk-test-key-1234', authStyle: 'bearer' as const, fetch: globalThis.fetch };
      const [out] = await runSuite(suite, { target, redactor: new Redactor(), prices: {} });
      expect(out!.cell.status).toBe('error');
      expect(out!.cell.error).toBe('MCP servers are not available');
      expect(gateway.requests).toHaveLength(0);
    } finally {
      await gateway.close();
    }
  });

  it('calls the tools the hook lists, with the model\'s input, and closes the session', async () => {
    const gateway = await startGateway({ demo: false });
    try {
      gateway.queue(...toolRoundTrip({ protocol: 'openai', model: GPT, call: { name: 'read_file', input: { path: 'a.txt' } }, answer: 'It says hello.' }));
      const calls: unknown[] = [];
      let closed = 0;
      const mcp = {
        connect: async (servers: Record<string, unknown>) => {
          expect(Object.keys(servers)).toEqual(['files']);
          return {
            tools: [{ name: 'read_file', description: 'Reads a file', inputSchema: { type: 'object', properties: { path: { type: 'string' } } }, run: { mode: 'manual' as const } }],
            execute: async (name: string, input: unknown) => (calls.push([name, input]), { content: 'hello', isError: false }),
            close: async () => void closed++,
          };
        },
      };
      const target = { baseUrl: gateway.url, apiKey: 'sk-test-key-1234', authStyle: 'bearer' as const, fetch: globalThis.fetch };
      const [out] = await runSuite(suite, { target, redactor: new Redactor(), prices: {}, mcp });
      expect(out!.cell.status).toBe('pass');
      expect(calls).toEqual([['read_file', { path: 'a.txt' }]]);
      expect(closed).toBe(1);
      const second = gateway.requests[1]!.json as { messages: Array<{ role: string; content: unknown }> };
      expect(second.messages.at(-1)).toMatchObject({ role: 'tool', content: 'hello' });
    } finally {
      await gateway.close();
    }
  });
});
