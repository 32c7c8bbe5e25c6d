// One message, end to end (architecture.md): store the user turn, create the streaming assistant
// message, build the request for the thread's protocol, stream it, and send every event three
// ways: applied to the stored message (coalesced writes), queued for the asking window, and — in
// later issues — appended to the trace.
import { randomUUID } from 'node:crypto';
import { applyChatEvent, type ChatEvent } from '../../shared/chat-events';
import type { InputPart } from '../../shared/contract';
import type { AppError, Message, Part, Thread, Trace } from '../../shared/domain';
import { buildAnthropicRequest, createAnthropicAdapter } from '../providers/anthropic-messages';
import { buildOpenAIChatRequest, createOpenAIChatAdapter } from '../providers/openai-chat';
import { streamChat } from '../providers/stream';
import type { HttpRequest, ProtocolAdapter } from '../providers/types';
import type { Clients } from './clients';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import { errorDetails } from './logger';
import { createTraceRecorder } from './trace-recorder';

const TITLE_MAX = 48;

export class ChatService {
  private active = new Map<string, AbortController>();
  private running = new Set<Promise<void>>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly clients: Clients,
  ) {}

  async send(threadId: string, input: InputPart[], clientId: string): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const thread = this.ctx.threads.get(threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    // Check everything that can fail before anything is stored: a failed send keeps the composer as it was.
    const parts = await this.toParts(input);
    if (parts.length === 0) throw AppFailure.of('invalid_input', 'Type a message first.');
    const apiKey = await this.ctx.requireKey();
    this.ctx.requireBaseUrl();
    this.ctx.attachments.checkSendable(thread.protocol, this.ctx.messages.lastMessages(threadId), parts);

    const now = Date.now();
    const userMessage: Message = {
      id: randomUUID(),
      threadId,
      role: 'user',
      parts,
      status: 'done',
      error: null,
      usage: null,
      model: null,
      finishReason: null,
      createdAt: now,
    };
    const assistantMessage = this.newAssistant(thread, now + 1);
    const isFirst = this.ctx.messages.listByThread(threadId, { limit: 1 }).messages.length === 0;
    this.ctx.messages.insert(userMessage);
    this.ctx.messages.insert(assistantMessage);
    this.updateThreadAfterSend(thread, isFirst ? titleFrom(parts) : null);
    this.start(thread, assistantMessage, clientId, apiKey);
    return { userMessage, assistantMessage };
  }

  /** Runs a finished (failed, stopped or done) assistant message again, in place. */
  async retry(messageId: string, clientId: string): Promise<Message> {
    const old = this.ctx.messages.get(messageId);
    if (!old || old.role !== 'assistant') throw AppFailure.of('not_found', 'That answer no longer exists.');
    if (this.active.has(messageId)) throw AppFailure.of('invalid_input', 'That answer is still streaming.');
    const thread = this.ctx.threads.get(old.threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    const apiKey = await this.ctx.requireKey();
    this.ctx.requireBaseUrl();
    const fresh: Message = { ...this.newAssistant(thread, old.createdAt), id: old.id };
    const { parts, status, error, usage, finishReason } = fresh;
    this.ctx.messages.update(fresh.id, { parts, status, error, usage, finishReason });
    this.start(thread, fresh, clientId, apiKey);
    return fresh;
  }

  stop(messageId: string): void {
    this.active.get(messageId)?.abort();
  }

  /** Aborts every stream and waits until each has written its final state. */
  async shutdown(): Promise<void> {
    for (const c of this.active.values()) c.abort();
    await Promise.allSettled([...this.running]);
  }

  private newAssistant(thread: Thread, createdAt: number): Message {
    return {
      id: randomUUID(),
      threadId: thread.id,
      role: 'assistant',
      parts: [],
      status: 'streaming',
      error: null,
      usage: null,
      model: thread.model,
      finishReason: null,
      createdAt,
    };
  }

  private async toParts(input: InputPart[]): Promise<Part[]> {
    const parts: Part[] = [];
    for (const p of input) {
      if (p.type === 'text') {
        if (p.text.trim()) parts.push({ type: 'text', text: p.text });
      } else {
        parts.push(await this.ctx.attachments.part(p.attachmentId));
      }
    }
    return parts;
  }

  private updateThreadAfterSend(thread: Thread, title: string | null): void {
    const updated = title ? this.ctx.threads.update(thread.id, { title }) : null;
    this.ctx.threads.touch(thread.id);
    const latest = this.ctx.threads.get(thread.id) ?? updated;
    if (latest) this.clients.broadcast('threads.changed', { thread: latest });
  }

  private start(thread: Thread, message: Message, clientId: string, apiKey: string): void {
    const controller = new AbortController();
    this.active.set(message.id, controller);
    const run = this.run(thread, message, clientId, apiKey, controller.signal)
      .catch((err) => this.ctx.logger.error('stream crashed', errorDetails(err)))
      .finally(() => {
        this.active.delete(message.id);
        this.running.delete(run);
      });
    this.running.add(run);
  }

  private async run(thread: Thread, initial: Message, clientId: string, apiKey: string, signal: AbortSignal): Promise<void> {
    let msg = initial;
    const trace = createTraceRecorder({
      messageId: initial.id,
      threadId: thread.id,
      protocol: thread.protocol,
      model: thread.model,
      redactor: this.ctx.redactor,
    });
    const emit = (events: ChatEvent[]) => {
      for (const ev of events) {
        msg = applyChatEvent(msg, ev);
        trace.onEvent(ev);
      }
      this.ctx.writer.schedule(msg);
      this.clients.queueChat(clientId, thread.id, msg.id, events);
    };
    let status: Exclude<Message['status'], 'streaming'> = 'error';
    let error: AppError | null = null;
    try {
      const history = this.ctx.messages.lastMessages(thread.id).filter((m) => m.createdAt < initial.createdAt);
      const { request, createAdapter } = await this.buildRequest(thread, history, apiKey);
      trace.beginStep(request);
      const result = await streamChat({
        fetch: this.ctx.fetch,
        request,
        createAdapter,
        signal,
        idleTimeoutMs: this.ctx.idleTimeoutMs,
        sleep: this.ctx.sleep,
        onEvent: (ev) => emit([ev]),
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
    emit([{ type: 'status', status, error }]);
    this.ctx.writer.flush();
    this.clients.flush();
    this.saveTrace(() => trace.snapshot());
    if (error) this.ctx.logger.warn('answer ended with an error', { code: error.code, status: error.status });
  }

  private saveTrace(snapshot: () => Trace): void {
    try {
      this.ctx.traces.save(snapshot());
    } catch (err) {
      // A trace is a diagnostic: failing to keep it must never fail the answer.
      this.ctx.logger.error('saving the trace failed', errorDetails(err));
    }
  }

  private async buildRequest(
    thread: Thread,
    history: Message[],
    apiKey: string,
  ): Promise<{ request: HttpRequest; createAdapter: () => ProtocolAdapter }> {
    const settings = this.ctx.settings.getSettings();
    const common = {
      baseUrl: settings.baseUrl,
      apiKey,
      model: thread.model,
      systemPrompt: thread.systemPrompt,
      maxTokens: settings.maxTokens,
      history,
      resolveAttachment: this.ctx.attachments.resolver(thread.protocol, history),
    };
    if (thread.protocol === 'anthropic-messages') {
      const request = await buildAnthropicRequest({
        ...common,
        auth: settings.anthropicAuth,
        thinking: thread.thinking,
      });
      return { request, createAdapter: createAnthropicAdapter };
    }
    const request = await buildOpenAIChatRequest(common);
    return { request, createAdapter: createOpenAIChatAdapter };
  }
}

function titleFrom(parts: Part[]): string | null {
  const text = parts
    .filter((p): p is Extract<Part, { type: 'text' }> => p.type === 'text')
    .map((p) => p.text)
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (text) return text.length > TITLE_MAX ? `${text.slice(0, TITLE_MAX - 1)}…` : text;
  const image = parts.find((p) => p.type === 'image' || p.type === 'document');
  return image && 'name' in image ? image.name : null;
}
