// Test suites (issue 11 item 1): the suite file — version 1, models, tools, cases with assertions — and
// the results a run produces. Shared by main (the runner, the CLI) and the renderer (the Tests tab), so
// structure only: the tools' JSON Schemas are checked with ajv in main, regexes run on RE2 in main.
import { z } from 'zod';
import { CacheMode, Protocol } from './domain';
import { JsonSchemaObject, MockRun, ScriptRun, TOOL_NAME_PATTERN, pointer, zodIssues, type Issue, type ToolDefinition } from './tools';

/** An Anthropic tool definition with how the suite runs it (a person cannot answer in CI: no `manual`). */
export const SuiteTool = z.object({
  name: z.string().regex(TOOL_NAME_PATTERN, 'must be 1–64 letters, digits, "_" or "-"'),
  description: z.string().max(100_000).default(''),
  input_schema: JsonSchemaObject,
  run: z.discriminatedUnion('mode', [MockRun, ScriptRun], {
    error: 'must be {"mode": "mock", "result": …} or {"mode": "script", "code": …} (manual tools need a person)',
  }),
});
export type SuiteTool = z.infer<typeof SuiteTool>;

/** The usual MCP client configuration entry (Claude Desktop, Cursor): a command or a URL. */
export const McpServerConfig = z.union([
  z.object({ command: z.string().min(1), args: z.array(z.string()).optional(), env: z.record(z.string(), z.string()).optional() }),
  z.object({ url: z.string().url(), headers: z.record(z.string(), z.string()).optional() }),
]);
export type McpServerConfig = z.infer<typeof McpServerConfig>;

const TextBlock = z.object({ type: z.literal('text'), text: z.string() });
/** An Anthropic-style user turn; a plain string is a user turn of that text. */
export const SuiteTurn = z.union([
  z.string().min(1),
  z.object({ role: z.literal('user'), content: z.union([z.string().min(1), z.array(TextBlock).min(1)]) }),
]);
export type SuiteTurn = z.infer<typeof SuiteTurn>;

const NonNegInt = z.number().int().nonnegative();
/** The value each assertion kind takes. */
const ASSERTION_VALUES = {
  toolCalled: z.object({ name: z.string().min(1), input: z.record(z.string(), z.unknown()).optional() }).strict(),
  toolNotCalled: z.string().min(1),
  firstToolCalled: z.string().min(1),
  textMatches: z.string().min(1).max(10_000),
  noToolErrors: z.literal(true),
  maxSteps: NonNegInt,
  maxTokens: NonNegInt,
  maxMs: NonNegInt,
} as const;
const KIND_MESSAGE = 'must be one of toolCalled, toolNotCalled, firstToolCalled, textMatches, noToolErrors, maxSteps, maxTokens, maxMs';
/** One assertion: an object with exactly one of these keys. */
export const Assertion = z.union(
  [
    z.object({ toolCalled: ASSERTION_VALUES.toolCalled }).strict(),
    z.object({ toolNotCalled: ASSERTION_VALUES.toolNotCalled }).strict(),
    z.object({ firstToolCalled: ASSERTION_VALUES.firstToolCalled }).strict(),
    z.object({ textMatches: ASSERTION_VALUES.textMatches }).strict(),
    z.object({ noToolErrors: ASSERTION_VALUES.noToolErrors }).strict(),
    z.object({ maxSteps: ASSERTION_VALUES.maxSteps }).strict(),
    z.object({ maxTokens: ASSERTION_VALUES.maxTokens }).strict(),
    z.object({ maxMs: ASSERTION_VALUES.maxMs }).strict(),
  ],
  { error: KIND_MESSAGE },
);

/** A union's one message hides why `{maxSteps: "two"}` is wrong: check it against its own kind's schema. */
function assertionIssues(value: unknown, base: (string | number)[]): Issue[] {
  const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : [];
  const kind = keys.length === 1 ? (keys[0] as keyof typeof ASSERTION_VALUES) : null;
  if (!kind || !Object.hasOwn(ASSERTION_VALUES, kind)) return [{ path: pointer(base), message: `${KIND_MESSAGE}, alone` }];
  const r = ASSERTION_VALUES[kind].safeParse((value as Record<string, unknown>)[kind]);
  return r.success ? [] : zodIssues(r.error, [...base, kind]);
}
export type Assertion = z.infer<typeof Assertion>;
export const ASSERTION_KINDS = ['toolCalled', 'toolNotCalled', 'firstToolCalled', 'textMatches', 'noToolErrors', 'maxSteps', 'maxTokens', 'maxMs'] as const;
export type AssertionKind = (typeof ASSERTION_KINDS)[number];

export const SuiteCase = z.object({
  name: z.string().trim().min(1).max(200),
  messages: z.array(SuiteTurn).min(1).max(100),
  expect: z.array(Assertion).max(100),
});
export type SuiteCase = z.infer<typeof SuiteCase>;

export const SUITE_VERSION = 1;
export const Suite = z.object({
  version: z.literal(SUITE_VERSION),
  name: z.string().trim().min(1).max(200),
  models: z.array(z.string().trim().min(1).max(200)).min(1).max(20),
  protocol: Protocol.optional(),
  system: z.string().max(1_000_000).optional(),
  max_tokens: z.number().int().min(1).max(1_000_000).optional(),
  /** prompt caching for Anthropic-format cells (electron/providers/anthropic-cache.ts); default off */
  cache: CacheMode.optional(),
  tools: z.array(SuiteTool).max(128).default([]),
  mcpServers: z.record(z.string(), McpServerConfig).optional(),
  cases: z.array(SuiteCase).max(500),
});
export type Suite = z.infer<typeof Suite>;

export type ParseSuiteResult = { ok: true; suite: Suite } | { ok: false; errors: Issue[] };

/** A suite file's text → the suite, or every problem located by a JSON pointer. */
export function parseSuite(text: string): ParseSuiteResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, errors: [{ path: '', message: `not valid JSON: ${(err as Error).message}` }] };
  }
  return checkSuite(json);
}

/** The same check for a value already parsed. Names must be unique: results and runs are keyed by them. */
export function checkSuite(value: unknown): ParseSuiteResult {
  const r = Suite.safeParse(value);
  if (!r.success) {
    const errors = r.error.issues.flatMap((i): Issue[] => {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      const at = path.length === 4 && path[0] === 'cases' && path[2] === 'expect' && i.message === KIND_MESSAGE;
      return at ? assertionIssues(pick(value, path), path) : [{ path: pointer(path), message: i.message }];
    });
    return { ok: false, errors };
  }
  const errors: Issue[] = [];
  const seen = (list: readonly { name: string }[], base: string, what: string) => {
    const names = new Set<string>();
    list.forEach((x, i) => {
      if (names.has(x.name)) errors.push({ path: `/${base}/${i}/name`, message: `another ${what} is already named "${x.name}"` });
      names.add(x.name);
    });
  };
  seen(r.data.cases, 'cases', 'case');
  seen(r.data.tools, 'tools', 'tool');
  return errors.length ? { ok: false, errors } : { ok: true, suite: r.data };
}

function pick(value: unknown, path: readonly (string | number)[]): unknown {
  let v = value;
  for (const p of path) v = v && typeof v === 'object' ? (v as Record<string | number, unknown>)[p] : undefined;
  return v;
}

/** A suite tool as the playground's ToolDefinition (the shape the tool loop and executor take). */
export function toToolDefinition(t: SuiteTool): ToolDefinition {
  return { name: t.name, description: t.description, inputSchema: t.input_schema, run: t.run };
}

/** The user turns' text, in order (a case's messages all go to the model as user turns). */
export function turnText(turn: SuiteTurn): string {
  if (typeof turn === 'string') return turn;
  return typeof turn.content === 'string' ? turn.content : turn.content.map((b) => b.text).join('\n');
}

export function assertionKind(a: Assertion): AssertionKind {
  return Object.keys(a)[0] as AssertionKind;
}

/** One assertion's outcome: what was expected and what happened, both as short readable text. */
export const AssertionResult = z.object({ passed: z.boolean(), expected: z.string(), actual: z.string() });
export type AssertionResult = z.infer<typeof AssertionResult>;

export const CellStatus = z.enum(['queued', 'running', 'pass', 'fail', 'error']);
export type CellStatus = z.infer<typeof CellStatus>;

/** One case × model of a run. `changed` compares with the same cell of the suite's previous run. */
export const SuiteCell = z.object({
  id: z.string(),
  caseName: z.string(),
  model: z.string(),
  status: CellStatus,
  assertions: z.array(AssertionResult),
  steps: z.number().int().nonnegative(),
  tokens: z.number().int().nonnegative(),
  ms: z.number().nonnegative(),
  /** USD from the price table; null when the model has no price */
  cost: z.number().nonnegative().nullable(),
  /** why the cell could not run (status error) */
  error: z.string().optional(),
  changed: z.enum(['newly_failing', 'newly_passing']).nullable().optional(),
  hasTrace: z.boolean().optional(),
});
export type SuiteCell = z.infer<typeof SuiteCell>;

export const SuiteRun = z.object({
  id: z.string(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  models: z.array(z.string()),
  cells: z.array(SuiteCell),
});
export type SuiteRun = z.infer<typeof SuiteRun>;

/** A settled cell passed? (queued/running are not settled) */
export function cellPassed(status: CellStatus): boolean | null {
  if (status === 'pass') return true;
  if (status === 'fail' || status === 'error') return false;
  return null;
}

/** newly failing / newly passing against the previous run's cell, or null when nothing changed. */
export function changeSince(before: CellStatus | undefined, now: CellStatus): SuiteCell['changed'] {
  const was = before === undefined ? null : cellPassed(before);
  const is = cellPassed(now);
  if (was === null || is === null || was === is) return null;
  return is ? 'newly_passing' : 'newly_failing';
}
