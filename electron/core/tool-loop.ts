// Drives the tool loop for a playground thread: each model step is a stored assistant message, the
// tool results of a step are one stored `tool` message, tools run by their mode (mock, QuickJS
// script, or the user's answer), and the loop pauses where the user must decide.
import type { ChatEvent } from '../../shared/chat-events';
import type { Message, Part, Thread } from '../../shared/domain';
import type { PlaygroundConfig, ToolDecision } from '../../shared/tools';
import { createInputValidator, describeIssues, executeTool, manualSkeleton, runToolLoop } from '../tools';
import type { BeforeRunDecision, InvalidInputDecision, LoopToolCall, ToolResult } from '../tools/loop';
import type { McpCallOutcome } from '../tools/executor';
import type { ToolRun } from '../../shared/tools';
import type { McpCallRecord } from '../mcp/connection';
import { storeBlocks } from '../mcp/result';
import type { Clients } from './clients';
import type { Audience } from './live';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import { newMessage } from './new-message';
import type { StepRunner } from './step';
import type { TraceRecorder } from './trace-recorder';

/** What the loop needs of the MCP hub. */
export interface McpCaller {
  call(server: string, tool: string, input: unknown, signal?: AbortSignal): Promise<McpCallRecord>;
}

type StatusFields = Omit<Extract<ChatEvent, { type: 'tool-call-status' }>, 'type' | 'id'>;

interface Waiting {
  messageId: string;
  resolve: (d: ToolDecision) => void;
}

export interface LoopArgs {
  thread: Thread;
  first: Message;
  audience: Audience;
  apiKey: string;
  controller: AbortController;
  playground: PlaygroundConfig;
  trace: TraceRecorder;
  /** called for each assistant message the loop creates, so Stop on it reaches this loop */
  track: (messageId: string) => void;
}

export class ToolLoopDriver {
  private waiting = new Map<string, Waiting>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly clients: Clients,
    private readonly steps: StepRunner,
    /** calls MCP tools (electron/mcp/hub.ts); absent: an MCP tool answers with an error */
    private readonly mcp?: McpCaller,
  ) {}

  respond(messageId: string, toolCallId: string, decision: ToolDecision): void {
    const w = this.waiting.get(toolCallId);
    if (!w || w.messageId !== messageId) throw AppFailure.of('not_found', 'That tool call is not waiting for an answer.');
    this.waiting.delete(toolCallId);
    w.resolve(decision);
  }

  /** Runs the loop from the first (already created) assistant message; resolves with every assistant message id. */
  async run(a: LoopArgs): Promise<string[]> {
    const { thread, audience, playground, trace } = a;
    const tools = playground.toolSet.tools;
    const signal = a.controller.signal;
    let current = a.first;
    const ids = [current.id];
    // `current` is always the latest in-memory state of the step's message (stored writes are coalesced).
    const status = (id: string, fields: StatusFields) => {
      current = this.emitOn(current, audience, [{ type: 'tool-call-status', id, awaiting: null, ...fields }]);
    };

    const result = await runToolLoop({
      maxSteps: playground.maxSteps,
      signal,
      validate: createInputValidator(tools),
      runStep: async (history, { step }) => {
        if (step > 1) {
          const turn = history.at(-1);
          // Each step follows the one before on the same branch, whatever the user shows meanwhile.
          const tool = turn ? this.insert(thread.id, audience, 'tool', turn.parts, 'done', null, current.id) : null;
          current = this.insert(thread.id, audience, 'assistant', [], 'streaming', thread.model, tool?.id ?? current.id);
          ids.push(current.id);
          a.track(current.id);
        }
        const final = await this.steps.run({ thread, message: current, audience, apiKey: a.apiKey, signal, trace, tools: playground.toolSet });
        current = final;
        const ended = final.status === 'streaming' || final.status === 'interrupted' ? 'error' : final.status;
        return { parts: final.parts, stopReason: final.finishReason, status: ended, error: final.error?.message };
      },
      beforeRun: playground.pauseBeforeRun
        ? async (call): Promise<BeforeRunDecision> => {
            const def = tools.find((t) => t.name === call.name);
            const d = await this.ask(current.id, call.id, signal, () =>
              status(call.id, { status: 'waiting', awaiting: 'approval', resultDraft: def ? manualSkeleton(def, call.input) : undefined }),
            );
            if (d.action === 'run') return { action: d.input === undefined ? 'run' : 'edit', input: d.input };
            if (d.action === 'result') return { action: 'result', content: d.content, isError: d.isError };
            return { action: 'result', content: d.content ?? 'The user declined to run this tool.', isError: true };
          }
        : undefined,
      onInvalidInput: async (part, issues): Promise<InvalidInputDecision> => {
        const d = await this.ask(current.id, part.id, signal, () =>
          status(part.id, { status: 'error', awaiting: 'fix', inputError: describeIssues(issues) }),
        );
        if (d.action === 'run') return { action: 'run', input: d.input };
        if (d.action === 'result') return { action: 'error', content: d.content };
        return { action: 'error', content: d.content };
      },
      execute: (call, { signal: s }) => this.execute(() => current.id, call, s, trace, tools, status),
    });

    if (result.reason === 'step_limit') current = this.emitOn(current, audience, [{ type: 'finish', reason: 'step_limit' }]);
    if (result.reason === 'aborted') {
      // Calls left waiting or running when the user stopped: show them as stopped, not spinning forever.
      for (const part of current.parts) {
        if (part.type === 'tool_call' && (part.status === 'waiting' || part.status === 'running')) {
          status(part.id, { status: 'error', inputError: 'Stopped' });
        }
      }
    }
    for (const [id, w] of this.waiting) if (ids.includes(w.messageId)) this.waiting.delete(id);
    this.ctx.writer.flush();
    this.clients.flush();
    return ids;
  }

  private async execute(
    messageId: () => string,
    call: LoopToolCall,
    signal: AbortSignal,
    trace: TraceRecorder,
    tools: PlaygroundConfig['toolSet']['tools'],
    status: (id: string, f: StatusFields) => void,
  ): Promise<ToolResult> {
    const def = tools.find((t) => t.name === call.name);
    if (!def) {
      status(call.id, { status: 'error' });
      return { content: `Unknown tool: ${call.name}`, isError: true };
    }
    status(call.id, { status: 'running', input: call.input });
    trace.toolRunStart(call.id, call.name);
    const callMcp = this.mcp ? (run: Extract<ToolRun, { mode: 'mcp' }>, input: unknown, s?: AbortSignal) => this.callMcp(run, input, s, call.id, trace) : undefined;
    const r = await executeTool(def, call.input, { signal, callMcp });
    let out: ToolResult;
    if (r.status === 'waiting') {
      const skeleton = r.skeleton;
      const d = await this.ask(messageId(), call.id, signal, () => status(call.id, { status: 'waiting', awaiting: 'result', resultDraft: skeleton }));
      out =
        d.action === 'result'
          ? { content: d.content, isError: d.isError }
          : d.action === 'error'
            ? { content: d.content ?? 'The user reported an error.', isError: true }
            : { content: JSON.stringify(d.input ?? {}), isError: false };
    } else {
      out = { content: r.content, isError: r.isError, durationMs: r.durationMs, logs: 'logs' in r ? r.logs : undefined };
      if ('blocks' in r && r.blocks) out.blocks = r.blocks;
    }
    trace.toolRunEnd(call.id, { isError: out.isError });
    status(call.id, { status: out.isError ? 'error' : 'done', durationMs: out.durationMs });
    return out;
  }

  /** One MCP call: recorded on the trace's tool run, images kept as attachments, blocks as the server sent them. */
  private async callMcp(
    run: Extract<ToolRun, { mode: 'mcp' }>,
    input: unknown,
    signal: AbortSignal | undefined,
    toolCallId: string,
    trace: TraceRecorder,
  ): Promise<McpCallOutcome> {
    const rec = await this.mcp!.call(run.server, run.tool, input, signal);
    trace.toolRunMcp(toolCallId, rec);
    const { content, isError, blocks } = rec.outcome;
    // One text block is the plain string result; anything more keeps its blocks.
    if (blocks.length === 1 && blocks[0]?.type === 'text') return { content, isError };
    if (blocks.length === 0) return { content, isError };
    const stored = await storeBlocks(blocks, async (mime, data) => {
      const a = await this.ctx.attachments.add({ name: `${run.tool}-result`, mime, data });
      return { attachmentId: a.id, mime: a.mime };
    }).catch((err: unknown) => [
      ...blocks.filter((b) => b.type === 'text'),
      { type: 'text' as const, text: `[an image of the result could not be kept: ${err instanceof Error ? err.message : String(err)}]` },
    ]);
    return { content, isError, blocks: stored };
  }

  /** Registers the call as waiting for the user, shows it, and resolves with the user's decision. */
  private ask(messageId: string, toolCallId: string, signal: AbortSignal, show: () => void): Promise<ToolDecision> {
    return new Promise<ToolDecision>((resolve, reject) => {
      if (signal.aborted) return reject(signal.reason);
      this.waiting.set(toolCallId, { messageId, resolve });
      signal.addEventListener('abort', () => {
        this.waiting.delete(toolCallId);
        reject(signal.reason);
      }, { once: true });
      show();
      this.clients.flush();
    });
  }

  private emitOn(message: Message, audience: Audience, events: ChatEvent[]): Message {
    const out = this.steps.emitter(message.threadId, audience, null, message);
    out.emit(events);
    return out.message;
  }

  private insert(
    threadId: string,
    audience: Audience,
    role: Message['role'],
    parts: Part[],
    status: Message['status'],
    model: string | null,
    parentId: string,
  ): Message {
    const message = newMessage({ threadId, role, parts, status, model, createdAt: Date.now(), parentId });
    // Keep creation order strictly increasing even within one millisecond.
    const last = this.ctx.messages.lastMessages(threadId).at(-1);
    if (last && last.createdAt >= message.createdAt) message.createdAt = last.createdAt + 1;
    this.ctx.messages.insert(message);
    for (const clientId of audience.clientIds) this.clients.send(clientId, 'message.created', { message });
    return message;
  }
}
