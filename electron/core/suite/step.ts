// One model step of a suite cell: the same request builders, stream decoding, step clock and reducer as a
// chat answer (electron/core/step.ts), but over an in-memory history instead of a stored thread, so the app
// and the headless CLI run identical requests without a database.
import { applyChatEvent } from '../../../shared/chat-events';
import type { AnthropicAuth, AppError, CacheMode, Message, Protocol } from '../../../shared/domain';
import type { ToolSet } from '../../../shared/tools';
import { buildAnthropicRequest, createAnthropicAdapter } from '../../providers/anthropic-messages';
import { buildOpenAIChatRequest, createOpenAIChatAdapter } from '../../providers/openai-chat';
import { streamChat } from '../../providers/stream';
import type { Redactor } from '../redact';
import { createStepClock } from '../step-clock';
import { toolChoice, toolSpecs } from '../step';
import type { TraceRecorder } from '../trace-recorder';

/** Where a suite's requests go and with which key (a profile's target, or the CLI's flags). */
export interface SuiteTarget {
  baseUrl: string;
  apiKey: string;
  authStyle: AnthropicAuth;
  fetch: typeof globalThis.fetch;
}

export interface SuiteStepArgs {
  target: SuiteTarget;
  protocol: Protocol;
  model: string;
  system: string;
  maxTokens?: number;
  /** prompt-cache breakpoints on Anthropic-format requests */
  cacheMode?: CacheMode;
  /** the case's turns so far (user, assistant, tool results) */
  history: readonly Message[];
  /** the assistant message to fill */
  message: Message;
  tools: ToolSet | null;
  signal: AbortSignal;
  trace: TraceRecorder;
  redactor: Redactor;
  idleTimeoutMs?: number;
}

/** Streams one step into `message` and resolves with its final state (never throws). */
export async function runSuiteStep(a: SuiteStepArgs): Promise<Message> {
  let msg = a.message;
  const clock = createStepClock(a.protocol);
  const apply = (events: ReturnType<typeof clock.next>) => {
    for (const ev of events) {
      msg = applyChatEvent(msg, ev);
      a.trace.onEvent(ev);
    }
  };
  let status: Exclude<Message['status'], 'streaming' | 'interrupted'> = 'error';
  let error: AppError | null = null;
  try {
    const tools = a.tools && a.tools.tools.length > 0 ? toolSpecs(a.tools) : undefined;
    const common = {
      baseUrl: a.target.baseUrl,
      apiKey: a.target.apiKey,
      model: a.model,
      systemPrompt: a.system,
      maxTokens: a.maxTokens,
      history: a.history,
      tools,
      toolChoice: tools && a.tools ? toolChoice(a.tools) : undefined,
    };
    const anthropic = a.protocol === 'anthropic-messages';
    const request = anthropic
      ? await buildAnthropicRequest({ ...common, auth: a.target.authStyle, thinking: null, cacheMode: a.cacheMode })
      : await buildOpenAIChatRequest(common);
    a.trace.beginStep(request);
    const r = await streamChat({
      fetch: a.target.fetch,
      request,
      createAdapter: anthropic ? createAnthropicAdapter : createOpenAIChatAdapter,
      signal: a.signal,
      idleTimeoutMs: a.idleTimeoutMs ?? 60_000,
      onEvent: (ev) => apply(clock.next(ev)),
      onFrame: (frame) => a.trace.onFrame(frame),
      onResponse: (info) => a.trace.onResponse(info),
      onRetry: (info) => a.trace.onRetry(info),
    });
    status = r.status;
    error = r.error ? a.redactor.value(r.error) : null;
    a.trace.endStep({ status, error });
  } catch (err) {
    error = { code: 'unknown', message: a.redactor.text(`The request could not be built: ${(err as Error).message}`) };
  }
  apply([...clock.close(), { type: 'status', status, error }]);
  return msg;
}
