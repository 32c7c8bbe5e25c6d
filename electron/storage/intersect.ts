// The AND of two full-text indexes (search.ts: the trigram index for long words, the gram index for words of
// 1–2 characters), newest first, stopping at `limit`. SQLite cannot do this well by itself: `rowid IN
// (SELECT … MATCH …)` on an FTS5 table becomes one index query per rowid of the other side (35 s for a
// common pair at 110,000 messages), and restarting a MATCH below a `rowid <=` bound costs about 0.6 ms each
// time. What is cheap, measured on the bench corpus: stepping through one MATCH's rowids (~0.5 µs a row)
// and asking whether one rowid matches (`MATCH … AND rowid = ?`, 15–30 µs).

/** One side of the AND: its rowids, largest first, and a membership test. */
export interface RowidSource {
  rows(): IterableIterator<number>;
  has(rowid: number): boolean;
}

/**
 * Steps after which a side that keeps running past the other (it holds many rows the other lacks) stops
 * being walked: from then on the other side drives and each of its rows is asked of this one. About as
 * long as a few membership tests take, so neither way costs much more than the best of the two.
 */
const SKIP = 64;

/** Rowids in both sources, largest first, at most `limit`. */
export function intersectDesc(a: RowidSource, b: RowidSource, limit: number): number[] {
  const out: number[] = [];
  const ia = a.rows();
  const ib = b.rows();
  try {
    let x = ia.next();
    let y = ib.next();
    let run = 0;
    while (!x.done && !y.done && out.length < limit) {
      if (x.value === y.value) {
        out.push(x.value);
        x = ia.next();
        y = ib.next();
        run = 0;
      } else if (x.value > y.value) {
        // a is ahead: everything of a above y is not in b
        x = ia.next();
        run = run > 0 ? run + 1 : 1;
        if (run > SKIP) return drive(ib, y, a, out, limit);
      } else {
        y = ib.next();
        run = run < 0 ? run - 1 : -1;
        if (-run > SKIP) return drive(ia, x, b, out, limit);
      }
    }
    return out;
  } finally {
    ia.return?.();
    ib.return?.();
  }
}

/** Walks `rows` from its current row down, keeping those `other` has. */
function drive(
  rows: IterableIterator<number>,
  current: IteratorResult<number>,
  other: RowidSource,
  out: number[],
  limit: number,
): number[] {
  for (let r = current; !r.done && out.length < limit; r = rows.next()) {
    if (other.has(r.value)) out.push(r.value);
  }
  return out;
}
