// The running part of a batch: a queue of row ids and at most `limit` of them in flight. Each row is
// started by `start` (which never throws and resolves when the row has stored its final state); the pool
// only counts, so the limit holds across retries inside a request (stream.ts waits out a 429's
// retry-after within its row's slot) and can be changed while the batch runs.
export class RowPool {
  private readonly queue: string[] = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  private idle: Promise<void> = Promise.resolve();
  private settleIdle: (() => void) | null = null;

  constructor(
    private limit: number,
    private readonly start: (rowId: string) => Promise<void>,
  ) {}

  /** Queues rows (each at most once) and starts what the limit allows. */
  add(rowIds: readonly string[]): void {
    for (const id of rowIds) if (!this.queue.includes(id) && !this.inFlight.has(id)) this.queue.push(id);
    this.pump();
  }

  setLimit(limit: number): void {
    this.limit = limit;
    this.pump();
  }

  /** Takes every row that has not started off the queue and returns their ids. */
  drain(): string[] {
    return this.queue.splice(0, this.queue.length);
  }

  running(): string[] {
    return [...this.inFlight.keys()];
  }

  get busy(): boolean {
    return this.queue.length > 0 || this.inFlight.size > 0;
  }

  /** Resolves once nothing is queued or in flight. */
  whenIdle(): Promise<void> {
    return this.busy ? this.idle : Promise.resolve();
  }

  private pump(): void {
    if (this.busy && !this.settleIdle) this.idle = new Promise((r) => (this.settleIdle = r));
    while (this.inFlight.size < this.limit && this.queue.length > 0) {
      const id = this.queue.shift()!;
      const run = this.start(id).finally(() => {
        this.inFlight.delete(id);
        this.pump();
      });
      this.inFlight.set(id, run);
    }
    if (!this.busy && this.settleIdle) {
      this.settleIdle();
      this.settleIdle = null;
    }
  }
}
