// The suite file format: what a valid file looks like, and that a bad one is refused with every problem
// located by a JSON pointer (the CLI prints these; the Tests tab's import shows them).
import { describe, expect, it } from 'vitest';
import { changeSince, parseSuite } from '../../../shared/suite';

const valid = {
  version: 1,
  name: 'weather',
  models: ['gpt-4o-mini'],
  tools: [{ name: 'get_weather', input_schema: { type: 'object' }, run: { mode: 'mock', result: '{}' } }],
  mcpServers: { files: { command: 'node', args: ['server.js'], env: { A: '1' } }, remote: { url: 'https://example.com/mcp' } },
  cases: [
    { name: 'a', messages: ['hi', { role: 'user', content: [{ type: 'text', text: 'there' }] }], expect: [{ toolCalled: { name: 'get_weather' } }, { noToolErrors: true }] },
  ],
};

describe('parseSuite', () => {
  it('accepts a full file, keeping mcpServers and defaulting descriptions', () => {
    const r = parseSuite(JSON.stringify(valid));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.suite.tools[0]!.description).toBe('');
    expect(r.suite.mcpServers?.files).toEqual({ command: 'node', args: ['server.js'], env: { A: '1' } });
  });

  it('points at each bad part', () => {
    const bad = {
      ...valid,
      version: 2,
      tools: [{ name: 'bad name', input_schema: {}, run: { mode: 'manual' } }],
      cases: [{ name: 'a', messages: [], expect: [{ toolCalled: 5 }, { maxSteps: -1 }, { unknownKind: 1 }] }],
    };
    const r = parseSuite(JSON.stringify(bad));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    for (const p of ['/version', '/tools/0/name', '/tools/0/run/mode', '/cases/0/messages', '/cases/0/expect/0/toolCalled', '/cases/0/expect/1/maxSteps', '/cases/0/expect/2']) expect(paths).toContain(p);
    expect(r.errors.find((e) => e.path === '/tools/0/run/mode')!.message).toMatch(/manual tools need a person/);
  });

  it('refuses text that is not JSON, and duplicate case names', () => {
    const r = parseSuite('{"version": 1,');
    expect(r).toEqual({ ok: false, errors: [{ path: '', message: expect.stringMatching(/not valid JSON/) }] });
    const dup = parseSuite(JSON.stringify({ ...valid, cases: [valid.cases[0], valid.cases[0]] }));
    expect(dup).toEqual({ ok: false, errors: [{ path: '/cases/1/name', message: 'another case is already named "a"' }] });
  });
});

it('says what changed since the last run', () => {
  expect(changeSince('pass', 'fail')).toBe('newly_failing');
  expect(changeSince('error', 'pass')).toBe('newly_passing');
  expect(changeSince('pass', 'pass')).toBeNull();
  expect(changeSince(undefined, 'fail')).toBeNull();
  expect(changeSince('fail', 'error')).toBeNull();
});
