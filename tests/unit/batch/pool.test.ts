// The batch pool (electron/core/batch/pool.ts): never more rows in flight than the limit, a limit
// changed while running applies to the next starts, and drain takes only what has not started.
import { describe, expect, it } from 'vitest';
import { RowPool } from '../../../electron/core/batch/pool';

function gate() {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((r) => (open = r));
  return { promise, open };
}

describe('RowPool', () => {
  it('keeps at most `limit` rows in flight and starts the next as one ends', async () => {
    const gates = new Map<string, ReturnType<typeof gate>>();
    let inFlight = 0;
    let most = 0;
    const started: string[] = [];
    const pool = new RowPool(2, async (id) => {
      started.push(id);
      most = Math.max(most, ++inFlight);
      const g = gate();
      gates.set(id, g);
      await g.promise;
      inFlight--;
    });
    pool.add(['a', 'b', 'c', 'd', 'a']);
    expect(started).toEqual(['a', 'b']);
    gates.get('a')!.open();
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual(['a', 'b', 'c']);
    pool.setLimit(3);
    expect(started).toEqual(['a', 'b', 'c', 'd']);
    for (const id of ['b', 'c', 'd']) gates.get(id)!.open();
    await pool.whenIdle();
    expect(most).toBe(3);
    expect(pool.busy).toBe(false);
  });

  it('drain takes the rows that have not started, and leaves the running ones', async () => {
    const g = gate();
    const pool = new RowPool(1, () => g.promise);
    pool.add(['a', 'b', 'c']);
    expect(pool.drain()).toEqual(['b', 'c']);
    expect(pool.running()).toEqual(['a']);
    g.open();
    await pool.whenIdle();
    expect(pool.running()).toEqual([]);
  });
});
