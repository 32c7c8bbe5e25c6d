// One HTTP exchange of an answer: build the request for the thread's protocol from the stored
// history, stream it, and send every event three ways — applied to the stored message (coalesced
// writes), queued for the asking window, and appended to the trace.
import { applyChatEvent, type ChatEvent } from '../../shared/chat-events';
import type { AppError, Message, Thread } from '../../shared/domain';
import { effectiveParams } from '../../shared/params';
import { effectiveCacheMode } from '../../shared/cache';
import type { ToolSet } from '../../shared/tools';
import { buildAnthropicRequest, createAnthropicAdapter } from '../providers/anthropic-messages';
import { buildOpenAIChatRequest, createOpenAIChatAdapter } from '../providers/openai-chat';
import { streamChat } from '../providers/stream';
import type { HttpRequest, ProtocolAdapter, ToolChoice, ToolSpec } from '../providers/types';
import type { Clients } from './clients';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import type { Audience, LiveAnswers } from './live';
import { createStepClock } from './step-clock';
import { errorDetails } from './logger';
import type { TraceRecorder } from './trace-recorder';

export interface StepArgs {
  thread: Thread;
  message: Message;
  /** who the events go to (chat.attach may add a reloaded window while the answer runs) */
  audience: Audience;
  apiKey: string;
  signal: AbortSignal;
  trace: TraceRecorder;
  tools: ToolSet | null;
  /** a raw request body to send instead of the one built from history ("edit and resend") */
  bodyOverride?: string;
}

export class StepRunner {
  constructor(
    private readonly ctx: CoreContext,
    private readonly clients: Clients,
    private readonly live: LiveAnswers,
  ) {}

  /** Applies events to a message: kept as the live state, stored (coalesced), pushed to its audience, traced. */
  emitter(threadId: string, audience: Audience, trace: TraceRecorder | null, start: Message) {
    let msg = start;
    this.live.put(msg, audience);
    return {
      get message() {
        return msg;
      },
      emit: (events: ChatEvent[]) => {
        for (const ev of events) {
          msg = applyChatEvent(msg, ev);
          trace?.onEvent(ev);
        }
        this.live.put(msg, audience);
        this.ctx.writer.schedule(msg);
        for (const clientId of audience.clientIds) this.clients.queueChat(clientId, threadId, msg.id, events);
      },
    };
  }

  /** Streams one answer into `message` and resolves with its final state (never throws). */
  async run(args: StepArgs): Promise<Message> {
    const { thread, message, trace } = args;
    const out = this.emitter(thread.id, args.audience, trace, message);
    let status: Exclude<Message['status'], 'streaming' | 'interrupted'> = 'error';
    let error: AppError | null = null;
    const clock = createStepClock(thread.protocol);
    try {
      // The message's own branch: what the user sees above it, never a sibling branch.
      const history = this.ctx.messages.history(message.id);
      const { request, createAdapter, fetch } = await this.buildRequest(thread, history, args.apiKey, args.tools);
      if (args.bodyOverride !== undefined) request.body = args.bodyOverride;
      trace.beginStep(request);
      const result = await streamChat({
        fetch,
        request,
        createAdapter,
        signal: args.signal,
        idleTimeoutMs: this.ctx.idleTimeoutMs,
        sleep: this.ctx.sleep,
        onEvent: (ev) => out.emit(clock.next(ev)),
        onFrame: (frame) => trace.onFrame(frame),
        onResponse: (info) => trace.onResponse(info),
        onRetry: (info) => {
          trace.onRetry(info);
          this.ctx.logger.warn('retrying request', { attempt: info.attempt, waitMs: info.waitMs, code: info.error.code });
        },
      });
      status = result.status;
      error = result.error ? this.ctx.redactor.value(result.error) : null;
      trace.endStep({ status, error });
    } catch (err) {
      error = err instanceof AppFailure ? err.error : { code: 'unknown', message: 'The request could not be built.' };
      if (!(err instanceof AppFailure)) this.ctx.logger.error('request build failed', errorDetails(err));
    }
    out.emit([...clock.close(), { type: 'status', status, error }]);
    this.ctx.writer.flush();
    this.clients.flush();
    if (error) this.ctx.logger.warn('answer ended with an error', { code: error.code, status: error.status });
    return out.message;
  }

  async buildRequest(
    thread: Thread,
    history: Message[],
    apiKey: string,
    toolSet: ToolSet | null,
  ): Promise<{ request: HttpRequest; createAdapter: () => ProtocolAdapter; fetch: typeof globalThis.fetch }> {
    const settings = this.ctx.settings.getSettings();
    // `apiKey` was checked when the answer started; every step asks again, as the base URL may have
    // moved to another origin since (a tool loop waiting on the user) and the key must not follow it.
    const target = await this.ctx.threadTarget(thread.id);
    const tools = toolSet && toolSet.tools.length > 0 ? toolSpecs(toolSet) : undefined;
    const params = effectiveParams(thread, settings);
    const common = {
      baseUrl: target.baseUrl,
      apiKey: target.apiKey,
      model: thread.model,
      systemPrompt: thread.systemPrompt,
      maxTokens: params.maxTokens,
      temperature: params.temperature,
      topP: params.topP,
      history,
      tools,
      toolChoice: tools && toolSet ? toolChoice(toolSet) : undefined,
      resolveAttachment: this.ctx.attachments.resolver(thread.protocol, history),
    };
    if (thread.protocol === 'anthropic-messages') {
      const request = await buildAnthropicRequest({
        ...common,
        auth: target.authStyle,
        thinking: thread.thinking,
        cacheMode: effectiveCacheMode(thread, settings),
      });
      return { request, createAdapter: createAnthropicAdapter, fetch: target.fetch };
    }
    const request = await buildOpenAIChatRequest({ ...common, reasoningEffort: params.reasoningEffort });
    return { request, createAdapter: createOpenAIChatAdapter, fetch: target.fetch };
  }
}

/** exported for the suite runner (electron/core/suite/step.ts), which builds the same requests */
export function toolSpecs(set: ToolSet): ToolSpec[] {
  return set.tools.map((t) => ({ name: t.name, description: t.description || undefined, parameters: t.inputSchema }));
}

export function toolChoice(set: ToolSet): ToolChoice {
  const c = set.toolChoice;
  if (c.type === 'tool') return { name: c.name };
  return c.type === 'any' ? 'required' : c.type;
}
