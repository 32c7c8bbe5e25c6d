import { describe, expect, it } from 'vitest';
import {
  PRESET_NAMES,
  exportToolSet,
  importToolSet,
  presetTool,
  toAnthropicToolChoice,
  toAnthropicTools,
  toOpenAIToolChoice,
  toOpenAITools,
  validateToolDefinition,
  validateToolInput,
  validateToolSet,
  type CheckResult,
  type ToolDefinition,
  type ToolSet,
} from '../../../electron/tools/definitions';

const weather = () => presetTool('get_weather');
const tool = (over: Partial<ToolDefinition> = {}): ToolDefinition => ({
  name: 'lookup',
  description: 'Look something up',
  inputSchema: { type: 'object', properties: { q: { type: 'string' } }, required: ['q'] },
  run: { mode: 'manual' },
  ...over,
});

function errorsOf(r: CheckResult) {
  expect(r.ok).toBe(false);
  return r.ok ? [] : r.errors;
}

describe('validateToolDefinition', () => {
  it('accepts a good definition', () => {
    expect(validateToolDefinition(tool())).toEqual({ ok: true, warnings: [] });
  });

  it.each(['', 'has space', 'dot.name', 'x'.repeat(65), 'ünïcode'])('flags the name %j', (name) => {
    expect(errorsOf(validateToolDefinition(tool({ name })))).toEqual([
      expect.objectContaining({ path: '/name', message: expect.stringContaining('^[a-zA-Z0-9_-]{1,64}$') }),
    ]);
  });

  it('accepts names at the edges of the rule', () => {
    expect(validateToolDefinition(tool({ name: 'a' })).ok).toBe(true);
    expect(validateToolDefinition(tool({ name: 'A_b-9'.padEnd(64, 'z') })).ok).toBe(true);
  });

  it('flags an input_schema that is not valid JSON Schema', () => {
    const errors = errorsOf(
      validateToolDefinition(tool({ inputSchema: { type: 'object', properties: { q: { type: 'strin' } } } })),
    );
    expect(errors).toEqual([{ path: '/inputSchema/properties/q/type', message: expect.stringContaining('must be one of') }]);
    const badRef = errorsOf(
      validateToolDefinition(tool({ inputSchema: { type: 'object', properties: { q: { $ref: '#/$defs/nope' } } } })),
    );
    expect(badRef[0]!.message).toMatch(/resolve reference/);
    const badDraft = errorsOf(
      validateToolDefinition(tool({ inputSchema: { $schema: 'http://json-schema.org/draft-04/schema#', type: 'object' } })),
    );
    expect(badDraft).toEqual([{ path: '/inputSchema/$schema', message: expect.stringContaining('unsupported') }]);
  });

  it('flags a top-level type other than "object"', () => {
    for (const inputSchema of [{ type: 'string' }, {}, { type: ['object', 'null'] }]) {
      expect(errorsOf(validateToolDefinition(tool({ inputSchema })))).toContainEqual({
        path: '/inputSchema/type',
        message: 'the top-level "type" must be "object"',
      });
    }
  });

  it('accepts draft-07 and draft 2020-12 schemas', () => {
    const d7 = {
      $schema: 'http://json-schema.org/draft-07/schema#',
      type: 'object',
      definitions: { unit: { enum: ['c', 'f'] } },
      properties: { unit: { $ref: '#/definitions/unit' } },
    };
    const d2020 = {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      type: 'object',
      $defs: { unit: { enum: ['c', 'f'] } },
      properties: { unit: { $ref: '#/$defs/unit' }, at: { type: 'string', format: 'date-time' } },
    };
    expect(validateToolDefinition(tool({ inputSchema: d7 })).ok).toBe(true);
    expect(validateToolDefinition(tool({ inputSchema: d2020 })).ok).toBe(true);
  });

  it('warns, without rejecting, about likely typos', () => {
    const r = validateToolDefinition(
      tool({ inputSchema: { type: 'object', propertie: {}, required: ['q'], properties: { d: { type: 'string', format: 'hostname' } } } }),
    );
    expect(r.ok).toBe(true);
    const text = r.warnings.map((w) => w.message).join('\n');
    expect(text).toContain('unknown keyword: "propertie"');
    expect(text).toContain('required property "q" is not defined');
    expect(text).toContain('format "hostname" is not checked');
  });

  it('flags a description that is too long for the protocol', () => {
    const long = tool({ description: 'x'.repeat(1025) });
    expect(validateToolDefinition(long).ok).toBe(true);
    expect(errorsOf(validateToolDefinition(long, { protocol: 'openai-chat' }))).toEqual([
      { path: '/description', message: expect.stringContaining('too long') },
    ]);
    expect(errorsOf(validateToolDefinition(tool({ description: 'x'.repeat(10_001) })))[0]!.path).toBe('/description');
  });

  it('reports structural problems with their paths', () => {
    const errors = errorsOf(validateToolDefinition({ name: 'x', description: 1, inputSchema: {}, run: { mode: 'bogus' } }));
    expect(errors.map((e) => e.path).sort()).toEqual(['/description', '/run/mode']);
  });
});

describe('validateToolSet', () => {
  it('flags duplicate names', () => {
    const set: ToolSet = { tools: [tool(), weather(), tool()], toolChoice: { type: 'auto' } };
    expect(errorsOf(validateToolSet(set))).toEqual([
      { path: '/tools/2/name', message: 'duplicate tool name "lookup" (also tool 1)' },
    ]);
  });

  it('flags a named tool_choice naming a missing tool, and "any" with no tools', () => {
    expect(errorsOf(validateToolSet({ tools: [tool()], toolChoice: { type: 'tool', name: 'nope' } }))).toEqual([
      { path: '/toolChoice/name', message: expect.stringContaining('"nope"') },
    ]);
    expect(validateToolSet({ tools: [tool()], toolChoice: { type: 'tool', name: 'lookup' } }).ok).toBe(true);
    expect(errorsOf(validateToolSet({ tools: [], toolChoice: { type: 'any' } }))[0]!.path).toBe('/toolChoice/type');
  });

  it('locates a tool\'s errors under /tools/i', () => {
    const set = { tools: [tool(), tool({ name: 'bad name' })], toolChoice: { type: 'none' } };
    expect(errorsOf(validateToolSet(set))).toEqual([expect.objectContaining({ path: '/tools/1/name' })]);
  });
});

describe('validateToolInput', () => {
  it('accepts a matching input and explains a bad one', () => {
    const def = weather();
    expect(validateToolInput(def, { location: 'Paris' }).ok).toBe(true);
    expect(errorsOf(validateToolInput(def, {}))).toEqual([
      { path: '', message: "must have required property 'location'" },
    ]);
    expect(errorsOf(validateToolInput(def, { location: 3 }))).toEqual([{ path: '/location', message: 'must be string' }]);
  });

  it('reuses the compiled validator for an equal schema', () => {
    const a = weather();
    const b = weather(); // a different object with the same schema
    for (let i = 0; i < 50; i++) expect(validateToolInput(i % 2 ? a : b, { location: 'x' }).ok).toBe(true);
  });

  it('handles an edited schema that keeps its $id', () => {
    const v1 = tool({ inputSchema: { $id: 'https://example.com/t', type: 'object', properties: { a: { type: 'string' } } } });
    const v2 = tool({ inputSchema: { $id: 'https://example.com/t', type: 'object', properties: { a: { type: 'number' } } } });
    expect(validateToolInput(v1, { a: 'x' }).ok).toBe(true);
    expect(validateToolInput(v2, { a: 1 }).ok).toBe(true);
    expect(validateToolInput(v2, { a: 'x' }).ok).toBe(false);
  });
});

describe('presets', () => {
  it('are all valid, as a set too', () => {
    const tools = PRESET_NAMES.map((n) => presetTool(n));
    for (const t of tools) expect(validateToolDefinition(t)).toEqual({ ok: true, warnings: [] });
    expect(validateToolSet({ tools, toolChoice: { type: 'auto' } }).ok).toBe(true);
  });

  it('get_weather is exactly the gateway docs\' example', () => {
    expect(toAnthropicTools({ tools: [weather()] })).toEqual([
      {
        name: 'get_weather',
        description: 'Get the current weather in a given location',
        input_schema: {
          type: 'object',
          properties: { location: { type: 'string', description: 'The city and state, e.g. San Francisco, CA' } },
          required: ['location'],
        },
      },
    ]);
    expect(weather().run.mode).toBe('mock');
  });

  it('hands out copies', () => {
    const a = weather();
    a.description = 'changed';
    expect(weather().description).toBe('Get the current weather in a given location');
  });
});

describe('converters', () => {
  const set: ToolSet = { tools: [weather(), tool({ description: '' })], toolChoice: { type: 'auto' } };

  it('build OpenAI function tools', () => {
    expect(toOpenAITools(set)).toEqual([
      {
        type: 'function',
        function: {
          name: 'get_weather',
          description: 'Get the current weather in a given location',
          parameters: weather().inputSchema,
        },
      },
      { type: 'function', function: { name: 'lookup', parameters: tool().inputSchema } },
    ]);
  });

  it('map tool_choice for each API', () => {
    expect(toAnthropicToolChoice({ type: 'auto' })).toEqual({ type: 'auto' });
    expect(toAnthropicToolChoice({ type: 'any' })).toEqual({ type: 'any' });
    expect(toAnthropicToolChoice({ type: 'none' })).toEqual({ type: 'none' });
    expect(toAnthropicToolChoice({ type: 'tool', name: 'x' })).toEqual({ type: 'tool', name: 'x' });
    expect(toOpenAIToolChoice({ type: 'auto' })).toBe('auto');
    expect(toOpenAIToolChoice({ type: 'any' })).toBe('required');
    expect(toOpenAIToolChoice({ type: 'none' })).toBe('none');
    expect(toOpenAIToolChoice({ type: 'tool', name: 'x' })).toEqual({ type: 'function', function: { name: 'x' } });
  });
});

describe('import / export', () => {
  const set: ToolSet = {
    tools: [weather(), presetTool('calculator'), tool({ run: { mode: 'mock', result: 'ok', isError: true } })],
    toolChoice: { type: 'tool', name: 'calculator' },
  };

  it('round-trips our export', () => {
    const text = exportToolSet(set);
    expect(text).toContain('\n  "tools": [');
    const r = importToolSet(text);
    expect(r).toMatchObject({ ok: true, source: 'yibu' });
    if (r.ok) expect(r.set).toEqual(set);
    if (r.ok) expect(exportToolSet(r.set)).toBe(text);
  });

  it('imports the raw Anthropic tools array, as manual tools', () => {
    const r = importToolSet(JSON.stringify(toAnthropicTools(set)));
    expect(r).toMatchObject({ ok: true, source: 'anthropic' });
    if (!r.ok) return;
    expect(r.set.tools.map((t) => t.name)).toEqual(['get_weather', 'calculator', 'lookup']);
    expect(r.set.tools[0]).toEqual({ ...weather(), run: { mode: 'manual' } });
    expect(r.set.toolChoice).toEqual({ type: 'auto' });
  });

  it('imports the OpenAI tools array, including a function without parameters', () => {
    const tools = [...toOpenAITools(set), { type: 'function', function: { name: 'ping' } }];
    const r = importToolSet(JSON.stringify(tools));
    expect(r).toMatchObject({ ok: true, source: 'openai' });
    if (!r.ok) return;
    expect(r.set.tools[0]).toEqual({ ...weather(), run: { mode: 'manual' } });
    expect(r.set.tools[3]).toEqual({ name: 'ping', description: '', inputSchema: { type: 'object', properties: {} }, run: { mode: 'manual' } });
  });

  it('imports a request body with its tool_choice', () => {
    const anthropicBody = { model: 'claude-sonnet-4-20250514', tools: toAnthropicTools(set), tool_choice: { type: 'any' } };
    expect(importToolSet(JSON.stringify(anthropicBody))).toMatchObject({ ok: true, set: { toolChoice: { type: 'any' } } });
    const openaiBody = { tools: toOpenAITools(set), tool_choice: { type: 'function', function: { name: 'lookup' } } };
    expect(importToolSet(JSON.stringify(openaiBody))).toMatchObject({
      ok: true,
      set: { toolChoice: { type: 'tool', name: 'lookup' } },
    });
  });

  it('rejects bad JSON, unknown shapes, server tools and invalid tools', () => {
    expect(importToolSet('{nope')).toMatchObject({ ok: false, errors: [{ message: expect.stringContaining('not valid JSON') }] });
    expect(importToolSet('[{"foo": 1}]')).toMatchObject({ ok: false, errors: [{ path: '/0' }] });
    expect(importToolSet('[{"type": "web_search_20250305", "name": "web_search", "input_schema": {}}]')).toMatchObject({
      ok: false,
    });
    const dup = importToolSet(JSON.stringify([...toAnthropicTools(set), toAnthropicTools(set)[0]]));
    expect(dup).toMatchObject({ ok: false, errors: [{ path: '/tools/3/name' }] });
    expect(importToolSet('42')).toMatchObject({ ok: false });
  });
});
