// Batches of "Describe each" (ARCHITECTURE.md § Batches) and their rows. A batch's model and protocol
// are its thread's; rows keep their status here, their answers live in the thread's messages.
import { randomUUID } from 'node:crypto';
import { AppError } from '../../shared/domain';
import type { BatchRow, BatchRowStatus } from '../../shared/batch';
import type { CorruptReporter } from './corrupt';
import type { Db } from './db';

export interface BatchRecord {
  id: string;
  threadId: string;
  title: string;
  prompt: string;
  concurrency: number;
  createdAt: number;
}

interface BatchDbRow {
  id: string;
  thread_id: string;
  title: string;
  prompt: string;
  concurrency: number;
  created_at: number;
}

interface RowDbRow {
  id: string;
  batch_id: string;
  idx: number;
  attachment_id: string;
  name: string;
  status: string;
  message_id: string | null;
  started_at: number | null;
  ended_at: number | null;
  error: string | null;
}

export type RowPatch = Partial<Pick<BatchRow, 'status' | 'messageId' | 'startedAt' | 'endedAt' | 'error'>>;

const STATUSES: ReadonlySet<string> = new Set<BatchRowStatus>(['queued', 'streaming', 'done', 'error', 'stopped']);

export class BatchesRepo {
  private readonly stmt;

  constructor(
    private readonly db: Db,
    private readonly onCorrupt?: CorruptReporter,
  ) {
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO batches (id, thread_id, title, prompt, concurrency, created_at)
         VALUES (@id, @thread_id, @title, @prompt, @concurrency, @created_at)`,
      ),
      insertRow: db.prepare(
        `INSERT INTO batch_rows (id, batch_id, idx, attachment_id, name, status, message_id, started_at, ended_at, error)
         VALUES (@id, @batch_id, @idx, @attachment_id, @name, @status, NULL, NULL, NULL, NULL)`,
      ),
      get: db.prepare<[string], BatchDbRow>('SELECT * FROM batches WHERE id = ?'),
      list: db.prepare<[], BatchDbRow>('SELECT * FROM batches ORDER BY created_at DESC, rowid DESC'),
      rows: db.prepare<[string], RowDbRow>('SELECT * FROM batch_rows WHERE batch_id = ? ORDER BY idx'),
      row: db.prepare<[string], RowDbRow>('SELECT * FROM batch_rows WHERE id = ?'),
      counts: db.prepare<[], { batch_id: string; status: string; n: number }>(
        'SELECT batch_id, status, COUNT(*) AS n FROM batch_rows GROUP BY batch_id, status',
      ),
      updateRow: db.prepare(
        `UPDATE batch_rows SET status = @status, message_id = @message_id, started_at = @started_at,
           ended_at = @ended_at, error = @error WHERE id = @id`,
      ),
      update: db.prepare<[string, number, string]>('UPDATE batches SET prompt = ?, concurrency = ? WHERE id = ?'),
      threadIds: db.prepare<[], { thread_id: string }>('SELECT thread_id FROM batches'),
      sweep: db.prepare(`UPDATE batch_rows SET status = 'stopped' WHERE status IN ('queued', 'streaming')`),
    };
  }

  /** Stores a batch and its rows (all queued) as one transaction. */
  create(batch: Omit<BatchRecord, 'id'>, images: ReadonlyArray<{ attachmentId: string; name: string }>): BatchRecord {
    const record: BatchRecord = { ...batch, id: randomUUID() };
    this.db.transaction(() => {
      this.stmt.insert.run({
        id: record.id,
        thread_id: record.threadId,
        title: record.title,
        prompt: record.prompt,
        concurrency: record.concurrency,
        created_at: record.createdAt,
      });
      images.forEach((img, idx) =>
        this.stmt.insertRow.run({ id: randomUUID(), batch_id: record.id, idx, attachment_id: img.attachmentId, name: img.name, status: 'queued' }),
      );
    })();
    return record;
  }

  get(id: string): BatchRecord | null {
    const row = this.stmt.get.get(id);
    return row ? fromBatchRow(row) : null;
  }

  list(): BatchRecord[] {
    return this.stmt.list.all().map(fromBatchRow);
  }

  /** Rows per status of every batch. */
  counts(): Map<string, Partial<Record<BatchRowStatus, number>>> {
    const out = new Map<string, Partial<Record<BatchRowStatus, number>>>();
    for (const { batch_id, status, n } of this.stmt.counts.all()) {
      if (!STATUSES.has(status)) continue;
      const c = out.get(batch_id) ?? {};
      c[status as BatchRowStatus] = n;
      out.set(batch_id, c);
    }
    return out;
  }

  rows(batchId: string): BatchRow[] {
    return this.stmt.rows.all(batchId).flatMap((r) => this.fromRow(r));
  }

  row(id: string): BatchRow | null {
    const r = this.stmt.row.get(id);
    return r ? (this.fromRow(r)[0] ?? null) : null;
  }

  updateRow(id: string, patch: RowPatch): BatchRow | null {
    const current = this.row(id);
    if (!current) return null;
    const next: BatchRow = { ...current, ...patch };
    this.stmt.updateRow.run({
      id,
      status: next.status,
      message_id: next.messageId,
      started_at: next.startedAt,
      ended_at: next.endedAt,
      error: next.error ? JSON.stringify(next.error) : null,
    });
    return next;
  }

  update(id: string, prompt: string, concurrency: number): void {
    this.stmt.update.run(prompt, concurrency, id);
  }

  /** The hidden threads that hold batches' answers (kept out of the thread list and search). */
  threadIds(): Set<string> {
    return new Set(this.stmt.threadIds.all().map((r) => r.thread_id));
  }

  /** At start-up nothing runs: what was queued or running when the last run ended is stopped. */
  sweep(): number {
    return this.stmt.sweep.run().changes;
  }

  private fromRow(r: RowDbRow): BatchRow[] {
    let error: AppError | null = null;
    if (r.error) {
      try {
        error = AppError.parse(JSON.parse(r.error));
      } catch {
        this.onCorrupt?.({ table: 'batch_rows', id: r.id, issue: 'error is not an AppError' });
      }
    }
    const status = STATUSES.has(r.status) ? (r.status as BatchRowStatus) : 'stopped';
    return [
      {
        id: r.id,
        batchId: r.batch_id,
        index: r.idx,
        attachmentId: r.attachment_id,
        name: r.name,
        status,
        messageId: r.message_id,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        error,
      },
    ];
  }
}

function fromBatchRow(r: BatchDbRow): BatchRecord {
  return { id: r.id, threadId: r.thread_id, title: r.title, prompt: r.prompt, concurrency: r.concurrency, createdAt: r.created_at };
}
