// ARCHITECTURE.md § One message, end to end: check and store the user turn, create the streaming
// assistant message, then answer it — one streamed step (step.ts), or the tool loop (tool-loop.ts)
// when the thread's playground has tools — and keep the answer's trace.
import type { InputPart, RouteInput } from '../../shared/contract';
import type { Message, Part, Thread, Trace } from '../../shared/domain';
import type { ToolDecision } from '../../shared/tools';
import type { Clients } from './clients';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import { Audience, LiveAnswers } from './live';
import { errorDetails } from './logger';
import { newMessage } from './new-message';
import type { PlaygroundService } from './playground';
import { StepRunner } from './step';
import { ToolLoopDriver } from './tool-loop';
import type { McpHub } from '../mcp/hub';
import { withMcpTools } from '../mcp/playground';
import { createTraceRecorder } from './trace-recorder';

const TITLE_MAX = 48;

export class ChatService {
  private active = new Map<string, AbortController>();
  /** each message id of a running answer → the answer's promise (settles once its state is stored) */
  private running = new Map<string, Promise<void>>();
  /** the state main has applied to each message of a running answer, for windows that (re)attach */
  private readonly live = new LiveAnswers();

  private readonly steps: StepRunner;
  private readonly loop: ToolLoopDriver;

  constructor(
    private readonly ctx: CoreContext,
    private readonly clients: Clients,
    private readonly playground: PlaygroundService,
    /** MCP servers whose switched-on tools join the thread's tool set */
    private readonly mcp?: McpHub,
  ) {
    this.steps = new StepRunner(ctx, clients, this.live);
    this.loop = new ToolLoopDriver(ctx, clients, this.steps, mcp);
  }

  respond(messageId: string, toolCallId: string, decision: ToolDecision): void {
    this.loop.respond(messageId, toolCallId, decision);
  }

  async send(threadId: string, input: InputPart[], clientId: string): Promise<{ userMessage: Message; assistantMessage: Message }> {
    const thread = this.ctx.threads.get(threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    // Check everything that can fail before anything is stored: a failed send keeps the composer as it was.
    const parts = await this.toParts(input);
    if (parts.length === 0) throw AppFailure.of('invalid_input', 'Type a message first.');
    const { apiKey } = await this.ctx.threadTarget(threadId);
    this.ctx.attachments.checkSendable(thread.protocol, this.ctx.messages.lastMessages(threadId), parts);
    this.playground.checkSendable(thread);

    const now = Date.now();
    const isFirst = this.ctx.messages.listByThread(threadId, { limit: 1 }).messages.length === 0;
    // After the end of the selected path: that is what the user sees and answers.
    const userMessage = this.ctx.messages.insert(newMessage({ threadId, role: 'user', parts, createdAt: now }));
    const assistantMessage = this.ctx.messages.insert({ ...this.newAssistant(thread, now + 1), parentId: userMessage.id });
    this.updateThreadAfterSend(thread, isFirst ? titleFrom(parts) : null);
    this.start(thread, assistantMessage, clientId, apiKey);
    return { userMessage, assistantMessage };
  }

  /**
   * Makes the caller an audience of the running answers (of one thread, or all) and returns their
   * messages as main has them now. What was queued for the caller about them is dropped: the snapshot
   * holds it. Synchronous on purpose, so no event can fall between the snapshot and the joining.
   */
  attach(threadId: string | undefined, clientId: string): Message[] {
    this.clients.holdChat(clientId);
    return this.live.list(threadId).map(({ message, audience }) => {
      this.clients.dropQueued(clientId, message.id);
      audience.clientIds.add(clientId);
      return message;
    });
  }

  /** A window or socket is gone for good: running answers stop sending to it. */
  clientGone(clientId: string): void {
    this.live.forget(clientId);
  }

  /** Runs a finished (failed, stopped, interrupted or done) assistant message again, in place. */
  async retry(messageId: string, clientId: string): Promise<Message> {
    const old = this.ctx.messages.get(messageId);
    if (!old || old.role !== 'assistant') throw AppFailure.of('not_found', 'That answer no longer exists.');
    if (old.status === 'streaming') throw AppFailure.of('invalid_input', 'That answer is still streaming.');
    // The answer may have sent its final state and still be saving its trace: let it finish first.
    await this.running.get(messageId);
    const thread = this.ctx.threads.get(old.threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    const { apiKey } = await this.ctx.threadTarget(thread.id);
    const fresh: Message = { ...this.newAssistant(thread, old.createdAt), id: old.id };
    const { parts, status, error, usage, finishReason } = fresh;
    this.ctx.messages.update(fresh.id, { parts, status, error, usage, finishReason });
    this.start(thread, fresh, clientId, apiKey);
    return fresh;
  }

  /** A new answer beside a finished one (same question, same history); the old answer stays a branch. */
  async regenerate(messageId: string, clientId: string): Promise<{ message: Message; siblings: string[] }> {
    const old = this.ctx.messages.get(messageId);
    if (!old || old.role !== 'assistant') throw AppFailure.of('not_found', 'That answer no longer exists.');
    if (old.status === 'streaming') throw AppFailure.of('invalid_input', 'That answer is still streaming.');
    const thread = this.ctx.threads.get(old.threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    const apiKey = await this.ctx.requireKey();
    this.ctx.requireBaseUrl();
    this.playground.checkSendable(thread);
    const message = this.ctx.messages.insert({
      ...this.newAssistant(thread, Math.max(Date.now(), old.createdAt)),
      parentId: old.parentId ?? null,
    });
    this.updateThreadAfterSend(thread, null);
    this.start(thread, message, clientId, apiKey);
    return { message, siblings: this.siblingIds(message) };
  }

  /** The user message with new text, its attachments kept, as a sibling of the old one; then its answer. */
  async edit(
    messageId: string,
    text: string,
    clientId: string,
  ): Promise<{ userMessage: Message; assistantMessage: Message; siblings: string[] }> {
    const old = this.ctx.messages.get(messageId);
    if (!old || old.role !== 'user') throw AppFailure.of('not_found', 'That message no longer exists.');
    const thread = this.ctx.threads.get(old.threadId);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.');
    const parts: Part[] = [
      ...(text.trim() ? [{ type: 'text' as const, text }] : []),
      ...old.parts.filter((p) => p.type !== 'text'),
    ];
    if (parts.length === 0) throw AppFailure.of('invalid_input', 'Type a message first.');
    const apiKey = await this.ctx.requireKey();
    this.ctx.requireBaseUrl();
    const history = this.ctx.messages.history(old.id);
    this.ctx.attachments.checkSendable(thread.protocol, history, parts);
    this.playground.checkSendable(thread);
    const now = Math.max(Date.now(), old.createdAt);
    const userMessage = this.ctx.messages.insert(
      newMessage({ threadId: thread.id, role: 'user', parts, createdAt: now, parentId: old.parentId ?? null }),
    );
    const assistantMessage = this.ctx.messages.insert({ ...this.newAssistant(thread, now + 1), parentId: userMessage.id });
    this.updateThreadAfterSend(thread, null);
    this.start(thread, assistantMessage, clientId, apiKey);
    return { userMessage, assistantMessage, siblings: this.siblingIds(userMessage) };
  }

  /** Edit and resend a traced step: a branch thread whose new answer streams from the edited body. */
  async resend(input: RouteInput<'traces.resend'>, clientId: string): Promise<{ thread: Thread; assistantMessage: Message }> {
    const source = this.ctx.messages.get(input.messageId);
    if (!source) throw AppFailure.of('not_found', 'That answer no longer exists.');
    // The branch goes to the same gateway with the same key as the answer it branches from.
    const { apiKey, profileId } = await this.ctx.threadTarget(source.threadId);
    const { thread, assistant, body } = this.playground.branch(input);
    this.ctx.pinThread(thread.id, profileId);
    this.clients.broadcast('threads.changed', { thread });
    this.start(thread, assistant, clientId, apiKey, body);
    return { thread, assistantMessage: assistant };
  }

  stop(messageId: string): void {
    this.active.get(messageId)?.abort();
  }

  /** Aborts every stream and waits until each has written its final state. */
  async shutdown(): Promise<void> {
    for (const c of this.active.values()) c.abort();
    await Promise.allSettled([...new Set(this.running.values())]);
  }

  private siblingIds(m: Message): string[] {
    return this.ctx.messages.siblings(m.threadId, [m.id])[m.id] ?? [m.id];
  }

  newAssistant(thread: Thread, createdAt: number): Message {
    return newMessage({ threadId: thread.id, role: 'assistant', model: thread.model, createdAt });
  }

  /** The composer's input as stored parts (attachments resolved); compare.ts uses it too. */
  async toParts(input: InputPart[]): Promise<Part[]> {
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

  updateThreadAfterSend(thread: Thread, title: string | null): void {
    const updated = title ? this.ctx.threads.update(thread.id, { title }) : null;
    this.ctx.threads.touch(thread.id);
    const latest = this.ctx.threads.get(thread.id) ?? updated;
    if (latest) this.clients.broadcast('threads.changed', { thread: latest });
  }

  /**
   * Runs the answer `message` for `thread` (compare.ts passes the thread with a column's model and
   * protocol laid over it: the same step and tool loop code answers every column).
   */
  start(thread: Thread, message: Message, clientId: string, apiKey: string, bodyOverride?: string): void {
    const controller = new AbortController();
    const audience = new Audience(clientId);
    // Live from the first instant: a window attaching before the first delta still gets the message.
    this.live.put(message, audience);
    const ids = new Set<string>([message.id]);
    let run: Promise<void> | null = null;
    const track = (id: string) => {
      ids.add(id);
      this.active.set(id, controller);
      if (run) this.running.set(id, run);
    };
    track(message.id);
    run = this.answer(thread, message, audience, apiKey, controller, track, bodyOverride)
      .catch((err) => this.ctx.logger.error('answer crashed', errorDetails(err)))
      .finally(() => {
        this.live.end(ids, audience);
        for (const id of ids) {
          if (this.active.get(id) === controller) this.active.delete(id);
          if (this.running.get(id) === run) this.running.delete(id);
        }
      });
    for (const id of ids) this.running.set(id, run);
  }

  /** One answer: a single streamed step, or the tool loop when the thread's playground has tools. */
  private async answer(
    thread: Thread,
    first: Message,
    audience: Audience,
    apiKey: string,
    controller: AbortController,
    track: (id: string) => void,
    bodyOverride?: string,
  ): Promise<void> {
    const trace = createTraceRecorder({
      messageId: first.id,
      threadId: thread.id,
      protocol: thread.protocol,
      model: thread.model,
      redactor: this.ctx.redactor,
    });
    const own = this.ctx.playgrounds.get(thread.id);
    const ownNames = new Set(own.enabled ? own.toolSet.tools.map((t) => t.name) : []);
    const playground = withMcpTools(own, this.mcp?.toolsFor(thread.id, ownNames) ?? []);
    const ids =
      bodyOverride === undefined && playground.enabled && playground.toolSet.tools.length > 0
        ? await this.loop.run({ thread, first, audience, apiKey, controller, playground, trace, track })
        : [
            (
              await this.steps.run({
                thread,
                message: first,
                audience,
                apiKey,
                signal: controller.signal,
                trace,
                tools: null,
                bodyOverride,
              })
            ).id,
          ];
    this.saveTrace(trace.snapshot(), ids);
  }

  /** Every assistant message of a tool loop opens the same trace: one copy is kept per message. */
  private saveTrace(trace: Trace, messageIds: string[]): void {
    try {
      for (const messageId of messageIds) this.ctx.traces.save({ ...trace, id: `${trace.id}:${messageId}`, messageId });
    } catch (err) {
      // A trace is a diagnostic: failing to keep it must never fail the answer.
      this.ctx.logger.error('saving the trace failed', errorDetails(err));
    }
  }
}

export function titleFrom(parts: Part[]): string | null {
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
