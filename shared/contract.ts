// The one IPC contract: every route (zod input, zod output) and every event (zod payload).
// Main parses every input with these schemas before a handler runs; the preload exposes exactly
// one function per route and one subscription per event; browser mode carries the same calls over
// a WebSocket. Results cross as {ok, value | error}: nothing is thrown across the boundary.
import { z } from 'zod';
import { ChatEvent } from './chat-events';
import {
  AppError,
  AppInfo,
  AttachmentInfo,
  Balance,
  ConnectionResult,
  KeyStatus,
  Message,
  Protocol,
  Role,
  Settings,
  Siblings,
  Thread,
  ThinkingOption,
  ThreadParams,
  Trace,
  Usage,
} from './domain';
import { EVENT_NAMES, ROUTE_NAMES } from './contract-names';
import { BATCH_MAX_CONCURRENCY, BATCH_MAX_ROWS, Batch, BatchExportFormat, BatchRow, BatchView } from './batch';
import { ProfileInput, ProfileView } from './profiles';
import { CheckResultSchema, PlaygroundConfig, ToolDecision, ToolDefinition, ToolSet } from './tools';
import { Suite, SuiteCell, SuiteRun } from './suite';
import { McpServerView, McpToolRef } from './mcp';

const Empty = z.object({}).strict();
const Id = z.string().min(1).max(200);

/** What the composer sends: text, and attachments already taken in by main (by id). */
export const InputPart = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().max(1_000_000) }),
  z.object({ type: z.literal('attachment'), attachmentId: Id }),
]);
export type InputPart = z.infer<typeof InputPart>;

/** Text of a search result around the match; `mark` parts are the matched words (drawn as <mark>). */
export const SnippetPart = z.object({ text: z.string(), mark: z.boolean() });
export const SearchHit = z.object({
  threadId: z.string(),
  threadTitle: z.string(),
  messageId: z.string(),
  role: Role,
  createdAt: z.number(),
  snippet: z.array(SnippetPart),
});
export type SearchHit = z.infer<typeof SearchHit>;
/** A page of a thread's selected path, oldest first, with the sibling lists of its branched messages. */
const MessagePage = z.object({ messages: z.array(Message), hasMore: z.boolean(), siblings: Siblings.optional() });
const PageLimit = z.number().int().min(1).max(500).optional();

export const routes = {
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.update': { input: Settings.partial().strict(), output: Settings },
  'key.status': { input: Empty, output: KeyStatus },
  'key.set': { input: z.object({ key: z.string().trim().min(1).max(4096) }).strict(), output: KeyStatus },
  'key.remove': { input: Empty, output: KeyStatus },
  /** Electron: main asks in its own dialog whether the key may go to the base URL's new origin. */
  'key.confirmMove': { input: Empty, output: KeyStatus },
  'gateway.test': { input: z.object({ profileId: Id.optional() }).strict(), output: ConnectionResult },
  'gateway.models': { input: z.object({ profileId: Id.optional() }).strict(), output: z.array(z.string()) },
  'gateway.balance': { input: z.object({ profileId: Id.optional() }).strict(), output: Balance },
  'threads.list': { input: z.object({ query: z.string().max(500).optional() }).strict(), output: z.array(Thread) },
  'threads.create': {
    input: z.object({ model: z.string().max(200).optional(), protocol: Protocol.optional() }).strict(),
    output: Thread,
  },
  'threads.update': {
    input: z
      .object({
        id: Id,
        title: z.string().trim().min(1).max(200).optional(),
        model: z.string().trim().min(1).max(200).optional(),
        protocol: Protocol.optional(),
        systemPrompt: z.string().max(100_000).optional(),
        thinking: ThinkingOption.nullable().optional(),
        /** replaces the whole set: a field left out goes back to its default */
        params: ThreadParams.optional(),
      })
      .strict(),
    output: Thread,
  },
  'threads.delete': { input: z.object({ id: Id }).strict(), output: z.null() },
  'messages.list': {
    input: z
      .object({ threadId: Id, before: z.number().optional(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    output: MessagePage,
  },
  'chat.send': {
    input: z.object({ threadId: Id, parts: z.array(InputPart).min(1).max(200) }).strict(),
    output: z.object({ userMessage: Message, assistantMessage: Message }),
  },
  'chat.stop': { input: z.object({ messageId: Id }).strict(), output: z.null() },
  /** Run a failed/stopped assistant message again (a new attempt replaces it). */
  'chat.retry': { input: z.object({ messageId: Id }).strict(), output: Message },
  'shell.openExternal': { input: z.object({ url: z.string().max(8192) }).strict(), output: z.null() },
  /** Takes in a dropped, pasted or picked file (base64 of its bytes); main sniffs, strips and stores it. */
  'attachments.add': {
    input: z
      .object({
        name: z.string().max(500),
        mime: z.string().max(200),
        // 100 MB of bytes as base64; main refuses larger files with a clear message
        data: z.string().max(Math.ceil((100 * 1024 * 1024 * 4) / 3) + 4),
        /** the thread's protocol, so the upload-ready image is made from the same decode as the thumbnail */
        protocol: Protocol.optional(),
      })
      .strict(),
    output: AttachmentInfo,
  },
  'attachments.get': { input: z.object({ ids: z.array(Id).max(500) }).strict(), output: z.array(AttachmentInfo) },
  /** A larger preview for the lightbox (long edge ≤ 1600 px), still never the original. */
  'attachments.preview': { input: z.object({ id: Id }).strict(), output: z.object({ dataUrl: z.string() }) },
  /**
   * Crop and rotate a draft image: main makes a new attachment (new id) from the upright original, which is
   * kept. `rotate` is clockwise and applied first; `crop` is a rectangle of the rotated image, each 0..1.
   */
  'attachments.edit': {
    input: z
      .object({
        id: Id,
        rotate: z.union([z.literal(0), z.literal(90), z.literal(180), z.literal(270)]),
        crop: z
          .object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), w: z.number().gt(0).max(1), h: z.number().gt(0).max(1) })
          .strict()
          .optional(),
      })
      .strict(),
    output: AttachmentInfo,
  },
  'playground.get': { input: z.object({ threadId: Id }).strict(), output: PlaygroundConfig },
  /** Stores the config as edited (a draft may be invalid) and says what is wrong with it. */
  'playground.update': {
    input: z.object({ threadId: Id, config: PlaygroundConfig }).strict(),
    output: z.object({ config: PlaygroundConfig, check: CheckResultSchema }),
  },
  /** Live validation for the editor: ajv runs in main (the renderer's CSP forbids compiled code). */
  'playground.validate': {
    input: z.object({ toolSet: z.unknown(), protocol: Protocol.optional() }).strict(),
    output: CheckResultSchema,
  },
  'playground.presets': { input: Empty, output: z.array(ToolDefinition) },
  'playground.import': {
    input: z.object({ json: z.string().max(5_000_000) }).strict(),
    output: z.object({ toolSet: ToolSet, warnings: z.array(z.string()) }),
  },
  'playground.export': { input: z.object({ threadId: Id }).strict(), output: z.object({ json: z.string() }) },
  /** The user's answer for a tool call the loop is waiting on. */
  'tools.respond': {
    input: z.object({ messageId: Id, toolCallId: z.string().min(1).max(200), decision: ToolDecision }).strict(),
    output: z.null(),
  },
  'traces.get': { input: z.object({ messageId: Id }).strict(), output: Trace.nullable() },
  'traces.curl': {
    input: z.object({ messageId: Id, step: z.number().int().min(0) }).strict(),
    output: z.object({ curl: z.string() }),
  },
  'traces.export': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ json: z.string(), fileName: z.string() }),
  },
  /** Runs a step again with an edited request body, into a new branch thread. */
  'traces.resend': {
    input: z.object({ messageId: Id, step: z.number().int().min(0), body: z.string().max(40_000_000) }).strict(),
    output: z.object({ thread: Thread, assistantMessage: Message }),
  },
  /**
   * A window that (re)loaded or reconnected: the answers still running in main (of one thread, or all),
   * each as main has it now. From then on their `chat.events` also go to this window, starting exactly
   * after the returned state. Call it on start, on every reconnect, and when a thread is opened.
   */
  'chat.attach': { input: z.object({ threadId: Id.optional() }).strict(), output: z.array(Message) },
  /** Messages of every thread containing every word of the query, newest first. */
  'search.messages': {
    input: z.object({ query: z.string().max(500), limit: z.number().int().min(1).max(200).optional() }).strict(),
    output: z.array(SearchHit),
  },
  /** The thread's messages containing every word of the query, oldest first (find in thread). */
  'search.inThread': {
    input: z
      .object({ threadId: Id, query: z.string().max(500), limit: z.number().int().min(1).max(20_000).optional() })
      .strict(),
    output: z.object({ messageIds: z.array(z.string()), truncated: z.boolean() }),
  },
  /** The page with the given message in the middle (a search result, a find match, a link), and its thread
   * (which the thread list may not show: a filter hides it, or a link arrives before the list). */
  'messages.around': {
    input: z.object({ threadId: Id, messageId: Id, limit: z.number().int().min(2).max(500).optional() }).strict(),
    output: z.object({ thread: Thread, messages: z.array(Message), hasMore: z.boolean(), hasNewer: z.boolean() }),
  },
  /** The page after `after` (createdAt of the last loaded message), for a thread opened in the middle. */
  'messages.newer': {
    input: z
      .object({ threadId: Id, after: z.number(), limit: z.number().int().min(1).max(500).optional() })
      .strict(),
    output: z.object({ messages: z.array(Message), hasNewer: z.boolean() }),
  },
  /** A new answer to the same question, as a sibling of the given answer; the old one stays a branch. */
  'chat.regenerate': {
    input: z.object({ messageId: Id }).strict(),
    output: z.object({ message: Message, siblings: z.array(z.string()) }),
  },
  /** The user message with new text (its attachments kept), as a sibling of the old one, and its answer. */
  'chat.edit': {
    input: z.object({ messageId: Id, text: z.string().max(1_000_000) }).strict(),
    output: z.object({ userMessage: Message, assistantMessage: Message, siblings: z.array(z.string()) }),
  },
  /** Shows this branch: the message becomes the selected one among its siblings. The newest page back. */
  'messages.select': { input: z.object({ messageId: Id, limit: PageLimit }).strict(), output: MessagePage },
  /** Deletes one message; what followed it stays, one step up. The newest page back. */
  'messages.delete': { input: z.object({ messageId: Id, limit: PageLimit }).strict(), output: MessagePage },
  /** Connection profiles (shared/profiles.ts) with what may be said of each key; `activeId` is for new threads. */
  'profiles.list': { input: Empty, output: z.object({ profiles: z.array(ProfileView), activeId: z.string() }) },
  /** Creates (no id) or updates a profile; the base URL and proxy are checked like Settings' own. */
  'profiles.save': { input: ProfileInput, output: ProfileView },
  /** Deletes a profile and its keychain entry (never the default profile). */
  'profiles.delete': { input: z.object({ id: Id }).strict(), output: z.null() },
  /** Stores a profile's key in its own keychain entry, bound to that profile's origin. */
  'profiles.setKey': { input: z.object({ id: Id, key: z.string().trim().min(1).max(4096) }).strict(), output: KeyStatus },
  'profiles.removeKey': { input: z.object({ id: Id }).strict(), output: KeyStatus },
  /** The profile new threads get. */
  'profiles.setActive': { input: z.object({ id: Id }).strict(), output: z.null() },
  /** The profile a thread uses (or would use, if it has not been used yet). */
  'profiles.forThread': { input: z.object({ threadId: Id }).strict(), output: z.object({ profileId: z.string() }) },
  /** Switches a thread to another profile: explicit, and the thread's protocol becomes the profile's. */
  'profiles.assign': { input: z.object({ threadId: Id, profileId: Id }).strict(), output: Thread },
  /**
   * One thread, some, or all (no ids) as a file: our lossless JSON (traces optional), Markdown (a zip
   * with the images beside it), or OpenAI chat-completions JSON / JSONL. Never contains a key.
   */
  'export.threads': {
    input: z
      .object({
        threadIds: z.array(Id).min(1).max(100_000).optional(),
        format: z.enum(['json', 'markdown', 'openai-json', 'openai-jsonl']),
        includeTraces: z.boolean().optional(),
      })
      .strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), data: z.string() }),
  },
  /** Imports our own JSON export whole, or refuses it whole (reason `import_*`) and stores nothing. */
  'import.threads': {
    input: z.object({ text: z.string().max(150 * 1024 * 1024) }).strict(),
    output: z.object({ threads: z.array(Thread) }),
  },
  /** Token usage of every answer of a thread (all branches), for its totals and cost in the header. */
  'threads.usage': {
    input: z.object({ id: Id }).strict(),
    output: z.array(z.object({ id: z.string(), model: z.string().nullable(), usage: Usage })),
  },
  /** Drops a thread the user left without using it (no message, title or playground); a used one stays. */
  'threads.discard': { input: z.object({ id: Id }).strict(), output: z.object({ discarded: z.boolean() }) },
  /**
   * Compare models: one user message answered by 2–4 models at once, each answer a sibling under it (the
   * first one selected) streamed like any other. A model without a protocol gets the thread's protocol when
   * it is the thread's model, else the one its id suggests (`defaultProtocolFor`).
   */
  'chat.compare': {
    input: z
      .object({
        threadId: Id,
        parts: z.array(InputPart).min(1).max(200),
        models: z
          .array(z.object({ model: z.string().trim().min(1).max(200), protocol: Protocol.optional() }).strict())
          .min(2)
          .max(4),
      })
      .strict(),
    output: z.object({ userMessage: Message, assistantMessages: z.array(Message) }),
  },
  /** "Describe each" (ARCHITECTURE.md § Batches): one request per image, at most `concurrency` at once. */
  'batches.create': {
    input: z
      .object({
        threadId: Id.optional(),
        images: z.array(z.object({ attachmentId: Id, name: z.string().max(500) }).strict()).min(1).max(BATCH_MAX_ROWS),
        prompt: z.string().trim().min(1).max(20_000),
        concurrency: z.number().int().min(1).max(BATCH_MAX_CONCURRENCY).optional(),
      })
      .strict(),
    output: BatchView,
  },
  'batches.list': { input: Empty, output: z.array(Batch) },
  /** The batch now; the caller also gets its running rows' deltas from then on. */
  'batches.get': { input: z.object({ id: Id }).strict(), output: BatchView },
  'batches.update': {
    input: z
      .object({
        id: Id,
        prompt: z.string().trim().min(1).max(20_000).optional(),
        concurrency: z.number().int().min(1).max(BATCH_MAX_CONCURRENCY).optional(),
      })
      .strict(),
    output: Batch,
  },
  'batches.stop': { input: z.object({ id: Id }).strict(), output: z.null() },
  'batches.retry': { input: z.object({ id: Id, rowIds: z.array(Id).min(1).max(BATCH_MAX_ROWS) }).strict(), output: BatchView },
  'batches.export': {
    input: z.object({ id: Id, format: BatchExportFormat }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), text: z.string() }),
  },
  'batches.delete': { input: z.object({ id: Id }).strict(), output: z.null() },
  /** The thread's test suite (a blank one from its model and tools when it has none) and its latest run. */
  'suites.get': { input: z.object({ threadId: Id }).strict(), output: z.object({ suite: Suite, lastRun: SuiteRun.nullable() }) },
  /** Replaces the thread's suite; a bad one is refused (reason `suite_invalid`, JSON pointers in the message). */
  'suites.save': { input: z.object({ threadId: Id, suite: z.unknown() }).strict(), output: Suite },
  /** "Save as test case": the thread's first user turn and tool set, with suggested assertions. */
  'suites.saveCase': { input: z.object({ threadId: Id }).strict(), output: z.object({ suite: Suite, caseName: z.string() }) },
  'suites.import': { input: z.object({ threadId: Id, text: z.string().max(5_000_000) }).strict(), output: Suite },
  'suites.export': { input: z.object({ threadId: Id }).strict(), output: z.object({ json: z.string(), fileName: z.string() }) },
  /** Starts a run (cases × models); returns the queued matrix, then `suites.cell` events fill it. */
  'suites.run': {
    input: z.object({ threadId: Id, models: z.array(z.string().trim().min(1).max(200)).max(20).optional() }).strict(),
    output: SuiteRun,
  },
  /** The app's MCP servers with their status and tools (ARCHITECTURE.md § MCP servers). */
  'mcp.list': { input: Empty, output: z.object({ servers: z.array(McpServerView) }) },
  /**
   * Adds or replaces the servers of a pasted `{"mcpServers": …}` configuration and connects them; resolves
   * once each is connected or in error. A bad configuration is refused whole (reason `mcp_config`).
   */
  'mcp.save': { input: z.object({ json: z.string().max(1_000_000) }).strict(), output: z.object({ servers: z.array(McpServerView) }) },
  /** Stops a server (its process ends), forgets it, its keychain entries and every thread's switches. */
  'mcp.remove': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.object({ servers: z.array(McpServerView) }) },
  'mcp.restart': { input: z.object({ name: z.string().min(1).max(64) }).strict(), output: z.object({ servers: z.array(McpServerView) }) },
  /** The MCP tools switched on for a thread. */
  'mcp.threadTools': { input: z.object({ threadId: Id }).strict(), output: z.object({ tools: z.array(McpToolRef) }) },
  'mcp.setThreadTool': {
    input: z.object({ threadId: Id, server: z.string().min(1).max(64), tool: z.string().min(1).max(200), enabled: z.boolean() }).strict(),
    output: z.object({ tools: z.array(McpToolRef) }),
  },
} as const satisfies Record<(typeof ROUTE_NAMES)[number], { input: z.ZodType; output: z.ZodType }>;

export const events = {
  /** A coalesced batch of stream events for one message, sent only to the window that asked. */
  'chat.events': z.object({ threadId: z.string(), messageId: z.string(), events: z.array(ChatEvent) }),
  /** A thread changed in main (title from the first message, updatedAt). */
  'threads.changed': z.object({ thread: Thread }),
  /** Main created a message the renderer did not ask for directly (the tool loop's next steps). */
  'message.created': z.object({ message: Message }),
  /** A batch's rows changed (status, answer); sent to every window. Deltas come as chat.events. */
  'batch.updated': z.object({ batch: Batch, rows: z.array(BatchRow), messages: z.array(Message) }),
  /** A suite cell changed (queued → running → pass/fail/error), sent to every window. */
  'suites.cell': z.object({ threadId: z.string(), runId: z.string(), cell: SuiteCell }),
  /** An MCP server's status or tools changed (to every window). */
  'mcp.changed': z.object({ servers: z.array(McpServerView) }),
} as const satisfies Record<(typeof EVENT_NAMES)[number], z.ZodType>;

export type Routes = typeof routes;
export type RouteName = keyof Routes;
export type RouteInput<N extends RouteName> = z.input<Routes[N]['input']>;
export type RouteOutput<N extends RouteName> = z.output<Routes[N]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** What the renderer sees as `window.api` (Electron) or the WebSocket client (browser mode). */
export type Api = {
  [N in RouteName]: (input: RouteInput<N>) => Promise<Result<RouteOutput<N>>>;
} & {
  on: { [E in EventName]: (listener: (payload: EventPayload<E>) => void) => () => void };
};

// Compile-time check: the plain name lists (used by the preload, which must stay tiny) match.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _routesMatch: Same<RouteName, (typeof ROUTE_NAMES)[number]> = true;
const _eventsMatch: Same<EventName, (typeof EVENT_NAMES)[number]> = true;
void _routesMatch;
void _eventsMatch;
