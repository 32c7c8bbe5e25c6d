// Where each row of the message list is, without asking the DOM: row heights (measured once a row has been
// rendered, estimated from its text before that) summed from the bottom of the list, where a chat
// changes least (AnchoredList.tsx). Pure, so tests/unit/renderer/list-layout.test.ts checks it.

/** Measured row heights by message id, shared by every list: a thread opened again knows its rows. */
const measured = new Map<string, number>();
const MEASURED_MAX = 50_000;

export class RowHeights {
  constructor(private readonly estimate: (id: string) => number) {}

  get(id: string): number {
    return measured.get(id) ?? this.estimate(id);
  }

  /** Records a measured height; false when it is what was known (half a pixel either way). */
  set(id: string, height: number): boolean {
    const old = measured.get(id);
    if (old !== undefined && Math.abs(old - height) < 0.5) return false;
    if (old === undefined && measured.size >= MEASURED_MAX) measured.delete(measured.keys().next().value!);
    measured.set(id, height);
    return true;
  }
}

/** Each id list's index, built once: a Layout is rebuilt only when the ids change, but asked often. */
const indexes = new WeakMap<readonly string[], Map<string, number>>();

/**
 * Position of each row in "from the bottom" pixels: 0 is the bottom of the list's content. Built once per id
 * list (O(n)); a row's new height is applied in place (O(rows below the top)), since a streaming answer or a
 * row mounting during a scroll changes one height at a time and a 10,000-row rebuild per frame showed in the
 * scroll profile.
 */
export class Layout {
  /** fromBottom[i] = the top of row i = footer + heights of rows i..n-1; fromBottom[n] = footer */
  readonly fromBottom: Float64Array;
  private readonly heights: Float64Array;

  constructor(
    readonly ids: readonly string[],
    readonly footer: number,
    height: (id: string) => number,
  ) {
    const n = ids.length;
    this.heights = new Float64Array(n);
    this.fromBottom = new Float64Array(n + 1);
    this.fromBottom[n] = footer;
    for (let i = n - 1; i >= 0; i--) {
      this.heights[i] = height(ids[i]!);
      this.fromBottom[i] = this.fromBottom[i + 1]! + this.heights[i]!;
    }
  }

  get count(): number {
    return this.ids.length;
  }

  /** rows plus footer, without the header */
  get total(): number {
    return this.fromBottom[0]!;
  }

  indexOf(id: string): number {
    let index = indexes.get(this.ids);
    if (!index) indexes.set(this.ids, (index = new Map(this.ids.map((x, i) => [x, i]))));
    return index.get(id) ?? -1;
  }

  /** A row's height changed: every row above it moves up by the difference. */
  resize(id: string, height: number): void {
    const i = this.indexOf(id);
    if (i < 0) return;
    const delta = height - this.heights[i]!;
    if (delta === 0) return;
    this.heights[i] = height;
    for (let j = 0; j <= i; j++) this.fromBottom[j] = this.fromBottom[j]! + delta;
  }

  top(i: number): number {
    return this.fromBottom[i]!;
  }

  bottom(i: number): number {
    return this.fromBottom[i + 1]!;
  }

  /** The row covering the point `b` px above the content's bottom (the nearest row past either end). */
  rowAt(b: number): number {
    const n = this.count;
    if (n === 0) return -1;
    if (this.fromBottom[0]! <= b) return 0;
    // the last i with top(i) > b: tops fall as i grows
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.fromBottom[mid]! > b) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** [start, end) of the rows meeting the band between `low` and `high` px above the bottom. */
  rowsBetween(low: number, high: number): [number, number] {
    if (this.count === 0) return [0, 0];
    return [this.rowAt(high), this.rowAt(Math.max(0, low)) + 1];
  }
}

/** A rough height for a row never rendered: the list corrects it once the row is measured. */
export function estimateRowHeight(textLengths: readonly number[], blocks: number, width: number): number {
  const perLine = Math.max(30, Math.floor((width - 96) / 7.5));
  let lines = 0;
  for (const length of textLengths) lines += Math.max(1, Math.ceil(length / perLine));
  return 56 + lines * 22 + blocks * 56;
}
