// Domain schemas shared by main and renderer. No node or DOM imports here.
import { z } from 'zod';

export const Protocol = z.enum(['openai-chat', 'anthropic-messages']);
export type Protocol = z.infer<typeof Protocol>;

/** Claude models default to the native Messages protocol; everything else to OpenAI Chat. */
export function defaultProtocolFor(model: string): Protocol {
  return /^claude/i.test(model.trim()) ? 'anthropic-messages' : 'openai-chat';
}

export const AnthropicAuth = z.enum(['bearer', 'x-api-key', 'both']);
export type AnthropicAuth = z.infer<typeof AnthropicAuth>;

/** USD per million tokens; a price left out counts as 0 (cache prices fall back to the input price). */
export const ModelPrice = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheRead: z.number().nonnegative().optional(),
    cacheWrite: z.number().nonnegative().optional(),
  })
  .strict();
export type ModelPrice = z.infer<typeof ModelPrice>;

/** Anthropic prompt caching (shared/cache.ts): no breakpoints, or breakpoints that live 5 minutes or 1 hour. */
export const CacheMode = z.enum(['off', '5m', '1h']);
export type CacheMode = z.infer<typeof CacheMode>;

export const Settings = z.object({
  baseUrl: z.string(),
  model: z.string(),
  locale: z.enum(['system', 'zh-CN', 'en']),
  theme: z.enum(['system', 'light', 'dark']),
  anthropicAuth: AnthropicAuth,
  /** Prompt used by the one-click "Describe" action; empty = the UI language's default. */
  describePrompt: z.string(),
  maxTokens: z.number().int().positive(),
  /** defaults of a thread's parameters (ThreadParams); null = not sent */
  temperature: z.number().min(0).max(2).nullable(),
  topP: z.number().min(0).max(1).nullable(),
  reasoningEffort: z.enum(['minimal', 'low', 'medium', 'high']).nullable(),
  /** the system prompt a new thread starts with */
  systemPrompt: z.string().max(100_000),
  /** the thinking budget (Anthropic) a thread starts from when thinking is turned on */
  thinkingBudget: z.number().int().min(1024),
  /** price per million tokens, by model id (shared/cost.ts); empty until the user fills it */
  prices: z.record(z.string().min(1).max(200), ModelPrice),
  /** the prompt-cache setting of Anthropic-format threads that set none of their own */
  cacheMode: CacheMode,
});
export type Settings = z.infer<typeof Settings>;

export const DEFAULT_BASE_URL = 'https://yibuapi.com';
export const DEFAULT_SETTINGS: Settings = {
  baseUrl: DEFAULT_BASE_URL,
  model: 'gpt-4o-mini',
  locale: 'system',
  theme: 'system',
  anthropicAuth: 'bearer',
  describePrompt: '',
  maxTokens: 4096,
  temperature: null,
  topP: null,
  reasoningEffort: null,
  systemPrompt: '',
  thinkingBudget: 2048,
  prices: {},
  cacheMode: 'off',
};

export const SecretBackend = z.enum(['keychain', 'encrypted-file', 'memory', 'environment']);
export type SecretBackend = z.infer<typeof SecretBackend>;

/** All the renderer ever learns about the API key. */
export const KeyStatus = z.object({
  hasKey: z.boolean(),
  hint: z.string().nullable(), // "…abcd"
  backend: SecretBackend,
  /** false when the key lives only in memory for this run (no keychain reachable). */
  persistent: z.boolean(),
  /** scheme://host:port the key was saved for; null while an older key is not bound yet */
  origin: z.string().nullable().optional(),
  /** false when the base URL now points at another origin: the key is not sent there until re-entered */
  originMatches: z.boolean().optional(),
});
export type KeyStatus = z.infer<typeof KeyStatus>;

export const ErrorCode = z.enum([
  'auth', // 401
  'quota', // balance exhausted
  'rate_limit', // 429
  'overloaded', // 529 / overloaded_error
  'server', // other 5xx
  'network', // DNS, refused, reset
  'protocol', // malformed SSE / JSON
  'truncated', // EOF without a finish
  'idle', // no byte for too long
  'bad_request', // 400 / 413 / 422
  'not_found', // 404, model_not_found
  'permission', // 403 other than quota
  'refusal', // the model refused
  'invalid_input', // input rejected before sending
  'storage',
  'unknown',
  'key_origin', // the base URL's origin is not the one the key was saved for: nothing was sent
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const AppError = z.object({
  code: ErrorCode,
  message: z.string(),
  /** a finer reason the UI can translate, e.g. an attachment refusal: `too_many_pixels` */
  reason: z.string().optional(),
  status: z.number().int().optional(),
  requestId: z.string().optional(),
  /** key_origin: where the key was saved for and where the request would have gone */
  origins: z.object({ saved: z.string(), target: z.string() }).optional(),
});
export type AppError = z.infer<typeof AppError>;

export const Usage = z.object({
  inputTokens: z.number().int().nonnegative().optional(),
  outputTokens: z.number().int().nonnegative().optional(),
  cacheReadTokens: z.number().int().nonnegative().optional(),
  cacheWriteTokens: z.number().int().nonnegative().optional(),
  reasoningTokens: z.number().int().nonnegative().optional(),
  /** OpenAI format: inputTokens counts the cached ones too (Anthropic's input_tokens does not) */
  cacheInInput: z.boolean().optional(),
  /** of cacheWriteTokens, those written for 1 hour (Anthropic `cache_creation.ephemeral_1h_input_tokens`) */
  cacheWrite1hTokens: z.number().int().nonnegative().optional(),
});
export type Usage = z.infer<typeof Usage>;

export const ThinkingOption = z.object({
  enabled: z.boolean(),
  budgetTokens: z.number().int().min(1024),
});
export type ThinkingOption = z.infer<typeof ThinkingOption>;

/** OpenAI-format `reasoning_effort` for reasoning models. */
export const ReasoningEffort = z.enum(['minimal', 'low', 'medium', 'high']);
export type ReasoningEffort = z.infer<typeof ReasoningEffort>;

/**
 * Sampling parameters of a thread. A field left out falls back to its default in Settings; a default
 * that is null is not sent at all (the model's own default applies). What a model rejects is sent as
 * set, so the gateway's error is shown rather than the value silently dropped.
 */
export const ThreadParams = z
  .object({
    temperature: z.number().min(0).max(2).optional(),
    topP: z.number().min(0).max(1).optional(),
    maxTokens: z.number().int().positive().optional(),
    reasoningEffort: ReasoningEffort.optional(),
    cacheMode: CacheMode.optional(),
  })
  .strict();
export type ThreadParams = z.infer<typeof ThreadParams>;

export const Thread = z.object({
  id: z.string(),
  title: z.string(),
  model: z.string(),
  protocol: Protocol,
  systemPrompt: z.string(),
  thinking: ThinkingOption.nullable(),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** absent while the thread uses every default */
  params: ThreadParams.optional(),
});
export type Thread = z.infer<typeof Thread>;

/** `interrupted`: the app stopped (crash, kill) while the call streamed, waited or ran; set on the next start. */
export const ToolCallStatus = z.enum(['streaming', 'waiting', 'running', 'done', 'error', 'interrupted']);
export type ToolCallStatus = z.infer<typeof ToolCallStatus>;

/** What a tool call's loop waits for: a result (manual tool), approval to run (paused), a fixed input. */
export const ToolAwaiting = z.enum(['result', 'approval', 'fix']);
export type ToolAwaiting = z.infer<typeof ToolAwaiting>;

/** One block of a tool result: text, or an image stored as an attachment (main keeps the bytes). */
export const ToolResultBlock = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string() }),
  z.object({ type: z.literal('image'), attachmentId: z.string(), mime: z.string() }),
]);
export type ToolResultBlock = z.infer<typeof ToolResultBlock>;

/** One piece of a message, in display order. `key` ties streamed deltas to their part. */
export const Part = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), key: z.string().optional(), text: z.string() }),
  z.object({ type: z.literal('refusal'), key: z.string().optional(), text: z.string() }),
  z.object({
    type: z.literal('thinking'),
    key: z.string().optional(),
    text: z.string(),
    signature: z.string().optional(),
    /** openai-chat reasoning_content: sent back for tool-call turns (DeepSeek). */
    source: z.enum(['anthropic', 'openai']).optional(),
    /** how long the model thought: from its first thinking delta to the first delta after */
    durationMs: z.number().nonnegative().optional(),
  }),
  z.object({ type: z.literal('redacted_thinking'), key: z.string().optional(), data: z.string() }),
  z.object({
    type: z.literal('image'),
    attachmentId: z.string(),
    mime: z.string(),
    name: z.string(),
    width: z.number().int(),
    height: z.number().int(),
    size: z.number().int(),
  }),
  z.object({
    type: z.literal('document'),
    attachmentId: z.string(),
    mime: z.string(),
    name: z.string(),
    size: z.number().int(),
    pages: z.number().int().optional(),
  }),
  z.object({
    type: z.literal('tool_call'),
    key: z.string().optional(),
    id: z.string(),
    name: z.string(),
    /** the raw JSON text as streamed */
    inputJson: z.string(),
    input: z.unknown().optional(),
    inputError: z.string().optional(),
    status: ToolCallStatus,
    /** how long the tool ran, once it has */
    durationMs: z.number().optional(),
    /** pre-filled result while the loop waits for the user (manual tools) */
    resultDraft: z.string().optional(),
    /** set while the tool loop waits for the user on this call */
    awaiting: ToolAwaiting.optional(),
  }),
  z.object({
    type: z.literal('tool_result'),
    toolCallId: z.string(),
    content: z.string(),
    isError: z.boolean().optional(),
    /**
     * The result as content blocks, when it is more than one string (MCP tools: several texts, images).
     * Request builders send these instead of `content`, which stays the text a reader sees.
     */
    blocks: z.array(ToolResultBlock).optional(),
  }),
]);
export type Part = z.infer<typeof Part>;

/**
 * `interrupted`: the app stopped (crash, kill, power cut) while the answer streamed; the next start marks
 * it so, keeping its partial text, and it can be retried.
 */
export const MessageStatus = z.enum(['streaming', 'done', 'stopped', 'error', 'truncated', 'interrupted']);
export type MessageStatus = z.infer<typeof MessageStatus>;

export const Role = z.enum(['user', 'assistant', 'tool']);
export type Role = z.infer<typeof Role>;

export const Message = z.object({
  id: z.string(),
  threadId: z.string(),
  role: Role,
  parts: z.array(Part),
  status: MessageStatus,
  error: AppError.nullable(),
  usage: Usage.nullable(),
  model: z.string().nullable(),
  finishReason: z.string().nullable(),
  createdAt: z.number(),
  /**
   * The message this one answers or follows (null: the thread's first turn). Edit and regenerate add a
   * sibling under the same parent. Left out on a new message: it goes after the selected path's end.
   */
  parentId: z.string().nullable().optional(),
});
export type Message = z.infer<typeof Message>;

/** Message id → the ids of it and its siblings in creation order; only for messages that have siblings. */
export const Siblings = z.record(z.string(), z.array(z.string()));
export type Siblings = z.infer<typeof Siblings>;

export const Balance = z.object({
  unlimited: z.boolean(),
  /** remaining, in the site's display unit; null when unlimited */
  remaining: z.number().nullable(),
  limit: z.number().nullable(),
  used: z.number().nullable(),
  /** `remaining` when this run of the app first read it from this gateway: how much it moved since */
  sessionStart: z.number().nullable().optional(),
});
export type Balance = z.infer<typeof Balance>;

export const ConnectionResult = z.object({
  url: z.string(),
  modelCount: z.number().int(),
  models: z.array(z.string()),
});
export type ConnectionResult = z.infer<typeof ConnectionResult>;

/** What the renderer learns of a file taken in by main: an id and a thumbnail, never the bytes. */
export const AttachmentInfo = z.object({
  id: z.string(),
  kind: z.enum(['image', 'document']),
  mime: z.string(),
  name: z.string(),
  size: z.number().int(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
  pages: z.number().int().optional(),
  /** a small WebP data URL (images only) */
  thumbnail: z.string().nullable(),
});
export type AttachmentInfo = z.infer<typeof AttachmentInfo>;

export const AppInfo = z.object({
  mode: z.enum(['electron', 'browser']),
  demo: z.boolean(),
  version: z.string(),
  systemLocale: z.string(),
});
export type AppInfo = z.infer<typeof AppInfo>;

/** One HTTP exchange of an answer (one step of the tool loop), as recorded for the trace view. */
export const TraceFrame = z.object({
  /** ms since the step's request was started */
  t: z.number(),
  event: z.string().optional(),
  data: z.string(),
});
export type TraceFrame = z.infer<typeof TraceFrame>;

export const TraceBlock = z.object({
  key: z.string(),
  type: z.string(), // text | thinking | tool_use | redacted_thinking | refusal
  name: z.string().optional(),
  startMs: z.number(),
  endMs: z.number().optional(),
});
export type TraceBlock = z.infer<typeof TraceBlock>;

/** An MCP tools/call as the trace keeps it (base64 elided, redacted); ms relative to its step like the run. */
export const TraceMcpCall = z.object({
  server: z.string(),
  tool: z.string(),
  /** the JSON-RPC request and response as they crossed the wire (null: never sent / never answered) */
  request: z.unknown(),
  response: z.unknown(),
  durationMs: z.number(),
  /** the server's stderr lines around the call */
  stderr: z.array(z.object({ t: z.number(), line: z.string() })),
});
export type TraceMcpCall = z.infer<typeof TraceMcpCall>;

export const TraceToolRun = z.object({
  toolCallId: z.string(),
  name: z.string(),
  startMs: z.number(),
  endMs: z.number().optional(),
  isError: z.boolean().optional(),
  mcp: TraceMcpCall.optional(),
});
export type TraceToolRun = z.infer<typeof TraceToolRun>;

export const TraceStep = z.object({
  index: z.number().int(),
  startedAt: z.number(),
  request: z.object({
    url: z.string(),
    method: z.string(),
    /** the key masked ("Bearer …abcd") */
    headers: z.record(z.string(), z.string()),
    /** parsed JSON body, base64 payloads elided to their size and SHA-256 */
    body: z.unknown(),
  }),
  response: z.object({ status: z.number().int(), headers: z.record(z.string(), z.string()) }).nullable(),
  frames: z.array(TraceFrame),
  framesDropped: z.number().int().optional(),
  retries: z.array(z.object({ attempt: z.number().int(), waitMs: z.number(), code: z.string() })),
  timings: z.object({
    headersMs: z.number().optional(),
    firstByteMs: z.number().optional(),
    firstTokenMs: z.number().optional(),
    totalMs: z.number().optional(),
  }),
  blocks: z.array(TraceBlock),
  toolRuns: z.array(TraceToolRun),
  usage: Usage.nullable(),
  stopReason: z.string().nullable(),
  status: z.string().nullable(),
  error: AppError.nullable(),
});
export type TraceStep = z.infer<typeof TraceStep>;

export const Trace = z.object({
  id: z.string(),
  messageId: z.string(),
  threadId: z.string(),
  protocol: Protocol,
  model: z.string(),
  createdAt: z.number(),
  steps: z.array(TraceStep),
});
export type Trace = z.infer<typeof Trace>;
