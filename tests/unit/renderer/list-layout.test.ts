// The message list's arithmetic (renderer/features/chat/list/layout.ts): where rows are, measured from the bottom,
// and which rows meet a band of the viewport. A wrong sum here shows as a row rendered in the wrong place or a
// blank band in the list.
import { describe, expect, it } from 'vitest';
import { estimateRowHeight, Layout, RowHeights } from '../../../renderer/features/chat/list/layout';
import { AHEAD_TOP, anchorBottom, MAX_NEW_ROWS, pickRows } from '../../../renderer/features/chat/list/rows';

const sizes: Record<string, number> = { a: 100, b: 50, c: 200, d: 30 };
const layout = (ids: string[]) => new Layout(ids, 16, (id) => sizes[id] ?? 80);

describe('list layout', () => {
  it('puts each row above the ones after it, the footer at the bottom', () => {
    const L = layout(['a', 'b', 'c', 'd']);
    expect(L.total).toBe(16 + 380);
    expect([0, 1, 2, 3].map((i) => [L.top(i), L.bottom(i)])).toEqual([
      [396, 296],
      [296, 246],
      [246, 46],
      [46, 16],
    ]);
    expect(L.indexOf('c')).toBe(2);
    expect(L.indexOf('zz')).toBe(-1);
  });

  it('finds the row at a point, and the nearest row past either end', () => {
    const L = layout(['a', 'b', 'c', 'd']);
    expect(L.rowAt(0)).toBe(3); // in the footer: the last row
    expect(L.rowAt(20)).toBe(3);
    expect(L.rowAt(46)).toBe(2); // a row's top edge belongs to the row above
    expect(L.rowAt(100)).toBe(2);
    expect(L.rowAt(250)).toBe(1);
    expect(L.rowAt(395)).toBe(0);
    expect(L.rowAt(10_000)).toBe(0);
    expect(layout([]).rowAt(5)).toBe(-1);
  });

  it('gives the rows meeting a band, end exclusive', () => {
    const L = layout(['a', 'b', 'c', 'd']);
    expect(L.rowsBetween(0, 40)).toEqual([3, 4]);
    expect(L.rowsBetween(20, 260)).toEqual([1, 4]);
    expect(L.rowsBetween(-500, 10_000)).toEqual([0, 4]);
    expect(layout([]).rowsBetween(0, 100)).toEqual([0, 0]);
  });

  it('moves every row above a resized one, and only those', () => {
    const L = layout(['a', 'b', 'c', 'd']);
    L.resize('c', 260);
    expect([0, 1, 2, 3].map((i) => L.top(i))).toEqual([456, 356, 306, 46]);
    L.resize('a', 90);
    expect(L.total).toBe(446);
    L.resize('nope', 10);
    expect(L.total).toBe(446);
    // the same ids in another list know their indexes
    expect(new Layout(L.ids, 16, () => 1).indexOf('d')).toBe(3);
  });

  it('keeps measured heights over estimates and says when one changed', () => {
    const heights = new RowHeights(() => 77);
    expect(heights.get('list-layout-x')).toBe(77);
    expect(heights.set('list-layout-x', 120)).toBe(true);
    expect(heights.set('list-layout-x', 120.3)).toBe(false);
    expect(heights.get('list-layout-x')).toBe(120);
    // shared by every list: another one knows it too
    expect(new RowHeights(() => 1).get('list-layout-x')).toBe(120);
  });

  it('estimates more lines for longer text and narrower rows', () => {
    const short = estimateRowHeight([20], 0, 800);
    expect(estimateRowHeight([2000], 0, 800)).toBeGreaterThan(short);
    expect(estimateRowHeight([2000], 0, 400)).toBeGreaterThan(estimateRowHeight([2000], 0, 800));
    expect(estimateRowHeight([20], 2, 800)).toBeGreaterThan(short);
  });
});

describe('rows to render and where the anchor holds the view', () => {
  // 1,000 rows of 100 px: row i's top is 16 + (1000 - i) * 100 px above the bottom
  const ids = Array.from({ length: 1000 }, (_, i) => `r${i}`);
  const L = new Layout(ids, 16, () => 100);

  it('puts the bottom, a row and a centred row where they belong', () => {
    expect(anchorBottom(L, { kind: 'bottom' }, 600, 77)).toBe(0);
    // row 990's top is 1,016 px up; 300 px of it above the viewport's bottom
    expect(anchorBottom(L, { kind: 'row', id: 'r990', offset: 300 }, 600, 77)).toBe(716);
    // centred: its middle (966 px up) at the viewport's middle
    expect(anchorBottom(L, { kind: 'center', id: 'r990', offset: 0 } as never, 600, 77)).toBe(666);
    // gone from the list: stay where the view is
    expect(anchorBottom(L, { kind: 'row', id: 'gone', offset: 10 }, 600, 77)).toBe(77);
  });

  it('renders what the viewport needs plus a few rows a frame, and keeps them while they reach past it', () => {
    const first = pickRows(L, -1, 0, 0, 600);
    // the viewport's 6 rows and the one under its top edge, plus MAX_NEW_ROWS above
    expect([first.start, first.end, first.partial]).toEqual([993 - MAX_NEW_ROWS, 1000, true]);
    // 400 px to spare above the viewport: kept as it is
    expect(pickRows(L, first.start, first.end, 0, 600)).toEqual({ ...first, partial: false });
    // scrolled up 300 px: less than the margin left, so it grows again, by at most MAX_NEW_ROWS past the viewport
    const up = pickRows(L, first.start, first.end, 300, 600);
    expect(up.start).toBe(first.start - MAX_NEW_ROWS);
    expect(up.partial).toBe(true);
    // the rows far below the viewport are let go
    expect(up.end).toBeLessThanOrEqual(1000);
    expect(L.bottom(up.end - 1)).toBeLessThanOrEqual(300);
    expect(AHEAD_TOP).toBeGreaterThan(600);
  });

  it('after a jump far away renders the new viewport at once, not the old rows', () => {
    const r = pickRows(L, 980, 1000, 50_000, 600);
    expect(L.bottom(r.end - 1)).toBeLessThanOrEqual(50_000);
    expect(L.top(r.start)).toBeGreaterThanOrEqual(50_600);
    expect(r.end).toBeLessThan(980);
  });
});
