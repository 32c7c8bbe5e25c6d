// Tool sets in and out: our own export format, the raw Anthropic `tools` array, the OpenAI function-calling
// `tools` array (or a request body carrying either, with its tool_choice), and the converters the HTTP side
// uses to build requests.
import { ToolSet, pointer, type Issue, type ToolChoice } from './schema';
import { validateToolSet, type ValidateOptions } from './validation';

export interface AnthropicTool {
  name: string;
  description?: string;
  input_schema: Record<string, unknown>;
}
export type AnthropicToolChoice = { type: 'auto' | 'any' | 'none' } | { type: 'tool'; name: string };
export interface OpenAITool {
  type: 'function';
  function: { name: string; description?: string; parameters: Record<string, unknown> };
}
export type OpenAIToolChoice = 'auto' | 'required' | 'none' | { type: 'function'; function: { name: string } };

export const EXPORT_FORMAT = 'yibu-tool-set';

export function toAnthropicTools(set: Pick<ToolSet, 'tools'>): AnthropicTool[] {
  return set.tools.map((t) => ({
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    input_schema: structuredClone(t.inputSchema),
  }));
}

export function toOpenAITools(set: Pick<ToolSet, 'tools'>): OpenAITool[] {
  return set.tools.map((t) => ({
    type: 'function',
    function: {
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      parameters: structuredClone(t.inputSchema),
    },
  }));
}

export function toAnthropicToolChoice(choice: ToolChoice): AnthropicToolChoice {
  return choice.type === 'tool' ? { type: 'tool', name: choice.name } : { type: choice.type };
}

export function toOpenAIToolChoice(choice: ToolChoice): OpenAIToolChoice {
  switch (choice.type) {
    case 'auto':
      return 'auto';
    case 'any':
      return 'required';
    case 'none':
      return 'none';
    case 'tool':
      return { type: 'function', function: { name: choice.name } };
  }
}

/** Pretty JSON in our format; `importToolSet` reads it back unchanged. */
export function exportToolSet(set: ToolSet): string {
  return JSON.stringify({ format: EXPORT_FORMAT, version: 1, tools: set.tools, toolChoice: set.toolChoice }, null, 2);
}

export type ImportSource = 'yibu' | 'anthropic' | 'openai';
export type ImportResult =
  | { ok: true; set: ToolSet; source: ImportSource; warnings: Issue[] }
  | { ok: false; errors: Issue[] };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One imported tool, whatever its shape; tools from the APIs' shapes start in manual mode. */
function readTool(item: unknown, at: (string | number)[]): { def: unknown; source: ImportSource } | Issue {
  if (isObj(item) && ('run' in item || 'inputSchema' in item)) {
    return { def: { run: { mode: 'manual' }, description: '', ...item }, source: 'yibu' };
  }
  if (isObj(item) && item.type === 'function' && isObj(item.function)) {
    const f = item.function;
    const def = {
      name: f.name,
      description: f.description ?? '',
      inputSchema: f.parameters ?? { type: 'object', properties: {} },
      run: { mode: 'manual' },
    };
    return { def, source: 'openai' };
  }
  if (isObj(item) && 'input_schema' in item) {
    if (item.type !== undefined && item.type !== 'custom') {
      return { path: pointer(at), message: `server tools (type "${String(item.type)}") cannot run in the playground` };
    }
    const def = { name: item.name, description: item.description ?? '', inputSchema: item.input_schema, run: { mode: 'manual' } };
    return { def, source: 'anthropic' };
  }
  return {
    path: pointer(at),
    message: 'not a tool: expected {name, description, input_schema} or {type: "function", function: {name, parameters}}',
  };
}

function readChoice(raw: unknown): ToolChoice | Issue {
  if (raw === undefined) return { type: 'auto' };
  if (raw === 'auto' || raw === 'none') return { type: raw };
  if (raw === 'required') return { type: 'any' };
  if (isObj(raw)) {
    if (raw.type === 'function' && isObj(raw.function) && typeof raw.function.name === 'string') {
      return { type: 'tool', name: raw.function.name };
    }
    if (raw.type === 'tool' && typeof raw.name === 'string') return { type: 'tool', name: raw.name };
    if (raw.type === 'auto' || raw.type === 'any' || raw.type === 'none') return { type: raw.type };
  }
  return { path: '/tool_choice', message: 'not a tool_choice this playground understands' };
}

/**
 * Reads a tool set from JSON text: our export, an Anthropic or OpenAI `tools` array, a single tool, or an
 * object with `tools` (and `tool_choice` / `toolChoice`), e.g. a whole request body. The result is
 * validated like the editor does; any error rejects the import.
 */
export function importToolSet(json: string, opts: ValidateOptions = {}): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  let items: unknown[];
  let base: string[];
  let rawChoice: unknown;
  if (Array.isArray(data)) {
    [items, base, rawChoice] = [data, [], undefined];
  } else if (isObj(data) && Array.isArray(data.tools)) {
    [items, base, rawChoice] = [data.tools, ['tools'], data.toolChoice ?? data.tool_choice];
  } else if (isObj(data)) {
    [items, base, rawChoice] = [[data], [], undefined];
  } else {
    return { ok: false, errors: [{ path: '', message: 'expected a tool set, a tools array or a tool' }] };
  }

  const errors: Issue[] = [];
  const defs: unknown[] = [];
  const sources = new Set<ImportSource>();
  items.forEach((item, i) => {
    const r = readTool(item, base.length ? [...base, i] : Array.isArray(data) ? [i] : []);
    if ('message' in r) errors.push(r);
    else {
      defs.push(r.def);
      sources.add(r.source);
    }
  });
  const choice = readChoice(rawChoice);
  if ('message' in choice) errors.push(choice);
  if (errors.length) return { ok: false, errors };

  const candidate = { tools: defs, toolChoice: choice };
  const checked = validateToolSet(candidate, opts);
  if (!checked.ok) return { ok: false, errors: checked.errors };
  const source: ImportSource = sources.has('yibu') ? 'yibu' : sources.has('openai') ? 'openai' : 'anthropic';
  // validateToolSet parsed the same value, so this cannot throw; parsing also drops unknown keys.
  return { ok: true, set: ToolSet.parse(candidate), source, warnings: checked.warnings };
}
