import { afterAll, describe, expect, it } from 'vitest';
import { createToolExecutor, executeTool, manualSkeleton } from '../../../electron/tools/executor';
import { presetTool } from '../../../electron/tools/presets';
import { Sandbox } from '../../../electron/tools/sandbox';
import type { ToolDefinition } from '../../../electron/tools/schema';
import { renderTemplate } from '../../../electron/tools/template';

const sandbox = new Sandbox();
const runScript = sandbox.run.bind(sandbox);
afterAll(() => sandbox.dispose());

const scriptTool = (code: string, extra: { timeoutMs?: number } = {}): ToolDefinition => ({
  name: 's',
  description: '',
  inputSchema: { type: 'object' },
  run: { mode: 'script', code, ...extra },
});

describe('mock templates', () => {
  it('substitutes input fields, JSON-escaped inside JSON strings', () => {
    const out = renderTemplate('{"city": "{{input.location}}", "n": {{ input.n }}, "tags": {{input.tags}}}', {
      location: 'Paris "Nord"\n',
      n: 3,
      tags: ['a'],
    });
    expect(JSON.parse(out)).toEqual({ city: 'Paris "Nord"\n', n: 3, tags: ['a'] });
  });

  it('writes missing values as null (JSON value) or empty (in a string or text)', () => {
    expect(JSON.parse(renderTemplate('{"a": {{input.x}}, "b": "{{input.y}}"}', {}))).toEqual({ a: null, b: '' });
    expect(renderTemplate('Hello {{input.who}}!', {})).toBe('Hello !');
  });

  it('in text templates, inserts strings as they are and other values as JSON', () => {
    expect(renderTemplate('{{input.s}} / {{input.o}} / {{input.list[1]}} / {{input.o.k}}', { s: 'a "b"', o: { k: 1 }, list: [1, 2] })).toBe(
      'a "b" / {"k":1} / 2 / 1',
    );
  });

  it('keeps escapes in the template and placeholders it does not know', () => {
    expect(renderTemplate('{"q": "say \\"{{input.w}}\\"", "x": "{{other}}"}', { w: 'hi' })).toBe('{"q": "say \\"hi\\"", "x": "{{other}}"}');
  });
});

describe('executeTool', () => {
  it('mock: renders the template (get_weather preset)', async () => {
    const r = await executeTool(presetTool('get_weather'), { location: 'San Francisco, CA' });
    expect(r).toMatchObject({ status: 'done', isError: false });
    if (r.status !== 'done') return;
    expect(JSON.parse(r.content)).toMatchObject({ location: 'San Francisco, CA', unit: 'celsius' });
    expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('mock: an error result', async () => {
    const def: ToolDefinition = { ...scriptTool(''), run: { mode: 'mock', result: 'quota exceeded', isError: true } };
    expect(await executeTool(def, {})).toMatchObject({ status: 'error', content: 'quota exceeded', isError: true });
  });

  it('script: a string as is, anything else as JSON, with logs', async () => {
    expect(await executeTool(scriptTool('return "hi " + input.n', {}), { n: 1 }, { runScript })).toMatchObject({
      status: 'done',
      content: 'hi 1',
      isError: false,
    });
    const r = await executeTool(scriptTool('console.log("x"); return { n: input.n * 2 }'), { n: 2 }, { runScript });
    expect(r).toMatchObject({ status: 'done', content: '{"n":4}', isError: false, logs: ['x'] });
  });

  it('script: errors and timeouts become is_error results with the message', async () => {
    expect(await executeTool(scriptTool('throw new Error("no such city")'), {}, { runScript })).toMatchObject({
      status: 'error',
      isError: true,
      content: 'Error: no such city',
    });
    const slow = await executeTool(scriptTool('while (true) {}', { timeoutMs: 100 }), {}, { runScript });
    expect(slow).toMatchObject({ status: 'error', isError: true, content: expect.stringContaining('100 ms') });
  });

  it('script: aborted', async () => {
    const ac = new AbortController();
    const p = executeTool(scriptTool('while (true) {}', { timeoutMs: 10_000 }), {}, { runScript, signal: ac.signal });
    setTimeout(() => ac.abort(), 30);
    expect(await p).toMatchObject({ status: 'aborted', isError: true });
  });

  it('manual: waits, with a skeleton for the result editor', async () => {
    const def: ToolDefinition = { ...scriptTool(''), run: { mode: 'manual' } };
    const r = await executeTool(def, {});
    expect(r).toEqual({ status: 'waiting', skeleton: manualSkeleton(def) });
    expect(JSON.parse(manualSkeleton(def))).toEqual({ result: '' });
    expect(JSON.parse(manualSkeleton(presetTool('get_weather'), { location: 'Oslo' }))).toMatchObject({ location: 'Oslo' });
  });
});

describe('script presets', () => {
  const calc = (expression: string) => executeTool(presetTool('calculator'), { expression }, { runScript });

  it('calculator evaluates arithmetic', async () => {
    const cases: [string, number][] = [
      ['1 + 2 * 3', 7],
      ['(1 + 2) * 3', 9],
      ['-2 ^ 2', -4],
      ['2 ** 3 ** 2', 512],
      ['10 % 4 + .5', 2.5],
      ['sqrt(16) + abs(-1) + pi - pi', 5],
      ['1e3 / 8', 125],
    ];
    for (const [expression, result] of cases) {
      const r = await calc(expression);
      expect(r).toMatchObject({ status: 'done' });
      if (r.status === 'done') expect(JSON.parse(r.content)).toEqual({ expression, result });
    }
  });

  it('calculator rejects anything that is not arithmetic, without running it', async () => {
    for (const expression of ['globalThis.x = 1', 'constructor', '1 / 0', '(1 + 2', '2 +', 'alert(1)', '']) {
      expect(await calc(expression)).toMatchObject({ status: 'error', isError: true });
    }
  });

  it('current_time answers in UTC, or at a fixed offset', async () => {
    const utc = await executeTool(presetTool('current_time'), {}, { runScript });
    expect(utc.status).toBe('done');
    if (utc.status !== 'done') return;
    const v = JSON.parse(utc.content) as { utc: string; timezone: string };
    expect(v.timezone).toBe('UTC');
    expect(Number.isNaN(Date.parse(v.utc))).toBe(false);

    const r = await executeTool(presetTool('current_time'), { timezone: '+08:00' }, { runScript });
    if (r.status !== 'done') throw new Error(JSON.stringify(r));
    const o = JSON.parse(r.content) as { utc: string; local: string };
    expect(o.local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/);
    expect(Date.parse(o.local)).toBe(Math.floor(Date.parse(o.utc) / 1000) * 1000);

    const named = await executeTool(presetTool('current_time'), { timezone: 'Asia/Tokyo' }, { runScript });
    if (named.status !== 'done') throw new Error(JSON.stringify(named));
    expect(JSON.parse(named.content)).toMatchObject({ timezone: 'UTC', note: expect.stringContaining('Asia/Tokyo') });
  });
});

describe('createToolExecutor', () => {
  const tools = [presetTool('get_weather'), { ...scriptTool(''), name: 'ask', run: { mode: 'manual' as const } }];
  const signal = new AbortController().signal;

  it('runs by name, asks the user for manual tools, and answers unknown names with an error', async () => {
    const asked: string[] = [];
    const execute = createToolExecutor(tools, {
      runScript,
      askResult: async (call, skeleton) => (asked.push(`${call.name}:${skeleton}`), { content: 'from user', isError: false }),
    });
    const w = await execute({ id: 't1', name: 'get_weather', input: { location: 'Rome' }, step: 1 }, { signal });
    expect(JSON.parse(w.content)).toMatchObject({ location: 'Rome' });
    expect(await execute({ id: 't2', name: 'ask', input: {}, step: 1 }, { signal })).toMatchObject({ content: 'from user', isError: false });
    expect(asked).toEqual([`ask:${JSON.stringify({ result: '' }, null, 2)}`]);
    expect(await execute({ id: 't3', name: 'nope', input: {}, step: 1 }, { signal })).toMatchObject({ isError: true });
  });
});
