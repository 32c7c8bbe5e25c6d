// `npm run suite` as CI runs it: the BUILT CLI (dist/electron/suite-cli.cjs, what electron/scripts/suite.mjs
// starts) against the mock gateway scripted per model to call tools. Exit 0 when every assertion passed,
// 1 naming the failing assertion with expected and actual, 2 for a bad file or an unreachable gateway;
// the --out JSON shape; and the canary key in no output.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, toolRoundTrip, type Gateway } from '../fixtures/gateway';

const ROOT = path.resolve(__dirname, '../..');
const CLI = path.join(ROOT, 'dist/electron/suite-cli.cjs');
const CANARY = 'sk-canary-suite-7f3a9b2c4d5e6f70';
const GPT = 'gpt-4o-mini';
const CLAUDE = 'claude-sonnet-4-20250514';

let gateway: Gateway;
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error('run `npm run build` first');
  gateway = await startGateway({ acceptKeys: [CANARY] });
  dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-suite-cli-'));
});
afterAll(async () => {
  await gateway.close();
  rmSync(dir, { recursive: true, force: true });
});
beforeEach(() => gateway.clearRequests());

const weatherTool = {
  name: 'get_weather',
  description: 'Current weather for a city',
  input_schema: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  run: { mode: 'mock', result: '{"city": "{{input.city}}", "temp_c": 21}' },
};

function suiteFile(name: string, suite: unknown): string {
  const file = path.join(dir, name);
  writeFileSync(file, typeof suite === 'string' ? suite : JSON.stringify(suite));
  return file;
}

function cli(args: string[], env: Record<string, string> = { YIBU_API_KEY: CANARY }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'YIBU_API_KEY')) as Record<string, string>;
    const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const weatherCase = (expect: unknown[]) => ({ name: 'weather in Paris', messages: ['What is the weather in Paris?'], expect });

describe('npm run suite', () => {
  it('exits 0 when every assertion passes on both models, and writes the results JSON', async () => {
    for (const [protocol, model] of [['openai', GPT], ['anthropic', CLAUDE]] as const) {
      gateway.queue(...toolRoundTrip({ protocol, model, call: { name: 'get_weather', input: { city: 'Paris' } }, answer: 'It is 21°C in Paris.' }));
    }
    const file = suiteFile('pass.json', {
      version: 1,
      name: 'weather',
      models: [GPT, CLAUDE],
      tools: [weatherTool],
      cases: [weatherCase([{ toolCalled: { name: 'get_weather', input: { city: 'Paris' } } }, { firstToolCalled: 'get_weather' }, { toolNotCalled: 'book' }, { textMatches: '21°C' }, { noToolErrors: true }, { maxSteps: 2 }])],
    });
    const out = path.join(dir, 'results.json');
    const r = await cli([file, '--base-url', gateway.url, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/weather in Paris\s+✓ pass 6\/6 · 2 steps/);
    const json = JSON.parse(readFileSync(out, 'utf8')) as { cases: Array<Record<string, unknown>> };
    expect(json.cases).toHaveLength(2);
    expect(json.cases.map((c) => [c.name, c.model, c.passed])).toEqual([['weather in Paris', GPT, true], ['weather in Paris', CLAUDE, true]]);
    for (const c of json.cases) {
      expect(c).toMatchObject({ steps: 2, tokens: 80 });
      expect(typeof c.ms).toBe('number');
      expect(c.assertions).toHaveLength(6);
      expect((c.assertions as unknown[])[0]).toEqual({ passed: true, expected: 'get_weather({"city":"Paris"})', actual: 'get_weather({"city":"Paris"})' });
    }
    // The tool result reached the model's second request, in each protocol's shape.
    const bodies = gateway.requests.map((q) => q.body);
    expect(bodies.filter((b) => b.includes('"temp_c\\": 21') || b.includes('\\"temp_c\\": 21'))).toHaveLength(2);
    // The key went to the gateway, and nowhere else.
    expect(gateway.requests.every((q) => JSON.stringify(q.headers).includes(CANARY))).toBe(true);
    for (const text of [r.stdout, r.stderr, readFileSync(out, 'utf8')]) expect(text).not.toContain(CANARY);
  });

  it('exits 1 naming the failing assertion with expected and actual', async () => {
    gateway.queue(...toolRoundTrip({ protocol: 'openai', model: GPT, call: { name: 'get_weather', input: { city: 'London' } }, answer: 'Rainy in London.' }));
    const file = suiteFile('fail.json', {
      version: 1,
      name: 'weather',
      models: [GPT],
      tools: [weatherTool],
      cases: [weatherCase([{ toolCalled: { name: 'get_weather', input: { city: 'Paris' } } }, { noToolErrors: true }])],
    });
    const out = path.join(dir, 'fail-results.json');
    const r = await cli([file, '--base-url', gateway.url, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('✗ weather in Paris × gpt-4o-mini');
    expect(r.stdout).toContain('toolCalled get_weather {"city":"Paris"}: expected get_weather({"city":"Paris"}), actual get_weather({"city":"London"})');
    expect(r.stdout).not.toContain('noToolErrors:');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { cases: Array<{ passed: boolean; assertions: Array<{ passed: boolean }> }> };
    expect(json.cases[0]!.passed).toBe(false);
    expect(json.cases[0]!.assertions.map((a) => a.passed)).toEqual([false, true]);
  });

  it('a suite that names an MCP server runs its tools in CI: the model calls it, the result reaches the next request', async () => {
    gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, call: { name: 'weather', input: { city: 'Oslo' } }, answer: 'Sunny in Oslo.' }));
    // node with tsx's loader by absolute URL: the CLI runs in a temp folder, where `--import tsx` resolves nothing
    const tsx = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/esm/index.mjs')).href;
    const file = suiteFile('mcp.json', {
      version: 1,
      name: 'mcp weather',
      models: [CLAUDE],
      tools: [],
      mcpServers: { city: { command: process.execPath, args: ['--import', tsx, path.join(ROOT, 'tests/fixtures/mcp/server.ts')] } },
      cases: [{ name: 'Oslo', messages: ['Weather in Oslo?'], expect: [{ toolCalled: { name: 'weather', input: { city: 'Oslo' } } }, { noToolErrors: true }, { textMatches: 'Sunny' }] }],
    });
    const r = await cli([file, '--base-url', gateway.url]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [first, second] = gateway.requests.map((q) => JSON.parse(q.body) as { tools?: Array<{ name: string }>; messages: unknown[] });
    expect(first!.tools?.map((t) => t.name)).toContain('weather');
    // What the MCP server answered is what the model got back, as a tool_result.
    expect(JSON.stringify(second!.messages)).toContain('Sunny in Oslo, 21°C');
  });

  it('--model replaces the suite models', async () => {
    gateway.queue(...toolRoundTrip({ protocol: 'openai', model: 'deepseek-chat', answer: 'No tools needed.' }));
    const file = suiteFile('model.json', { version: 1, name: 'plain', models: [GPT], cases: [{ name: 'hello', messages: ['hi'], expect: [{ toolNotCalled: 'get_weather' }] }] });
    const r = await cli([file, '--base-url', gateway.url, '--model', 'deepseek-chat']);
    expect(r.code).toBe(0);
    expect(gateway.requests.map((q) => (q.json as { model: string }).model)).toEqual(['deepseek-chat']);
  });

  it('--auth x-api-key sends the key in that header alone on Anthropic requests', async () => {
    gateway.queue(...toolRoundTrip({ protocol: 'anthropic', model: CLAUDE, answer: 'Hello.' }));
    const file = suiteFile('auth.json', { version: 1, name: 'plain', models: [CLAUDE], cases: [{ name: 'hello', messages: ['hi'], expect: [{ textMatches: 'Hello' }] }] });
    const r = await cli([file, '--base-url', gateway.url, '--auth', 'x-api-key']);
    expect(r.code).toBe(0);
    expect(gateway.requests[0]!.headers['x-api-key']).toBe(CANARY);
    expect(gateway.requests[0]!.headers.authorization).toBeUndefined();
    expect((await cli([file, '--base-url', gateway.url, '--auth', 'cookie'])).stderr).toMatch(/--auth must be/);
  });

  it('exits 2 on a bad file, with the JSON pointer of each problem, and sends nothing', async () => {
    const file = suiteFile('bad.json', { version: 1, name: 'x', models: [GPT], tools: [{ ...weatherTool, run: { mode: 'manual' } }], cases: [{ name: 'c', messages: ['hi'], expect: [{ maxSteps: 'two' }] }] });
    const r = await cli([file, '--base-url', gateway.url]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('/tools/0/run/mode');
    expect(r.stderr).toContain('/cases/0/expect/0/maxSteps');
    const notJson = await cli([suiteFile('broken.json', '{"version": 1'), '--base-url', gateway.url]);
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/not valid JSON/);
    expect(gateway.requests).toHaveLength(0);
  });

  it('exits 2 on usage errors: no key, no base URL, a missing file', async () => {
    const file = suiteFile('ok.json', { version: 1, name: 'x', models: [GPT], cases: [] });
    expect((await cli([file, '--base-url', gateway.url], {})).stderr).toMatch(/YIBU_API_KEY/);
    expect((await cli([file], { YIBU_API_KEY: CANARY })).code).toBe(2);
    const noProfile = await cli([file, '--base-url', gateway.url, '--profile', 'Work', '--data-dir', mkdtempSync(path.join(dir, 'empty-'))], {});
    expect(noProfile.code).toBe(2);
    expect(noProfile.stderr).toMatch(/no app data .* to find the profile "Work"/);
    const missing = await cli([path.join(dir, 'nope.json'), '--base-url', gateway.url]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  it('exits 2 when the gateway cannot be reached, without printing the key', async () => {
    // A port that was just free: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const s = http.createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const file = suiteFile('unreachable.json', { version: 1, name: 'x', models: [GPT], cases: [{ name: 'c', messages: ['hi'], expect: [] }] });
    const r = await cli([file, '--base-url', `http://127.0.0.1:${port}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/could not reach/);
    expect(r.stdout + r.stderr).not.toContain(CANARY);
  });
});
