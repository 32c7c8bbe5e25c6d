import type { ChatEvent } from '../../shared/chat-events';
import type { AppError, Message, MessageStatus } from '../../shared/domain';

export interface HttpRequest {
  url: string;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** One SSE frame as received, for traces. `t` is ms since the request was started. */
export interface RawFrame {
  t: number;
  event?: string;
  data: string;
}

/** Turns decoded SSE frames of one protocol into normalized ChatEvents. One instance per attempt. */
export interface ProtocolAdapter {
  /** Throws a ProviderError (code protocol, or the API's error) for a frame it cannot accept. */
  onFrame(frame: { event?: string; data: string }): ChatEvent[];
  /** true once the protocol's own end marker was seen ([DONE] / message_stop); later frames are ignored */
  readonly done: boolean;
  /** At EOF: closing events (e.g. unfinished tool blocks) and whether the stream finished properly. */
  onEnd(): { events: ChatEvent[]; complete: boolean };
}

export interface ResponseInfo {
  attempt: number;
  status: number;
  headers: Record<string, string>;
  /** ms since the first attempt started */
  t: number;
}

export interface StreamOptions {
  fetch: typeof globalThis.fetch;
  request: HttpRequest;
  /** a fresh adapter for each attempt */
  createAdapter: () => ProtocolAdapter;
  signal: AbortSignal;
  /** no byte (comments included) for this long → idle error; default 60 000 */
  idleTimeoutMs?: number;
  /** default 2; retries happen only while nothing has been emitted */
  maxRetries?: number;
  /** injectable for tests; must reject/resolve early when the signal aborts */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  onEvent: (ev: ChatEvent) => void;
  onFrame?: (frame: RawFrame) => void;
  onResponse?: (info: ResponseInfo) => void;
  onRetry?: (info: { attempt: number; waitMs: number; error: AppError }) => void;
}

export interface StreamResult {
  /** never `interrupted`: only the next start marks an answer so (storage/sweep.ts) */
  status: Exclude<MessageStatus, 'streaming' | 'interrupted'>;
  error: AppError | null;
}

/** A tool the model may call (the playground's tool definitions), protocol-neutral. */
export interface ToolSpec {
  name: string;
  description?: string;
  /** JSON Schema of the arguments object */
  parameters: Record<string, unknown>;
}

/** 'required' = must call some tool (OpenAI "required", Anthropic {type:"any"}); {name} = that tool. */
export type ToolChoice = 'auto' | 'none' | 'required' | { name: string };

/** The bytes of an attachment, as they are to be sent (already downscaled / stripped by attachments/). */
export interface ResolvedAttachment {
  mime: string;
  base64: string;
}

export type AttachmentResolver = (attachmentId: string) => Promise<ResolvedAttachment>;

/** What both protocols' request builders take: the thread, its stored history and the key. */
export interface ChatRequestInput {
  baseUrl: string;
  apiKey: string;
  model: string;
  systemPrompt: string;
  maxTokens?: number;
  /** sampling parameters, sent only when set (step.ts resolves the thread's over the defaults) */
  temperature?: number;
  topP?: number;
  history: readonly Message[];
  tools?: readonly ToolSpec[];
  toolChoice?: ToolChoice;
  resolveAttachment?: AttachmentResolver;
}
