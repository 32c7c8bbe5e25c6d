// Coalesces the snapshots of streaming messages: many deltas per second become at most one SQLite
// transaction per interval, holding only the latest snapshot of each message.
import { Message } from '../../shared/domain';
import type { Db } from './db';
import { toMessageRow, type MessageRow } from './message-rows';

export interface MessageWriterOptions {
  /** minimum time between two writes; 250 by default */
  intervalMs?: number;
  /** a timed write that failed (flush() throws instead); the snapshots stay queued for the next write */
  onError?: (err: unknown) => void;
}

export interface MessageWriter {
  /** Queues the message's latest state, replacing any queued snapshot of the same message. Throws a ZodError
   * for a message that does not validate. */
  schedule(message: Message): void;
  /** Writes everything queued now. Call at the end of every stream and on shutdown. */
  flush(): void;
  /** Messages queued and not yet written. */
  readonly pending: number;
  /** flush() and stop; later schedule() calls throw. */
  close(): void;
}

/**
 * The message must already exist (MessagesRepo.insert, when the stream starts): writes update it and are
 * dropped if it has been deleted meanwhile (say, its thread was deleted mid-stream).
 */
export function createMessageWriter(db: Db, opts: MessageWriterOptions = {}): MessageWriter {
  const intervalMs = Math.max(0, opts.intervalMs ?? 250);
  const update = db.prepare<[MessageRow]>(
    `UPDATE messages SET role = @role, parts = @parts, search_text = @search_text, status = @status,
       error = @error, usage = @usage, model = @model, finish_reason = @finish_reason
     WHERE id = @id AND thread_id = @thread_id`,
  );
  const writeAll = db.transaction((rows: MessageRow[]) => {
    for (const row of rows) update.run(row);
  });

  let queued = new Map<string, Message>();
  let timer: NodeJS.Timeout | null = null;
  let lastAttempt = -Infinity;
  let closed = false;

  function write(): void {
    if (timer) clearTimeout(timer);
    timer = null;
    if (queued.size === 0) return;
    const batch = queued;
    queued = new Map();
    lastAttempt = Date.now();
    try {
      writeAll(Array.from(batch.values(), toMessageRow));
    } catch (err) {
      // keep what failed unless a newer snapshot of the same message arrived meanwhile
      for (const [id, m] of batch) if (!queued.has(id)) queued.set(id, m);
      arm(); // retry after an interval even if the caller of flush() does nothing about the error
      throw err;
    }
  }

  function arm(): void {
    if (timer || closed) return;
    const wait = Math.max(0, lastAttempt + intervalMs - Date.now());
    timer = setTimeout(() => {
      timer = null;
      try {
        write();
      } catch (err) {
        opts.onError?.(err);
      }
    }, wait);
    // The app flushes on shutdown; a pending write must not keep a Node process alive on its own.
    timer.unref();
  }

  return {
    schedule(message) {
      if (closed) throw new Error('message writer is closed');
      // Validated here, at the caller that produced it, so a bad snapshot never blocks a batch.
      queued.set(message.id, Message.parse(message));
      arm();
    },
    flush: write,
    get pending() {
      return queued.size;
    },
    close() {
      closed = true;
      write();
    },
  };
}
