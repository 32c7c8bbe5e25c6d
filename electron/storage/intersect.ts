// The AND of two full-text indexes (search.ts: the trigram index for long words, the gram index for words of
// 1–2 characters), newest first, stopping at `limit`. SQLite cannot do this well by itself: `rowid IN
// (SELECT … MATCH …)` on an FTS5 table becomes one index query per rowid of the other side (35 s for a
// common pair at 110,000 messages), and restarting a MATCH below a `rowid <=` bound costs about 0.6 ms each
// time. What is cheap, measured on the bench corpus: stepping through one MATCH's rowids (~0.5 µs a row)
// and asking whether one rowid matches (`MATCH … AND rowid = ?`, 15–30 µs).

/** One side of the AND: its rowids, largest first (from `below` down when given), and a membership test. */
export interface RowidSource {
  rows(below?: number): IterableIterator<number>;
  has(rowid: number): boolean;
}

/**
 * Steps after which a side that keeps running past the other (it holds many rows the other lacks) stops
 * being walked: the other side drives and each of its rows is asked of this one. About as long as a few
 * membership tests take.
 */
const SKIP = 64;
/**
 * Failed asks after which the walk of the side asked is restarted below the driver instead (one restart
 * costs about as much as this many asks): the two lists do not meet here, so neither walking nor asking
 * row by row should go on.
 */
const MISSES = 32;

interface Cursor {
  source: RowidSource;
  it: IterableIterator<number>;
  value: number | undefined;
}

function open(source: RowidSource, below?: number): Cursor {
  const it = source.rows(below);
  const r = it.next();
  return { source, it, value: r.done ? undefined : r.value };
}

function advance(c: Cursor): void {
  const r = c.it.next();
  c.value = r.done ? undefined : r.value;
}

/** Rowids in both sources, largest first, at most `limit`. */
export function intersectDesc(a: RowidSource, b: RowidSource, limit: number): number[] {
  const out: number[] = [];
  const x = open(a);
  const y = open(b);
  try {
    let ahead: Cursor | null = null;
    let run = 0;
    while (x.value !== undefined && y.value !== undefined && out.length < limit) {
      if (x.value === y.value) {
        out.push(x.value);
        advance(x);
        advance(y);
        run = 0;
        continue;
      }
      // hi's rows above lo's current one are not in lo
      const [hi, lo] = x.value > y.value ? [x, y] : [y, x];
      run = hi === ahead ? run + 1 : 1;
      ahead = hi;
      if (run <= SKIP) {
        advance(hi);
        continue;
      }
      run = 0;
      let misses = 0;
      while (lo.value !== undefined && out.length < limit && misses < MISSES) {
        if (hi.source.has(lo.value)) {
          out.push(lo.value);
          misses = 0;
        } else misses++;
        advance(lo);
      }
      if (lo.value !== undefined && out.length < limit) {
        hi.it.return?.();
        Object.assign(hi, open(hi.source, lo.value));
      }
    }
    return out;
  } finally {
    x.it.return?.();
    y.it.return?.();
  }
}
