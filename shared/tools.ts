// Shapes of a playground tool and a tool set (shared by main and renderer: the contract carries them). These describe structure only: a draft being edited may
// hold a bad name or an invalid JSON Schema, so the semantic checks live in validation.ts and the caller
// runs them before sending (the editor shows them live).
import { z } from 'zod';

/** The rule both APIs apply to tool names (Anthropic `name`, OpenAI `function.name`). */
export const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export const DEFAULT_SCRIPT_TIMEOUT_MS = 1000;
export const DEFAULT_SCRIPT_MEMORY_MB = 32;
export const MAX_SCRIPT_TIMEOUT_MS = 60_000;
export const MIN_SCRIPT_MEMORY_MB = 4;
export const MAX_SCRIPT_MEMORY_MB = 512;

export const ManualRun = z.object({ mode: z.literal('manual') });
export const MockRun = z.object({
  mode: z.literal('mock'),
  /** Fixed text or JSON, optionally with `{{input.field}}` placeholders (see template.ts). */
  result: z.string(),
  isError: z.boolean().optional(),
});
export const ScriptRun = z.object({
  mode: z.literal('script'),
  /** A JavaScript function body; receives `input`, returns the result (may be async). */
  code: z.string(),
  timeoutMs: z.number().int().min(1).max(MAX_SCRIPT_TIMEOUT_MS).optional(),
  memoryMb: z.number().int().min(MIN_SCRIPT_MEMORY_MB).max(MAX_SCRIPT_MEMORY_MB).optional(),
});
/** A tool of a connected MCP server (electron/mcp/): main calls `tool` on `server`; read-only in the UI. */
export const McpRun = z.object({ mode: z.literal('mcp'), server: z.string(), tool: z.string() });
export const ToolRun = z.discriminatedUnion('mode', [ManualRun, MockRun, ScriptRun, McpRun]);
export type ToolRun = z.infer<typeof ToolRun>;
export type RunMode = ToolRun['mode'];

/** A JSON Schema document; its validity is checked with ajv, not here. */
export const JsonSchemaObject = z.record(z.string(), z.unknown());
export type JsonSchemaObject = z.infer<typeof JsonSchemaObject>;

export const ToolDefinition = z.object({
  name: z.string(),
  description: z.string(),
  inputSchema: JsonSchemaObject,
  run: ToolRun,
});
export type ToolDefinition = z.infer<typeof ToolDefinition>;

export const ToolChoice = z.discriminatedUnion('type', [
  z.object({ type: z.enum(['auto', 'any', 'none']) }),
  z.object({ type: z.literal('tool'), name: z.string() }),
]);
export type ToolChoice = z.infer<typeof ToolChoice>;

export const ToolSet = z.object({
  tools: z.array(ToolDefinition),
  toolChoice: ToolChoice,
});
export type ToolSet = z.infer<typeof ToolSet>;

/** One problem, located by a JSON pointer into the thing checked ("" = the whole thing). */
export interface Issue {
  path: string;
  message: string;
}

/**
 * `warnings` never block sending (unknown keywords, formats that are not checked, required properties
 * that are not declared): they are usually typos, so the editor shows them.
 */
export type CheckResult = { ok: true; warnings: Issue[] } | { ok: false; errors: Issue[]; warnings: Issue[] };

export function pointer(segments: readonly (string | number)[]): string {
  return segments.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** zod issues → Issues, with paths as JSON pointers under `base`. */
export function zodIssues(error: z.ZodError, base: readonly (string | number)[] = []): Issue[] {
  return error.issues.map((i) => ({
    path: pointer([...base, ...i.path.map((p) => (typeof p === 'symbol' ? String(p) : p))]),
    message: i.message,
  }));
}

/** "/location: must be string; must have required property 'unit'" */
export function describeIssues(issues: readonly Issue[]): string {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
}

/** A thread's playground: its tools and how the tool loop runs them. */
export const PlaygroundConfig = z.object({
  enabled: z.boolean(),
  toolSet: ToolSet,
  /** model calls per user message (the loop stops after this many) */
  maxSteps: z.number().int().min(1).max(50),
  /** pause before every tool run so the user can edit the input or answer instead */
  pauseBeforeRun: z.boolean(),
});
export type PlaygroundConfig = z.infer<typeof PlaygroundConfig>;

export const DEFAULT_PLAYGROUND: PlaygroundConfig = {
  enabled: false,
  toolSet: { tools: [], toolChoice: { type: 'auto' } },
  maxSteps: 8,
  pauseBeforeRun: false,
};

/** What the user decides for a tool call the loop paused on. */
export const ToolDecision = z.discriminatedUnion('action', [
  /** run it (optionally with an edited input) */
  z.object({ action: z.literal('run'), input: z.unknown().optional() }),
  /** answer it without running (manual tools, or an override) */
  z.object({ action: z.literal('result'), content: z.string().max(1_000_000), isError: z.boolean() }),
  /** send an error result (e.g. for an invalid input) */
  z.object({ action: z.literal('error'), content: z.string().max(100_000).optional() }),
]);
export type ToolDecision = z.infer<typeof ToolDecision>;

export const IssueSchema = z.object({ path: z.string(), message: z.string() });
export const CheckResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), warnings: z.array(IssueSchema) }),
  z.object({ ok: z.literal(false), errors: z.array(IssueSchema), warnings: z.array(IssueSchema) }),
]);
