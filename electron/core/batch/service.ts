// "Describe each" (ARCHITECTURE.md § Batches): one request per image, a few at a time. Each row is a
// question (the prompt and its one image) and a normal traced answer in the batch's hidden thread, run
// by the same StepRunner as chat, so retries (retry-after on 429), storage and traces are chat's own.
import type { RouteInput } from '../../../shared/contract';
import {
  BATCH_DEFAULT_CONCURRENCY,
  fillPrompt,
  rowStatusOf,
  type Batch,
  type BatchExportFormat,
  type BatchRow,
  type BatchRowStatus,
  type BatchView,
} from '../../../shared/batch';
import { defaultProtocolFor, type Message, type Part } from '../../../shared/domain';
import type { BatchesRepo, BatchRecord, RowPatch } from '../../storage/batches';
import type { Clients } from '../clients';
import type { CoreContext } from '../context';
import { AppFailure } from '../failure';
import { Audience, LiveAnswers } from '../live';
import { errorDetails } from '../logger';
import { newMessage } from '../new-message';
import { StepRunner } from '../step';
import { createTraceRecorder } from '../trace-recorder';
import { buildExport } from './export';
import { RowPool } from './pool';

interface Run {
  pool: RowPool;
  audience: Audience;
  controllers: Map<string, AbortController>;
}

const ZERO_COUNTS: Record<BatchRowStatus, number> = { queued: 0, streaming: 0, done: 0, error: 0, stopped: 0 };

export class BatchService {
  private readonly live = new LiveAnswers();
  private readonly steps: StepRunner;
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly ctx: CoreContext,
    private readonly clients: Clients,
    private readonly repo: BatchesRepo,
  ) {
    this.steps = new StepRunner(ctx, clients, this.live);
  }

  async create(input: RouteInput<'batches.create'>, clientId: string): Promise<BatchView> {
    const source = input.threadId ? this.ctx.threads.get(input.threadId) : null;
    if (input.threadId && !source) throw AppFailure.of('not_found', 'This thread no longer exists.');
    // Everything that can fail is checked before anything is stored: the key, then every image.
    const target = source ? await this.ctx.threadTarget(source.id) : null;
    if (!source) await this.ctx.requireTarget();
    for (const img of input.images) {
      const part = await this.ctx.attachments.part(img.attachmentId);
      if (part.type !== 'image') throw AppFailure.of('invalid_input', 'Only images can be described in a batch.', { reason: 'batch_images_only' });
    }
    const settings = this.ctx.settings.getSettings();
    const model = source?.model ?? settings.model;
    const title = input.images[0]!.name;
    const thread = this.ctx.threads.create({ model, protocol: source?.protocol ?? defaultProtocolFor(model), title });
    if (target) this.ctx.pinThread(thread.id, target.profileId);
    const record = this.repo.create(
      { threadId: thread.id, title, prompt: input.prompt, concurrency: input.concurrency ?? BATCH_DEFAULT_CONCURRENCY, createdAt: Date.now() },
      input.images,
    );
    const rows = this.repo.rows(record.id);
    this.runFor(record, clientId).pool.add(rows.map((r) => r.id));
    return this.view(record.id);
  }

  list(): Batch[] {
    const counts = this.repo.counts();
    return this.repo.list().flatMap((r) => this.toBatch(r, counts.get(r.id)) ?? []);
  }

  /** The batch as it is now; the caller also receives its running rows' deltas from now on (as chat.attach). */
  get(id: string, clientId: string): BatchView {
    const view = this.view(id);
    const run = this.runs.get(id);
    if (run) {
      this.clients.holdChat(clientId);
      for (const m of this.live.list(view.batch.threadId)) this.clients.dropQueued(clientId, m.message.id);
      run.audience.clientIds.add(clientId);
    }
    return view;
  }

  update(id: string, patch: { prompt?: string; concurrency?: number }): Batch {
    const record = this.mustGet(id);
    const next = { ...record, ...patch };
    this.repo.update(id, next.prompt, next.concurrency);
    this.runs.get(id)?.pool.setLimit(next.concurrency);
    const batch = this.toBatch(next, this.repo.counts().get(id))!;
    this.clients.broadcast('batch.updated', { batch, rows: [], messages: [] });
    return batch;
  }

  /** Stops what runs and what waits; rows already done stay done. */
  stop(id: string): void {
    this.mustGet(id);
    this.halt(id);
  }

  private halt(id: string): void {
    const run = this.runs.get(id);
    const waiting = run ? run.pool.drain() : this.repo.rows(id).filter((r) => r.status === 'queued').map((r) => r.id);
    const rows = waiting.flatMap((rowId) => this.repo.updateRow(rowId, { status: 'stopped' }) ?? []);
    if (rows.length > 0) this.emit(id, rows, []);
    for (const c of run?.controllers.values() ?? []) c.abort();
  }

  /** Runs failed or stopped rows again, in place, with the batch's current prompt. */
  retry(id: string, rowIds: string[], clientId: string): BatchView {
    const record = this.mustGet(id);
    const rows = this.repo
      .rows(id)
      .filter((r) => rowIds.includes(r.id) && (r.status === 'error' || r.status === 'stopped'))
      .flatMap((r) => this.repo.updateRow(r.id, { status: 'queued', error: null, startedAt: null, endedAt: null }) ?? []);
    if (rows.length > 0) {
      this.emit(id, rows, []);
      const run = this.runFor(record, clientId);
      run.audience.clientIds.add(clientId);
      run.pool.add(rows.map((r) => r.id));
    }
    return this.view(id);
  }

  export(id: string, format: BatchExportFormat): { fileName: string; mime: string; text: string } {
    const out = buildExport(this.view(id), format);
    return { ...out, text: this.ctx.redactor.text(out.text) };
  }

  async delete(id: string): Promise<void> {
    const record = this.mustGet(id);
    this.halt(id);
    await this.runs.get(id)?.pool.whenIdle();
    this.runs.delete(id);
    this.ctx.threads.delete(record.threadId); // the batch, its rows, questions, answers and traces go with it
  }

  /** Batches' own threads are not conversations: the thread list and search leave them out. */
  hidden(): Set<string> {
    return this.repo.threadIds();
  }

  clientGone(clientId: string): void {
    this.live.forget(clientId);
    for (const run of this.runs.values()) run.audience.clientIds.delete(clientId);
  }

  async shutdown(): Promise<void> {
    for (const id of [...this.runs.keys()]) this.halt(id);
    await Promise.allSettled([...this.runs.values()].map((r) => r.pool.whenIdle()));
  }

  private runFor(record: BatchRecord, clientId: string): Run {
    let run = this.runs.get(record.id);
    if (run) return run;
    const created: Run = {
      audience: new Audience(clientId),
      controllers: new Map(),
      pool: new RowPool(record.concurrency, (rowId) => this.runRow(record.id, rowId, created)),
    };
    this.runs.set(record.id, (run = created));
    return run;
  }

  /** One row end to end; never throws, and settles once the row's final state is stored and sent. */
  private async runRow(batchId: string, rowId: string, run: Run): Promise<void> {
    const controller = new AbortController();
    run.controllers.set(rowId, controller);
    try {
      await this.answerRow(batchId, rowId, run, controller);
    } catch (err) {
      this.ctx.logger.error('batch row crashed', errorDetails(err));
      const row = this.repo.updateRow(rowId, { status: 'error', endedAt: Date.now(), error: { code: 'unknown', message: 'The row failed.' } });
      if (row) this.emit(batchId, [row], []);
    } finally {
      run.controllers.delete(rowId);
      if (!run.pool.busy && this.runs.get(batchId) === run) setImmediate(() => !run.pool.busy && this.runs.delete(batchId));
    }
  }

  private async answerRow(batchId: string, rowId: string, run: Run, controller: AbortController): Promise<void> {
    const record = this.repo.get(batchId);
    const row = this.repo.row(rowId);
    const thread = record ? this.ctx.threads.get(record.threadId) : null;
    if (!record || !row || !thread || row.status !== 'queued') return;
    let question: { user: Message; assistant: Message; apiKey: string };
    try {
      const { apiKey } = await this.ctx.threadTarget(thread.id);
      const parts: Part[] = [{ type: 'text', text: fillPrompt(record.prompt, row.name) }, await this.ctx.attachments.part(row.attachmentId)];
      question = { ...this.storeQuestion(row, thread.id, thread.model, parts), apiKey };
    } catch (err) {
      const error = err instanceof AppFailure ? err.error : { code: 'unknown' as const, message: 'The request could not be built.' };
      const failed = this.repo.updateRow(rowId, { status: 'error', startedAt: Date.now(), endedAt: Date.now(), error });
      if (failed) this.emit(batchId, [failed], []);
      return;
    }
    const { assistant, apiKey } = question;
    if (controller.signal.aborted) {
      const stopped = this.repo.updateRow(rowId, { status: 'stopped', messageId: assistant.id });
      this.ctx.messages.update(assistant.id, { status: 'stopped' });
      if (stopped) this.emit(batchId, [stopped], [{ ...assistant, status: 'stopped' }]);
      return;
    }
    const started = this.repo.updateRow(rowId, { status: 'streaming', messageId: assistant.id, startedAt: Date.now(), endedAt: null, error: null });
    if (started) this.emit(batchId, [started], [assistant]);
    const trace = createTraceRecorder({ messageId: assistant.id, threadId: thread.id, protocol: thread.protocol, model: thread.model, redactor: this.ctx.redactor });
    const final = await this.steps.run({ thread, message: assistant, audience: run.audience, apiKey, signal: controller.signal, trace, tools: null });
    this.live.end([assistant.id], run.audience);
    try {
      this.ctx.traces.save({ ...trace.snapshot(), messageId: assistant.id });
    } catch (err) {
      this.ctx.logger.error('saving the trace failed', errorDetails(err));
    }
    const ended = this.repo.updateRow(rowId, { status: rowStatusOf(final.status), endedAt: Date.now() });
    if (ended) this.emit(batchId, [ended], [final]);
  }

  /** The row's question and a fresh answer: new on the first run, in place (prompt as it is now) on a retry. */
  private storeQuestion(row: BatchRow, threadId: string, model: string, parts: Part[]): { user: Message; assistant: Message } {
    const old = row.messageId ? this.ctx.messages.get(row.messageId) : null;
    const oldUser = old?.parentId ? this.ctx.messages.get(old.parentId) : null;
    const now = Date.now();
    if (old && oldUser) {
      const user = this.ctx.messages.update(oldUser.id, { parts }) ?? { ...oldUser, parts };
      const fresh = { ...newMessage({ threadId, role: 'assistant', model, createdAt: old.createdAt }), id: old.id, parentId: user.id };
      this.ctx.messages.update(old.id, { parts: fresh.parts, status: fresh.status, error: null, usage: null, finishReason: null });
      return { user, assistant: fresh };
    }
    const user = this.ctx.messages.insert(newMessage({ threadId, role: 'user', parts, createdAt: now, parentId: null }));
    const assistant = this.ctx.messages.insert({ ...newMessage({ threadId, role: 'assistant', model, createdAt: now + 1 }), parentId: user.id });
    return { user, assistant };
  }

  private emit(batchId: string, rows: BatchRow[], messages: Message[]): void {
    const record = this.repo.get(batchId);
    const batch = record ? this.toBatch(record, this.repo.counts().get(batchId)) : null;
    if (batch) this.clients.broadcast('batch.updated', { batch, rows, messages });
  }

  private view(id: string): BatchView {
    const record = this.mustGet(id);
    const batch = this.toBatch(record, this.repo.counts().get(id));
    if (!batch) throw AppFailure.of('not_found', 'This batch no longer exists.');
    const rows = this.repo.rows(id);
    const live = new Map(this.live.list(record.threadId).map((e) => [e.message.id, e.message]));
    const messages = rows.flatMap((r) => {
      if (!r.messageId) return [];
      const m = live.get(r.messageId) ?? this.ctx.messages.get(r.messageId);
      return m ? [m] : [];
    });
    return { batch, rows, messages };
  }

  private mustGet(id: string): BatchRecord {
    const record = this.repo.get(id);
    if (!record) throw AppFailure.of('not_found', 'This batch no longer exists.');
    return record;
  }

  private toBatch(r: BatchRecord, counts: Partial<Record<BatchRowStatus, number>> | undefined): Batch | null {
    const thread = this.ctx.threads.get(r.threadId);
    if (!thread) return null;
    const c = { ...ZERO_COUNTS, ...counts };
    const total = Object.values(c).reduce((a, b) => a + b, 0);
    return { id: r.id, threadId: r.threadId, title: r.title, model: thread.model, protocol: thread.protocol, prompt: r.prompt, concurrency: r.concurrency, createdAt: r.createdAt, counts: c, total };
  }
}
