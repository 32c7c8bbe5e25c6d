// Routes of the tool playground and the trace view: tool sets (validated by ajv in main), presets,
// import/export, and a message's trace (view, curl, export, edit-and-resend into a branch).
import { randomUUID } from 'node:crypto';
import type { RouteInput, RouteOutput } from '../../shared/contract';
import type { Message, Protocol, Thread } from '../../shared/domain';
import type { PlaygroundConfig } from '../../shared/tools';
import { exportToolSet, importToolSet, PRESET_NAMES, presetTool, validateToolSet } from '../tools';
import type { CoreContext } from './context';
import { AppFailure } from './failure';
import { newMessage } from './new-message';
import { exportTrace, toCurl } from './trace-export';

export class PlaygroundService {
  constructor(private readonly ctx: CoreContext) {}

  get(threadId: string): PlaygroundConfig {
    this.thread(threadId);
    return this.ctx.playgrounds.get(threadId);
  }

  update(threadId: string, config: PlaygroundConfig): RouteOutput<'playground.update'> {
    const thread = this.thread(threadId);
    const saved = this.ctx.playgrounds.put(threadId, config);
    return { config: saved, check: this.validate(saved.toolSet, thread.protocol) };
  }

  validate(toolSet: unknown, protocol?: Protocol): RouteOutput<'playground.validate'> {
    return validateToolSet(toolSet, { protocol });
  }

  presets(): RouteOutput<'playground.presets'> {
    return PRESET_NAMES.map((n) => presetTool(n));
  }

  import(json: string): RouteOutput<'playground.import'> {
    const r = importToolSet(json);
    if (!r.ok) {
      const first = r.errors[0];
      throw AppFailure.of('invalid_input', `This tool set cannot be imported: ${first ? `${first.path || '/'} ${first.message}` : 'invalid'}`, {
        reason: 'tool_import',
      });
    }
    return { toolSet: r.set, warnings: r.warnings.map((w) => `${w.path || '/'}: ${w.message}`) };
  }

  export(threadId: string): { json: string } {
    return { json: exportToolSet(this.get(threadId).toolSet) };
  }

  /** Refuses to send with a tool set the API would reject, before anything is stored. */
  checkSendable(thread: Thread): void {
    const pg = this.ctx.playgrounds.get(thread.id);
    if (!pg.enabled || pg.toolSet.tools.length === 0) return;
    const check = this.validate(pg.toolSet, thread.protocol);
    if (!check.ok) {
      const first = check.errors[0]!;
      throw AppFailure.of('invalid_input', `Fix the playground's tools first: ${first.path || '/'} ${first.message}`, { reason: 'tool_invalid' });
    }
  }

  trace(messageId: string): RouteOutput<'traces.get'> {
    // Traces are redacted when recorded; once more on the way out, for every key known now.
    return this.ctx.redactor.value(this.ctx.traces.getByMessage(messageId));
  }

  curl(messageId: string, step: number): { curl: string } {
    return { curl: toCurl(this.step(messageId, step)) };
  }

  exportTrace(messageId: string): { json: string; fileName: string } {
    const trace = this.mustTrace(messageId);
    const stamp = new Date(trace.createdAt).toISOString().replace(/[:.]/g, '-');
    return { json: exportTrace(trace), fileName: `yibu-trace-${stamp}.json` };
  }

  /**
   * "Edit and resend": a new branch thread with the conversation up to that answer, whose new answer
   * is streamed from the edited request body. Returns what the chat service should run.
   */
  branch(input: RouteInput<'traces.resend'>): { thread: Thread; assistant: Message; body: string } {
    this.step(input.messageId, input.step);
    try {
      JSON.parse(input.body);
    } catch (err) {
      throw AppFailure.of('invalid_input', `The edited body is not valid JSON: ${(err as Error).message}`, { reason: 'body_json' });
    }
    const source = this.ctx.messages.get(input.messageId);
    if (!source) throw AppFailure.of('not_found', 'That answer no longer exists.');
    const from = this.thread(source.threadId);
    const thread = this.ctx.threads.create({
      model: from.model,
      protocol: from.protocol,
      systemPrompt: from.systemPrompt,
      thinking: from.thinking,
      title: `${from.title} ⎇`,
    });
    this.ctx.playgrounds.put(thread.id, { ...this.ctx.playgrounds.get(from.id), enabled: false });
    let t = Date.now();
    // The source answer's own branch; each copy follows the one before (the old parent ids are the old thread's).
    for (const m of this.ctx.messages.history(source.id)) {
      if (m.createdAt >= source.createdAt) break;
      this.ctx.messages.insert({ ...m, id: randomUUID(), threadId: thread.id, createdAt: ++t, parentId: undefined });
    }
    const assistant = newMessage({ threadId: thread.id, role: 'assistant', model: from.model, createdAt: ++t });
    this.ctx.messages.insert(assistant);
    return { thread: this.ctx.threads.get(thread.id) ?? thread, assistant, body: input.body };
  }

  private step(messageId: string, index: number) {
    const step = this.mustTrace(messageId).steps[index];
    if (!step) throw AppFailure.of('not_found', 'That step is not in the trace.');
    return step;
  }

  private mustTrace(messageId: string) {
    const trace = this.ctx.traces.getByMessage(messageId);
    if (!trace) throw AppFailure.of('not_found', 'No trace was recorded for this answer.');
    return this.ctx.redactor.value(trace); // curl and export leave the app: redacted again, as values
  }

  private thread(id: string): Thread {
    const t = this.ctx.threads.get(id);
    if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
    return t;
  }
}
