// What the editor flags before a tool set is sent: names the APIs would reject, duplicate names, schemas
// that are not valid JSON Schema or not of type "object", descriptions too long, a named tool_choice
// naming a missing tool. And the check of a model's tool input against the tool's schema.
import type { Protocol } from '../../shared/domain';
import { checkInputSchema, checkValue } from './json-schema';
import {
  TOOL_NAME_PATTERN,
  ToolDefinition,
  ToolSet,
  pointer,
  zodIssues,
  type CheckResult,
  type Issue,
} from './schema';

/**
 * OpenAI rejects function descriptions over 1024 characters on many models and gateways; Anthropic
 * documents no limit, so it gets a sanity cap only.
 */
export const DESCRIPTION_LIMITS: Record<Protocol, number> = {
  'openai-chat': 1024,
  'anthropic-messages': 10_000,
};

export interface ValidateOptions {
  /** the thread's protocol; decides the description limit (default: the anthropic-messages one) */
  protocol?: Protocol;
  maxDescriptionLength?: number;
}

function result(errors: Issue[], warnings: Issue[]): CheckResult {
  return errors.length ? { ok: false, errors, warnings } : { ok: true, warnings };
}

function checkDefinition(def: ToolDefinition, base: (string | number)[], opts: ValidateOptions) {
  const errors: Issue[] = [];
  if (!TOOL_NAME_PATTERN.test(def.name)) {
    errors.push({
      path: pointer([...base, 'name']),
      message: 'a tool name must be 1–64 characters: letters, digits, "_" or "-" (^[a-zA-Z0-9_-]{1,64}$)',
    });
  }
  const limit = opts.maxDescriptionLength ?? DESCRIPTION_LIMITS[opts.protocol ?? 'anthropic-messages'];
  if (def.description.length > limit) {
    errors.push({
      path: pointer([...base, 'description']),
      message: `the description is too long (${def.description.length} characters, at most ${limit})`,
    });
  }
  const schema = checkInputSchema(def.inputSchema, [...base, 'inputSchema']);
  if (!schema.ok) errors.push(...schema.errors);
  return { errors, warnings: schema.warnings };
}

/** Checks one tool definition (any value: the editor's parsed JSON). */
export function validateToolDefinition(def: unknown, opts: ValidateOptions = {}): CheckResult {
  const parsed = ToolDefinition.safeParse(def);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error), warnings: [] };
  const { errors, warnings } = checkDefinition(parsed.data, [], opts);
  return result(errors, warnings);
}

/** Checks a whole tool set: every tool, names unique, tool_choice consistent with the tools. */
export function validateToolSet(set: unknown, opts: ValidateOptions = {}): CheckResult {
  const parsed = ToolSet.safeParse(set);
  if (!parsed.success) return { ok: false, errors: zodIssues(parsed.error), warnings: [] };
  const { tools, toolChoice } = parsed.data;
  const errors: Issue[] = [];
  const warnings: Issue[] = [];
  const firstIndex = new Map<string, number>();
  tools.forEach((tool, i) => {
    const r = checkDefinition(tool, ['tools', i], opts);
    errors.push(...r.errors);
    warnings.push(...r.warnings);
    const seen = firstIndex.get(tool.name);
    if (seen === undefined) firstIndex.set(tool.name, i);
    else {
      errors.push({
        path: pointer(['tools', i, 'name']),
        message: `duplicate tool name "${tool.name}" (also tool ${seen + 1})`,
      });
    }
  });
  if (toolChoice.type === 'tool' && !firstIndex.has(toolChoice.name)) {
    errors.push({ path: '/toolChoice/name', message: `tool_choice names "${toolChoice.name}", which is not in the set` });
  }
  if (toolChoice.type === 'any' && tools.length === 0) {
    errors.push({ path: '/toolChoice/type', message: 'tool_choice "any" needs at least one tool' });
  }
  return result(errors, warnings);
}

/** Checks a model's input for a tool against the tool's input_schema (compiled validators are cached). */
export function validateToolInput(def: Pick<ToolDefinition, 'inputSchema'>, input: unknown): CheckResult {
  return checkValue(def.inputSchema, input);
}

/** The loop's `validate` for a tool set: unknown tool names are invalid too. */
export function createInputValidator(tools: readonly ToolDefinition[]) {
  const byName = new Map(tools.map((t) => [t.name, t]));
  return (call: { name: string; input: unknown }): CheckResult => {
    const def = byName.get(call.name);
    if (!def) return { ok: false, errors: [{ path: '', message: `there is no tool named "${call.name}"` }], warnings: [] };
    return validateToolInput(def, call.input);
  };
}
