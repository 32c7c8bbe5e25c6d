// The AND of two rowid lists, newest first (electron/storage/intersect.ts): exact whichever side is denser,
// cut at the limit; a side that keeps running past the other is asked row by row instead of walked, and
// when the asking keeps failing its walk starts again below the other side.
import { describe, expect, it } from 'vitest';
import { intersectDesc, type RowidSource } from '../../../electron/storage/intersect';

function source(rowids: number[]) {
  const sorted = [...rowids].sort((x, y) => y - x);
  const set = new Set(rowids);
  const stats = { walked: 0, asked: 0, opened: 0 };
  const src: RowidSource = {
    *rows(below = Infinity) {
      stats.opened++;
      for (const r of sorted) {
        if (r > below) continue;
        stats.walked++;
        yield r;
      }
    },
    has: (r) => {
      stats.asked++;
      return set.has(r);
    },
  };
  return { src, stats };
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('intersectDesc', () => {
  it('returns the shared rowids largest first, up to the limit', () => {
    const a = source([1, 3, 5, 7, 9, 11]);
    const b = source([2, 3, 4, 9, 10, 11, 12]);
    expect(intersectDesc(a.src, b.src, 10)).toEqual([11, 9, 3]);
    expect(intersectDesc(source([1, 3, 5, 7, 9, 11]).src, source([2, 3, 4, 9, 10, 11, 12]).src, 2)).toEqual([11, 9]);
    expect(intersectDesc(source([]).src, source([1]).src, 5)).toEqual([]);
    expect(intersectDesc(source([4]).src, source([5]).src, 5)).toEqual([]);
  });

  it('asks the long list row by row when it runs far past the short one, from either side', () => {
    const dense = range(0, 10_000);
    const rare = [9_000, 5_000, 42];
    for (const [first, second] of [[dense, rare], [rare, dense]] as const) {
      const a = source(first);
      const b = source(second);
      expect(intersectDesc(a.src, b.src, 50)).toEqual([9_000, 5_000, 42]);
      const denseStats = first === dense ? a.stats : b.stats;
      // walked only until it was clearly the denser one, then asked once per rare rowid left
      expect(denseStats.walked).toBeLessThan(1_100);
      expect(denseStats.asked).toBeLessThanOrEqual(3);
    }
  });

  it('restarts a walk below the other side when two long lists do not meet for a long stretch', () => {
    // the newer half holds only a's rows, the older half only b's, and three rows are in both
    const a = source([...range(5_000, 10_000), 2_000, 1_000, 10]);
    const b = source([...range(0, 5_000), 9_000, 7_000]);
    expect(intersectDesc(a.src, b.src, 50)).toEqual([9_000, 7_000, 2_000, 1_000, 10]);
    // neither list was walked through its other half, nor asked about it row by row
    expect(a.stats.walked + b.stats.walked).toBeLessThan(1_500);
    expect(a.stats.asked + b.stats.asked).toBeLessThan(500);
    expect(a.stats.opened + b.stats.opened).toBeGreaterThan(2);
  });

  it('walks both when they share most rows, without asking', () => {
    const a = source(range(0, 1_000));
    const b = source(range(0, 1_000).filter((r) => r % 2 === 0));
    expect(intersectDesc(a.src, b.src, 5)).toEqual([998, 996, 994, 992, 990]);
    expect(a.stats.asked + b.stats.asked).toBe(0);
  });
});
