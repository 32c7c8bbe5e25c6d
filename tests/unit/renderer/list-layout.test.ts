// The message list's arithmetic (renderer/features/chat/list/layout.ts): where rows are, measured from the bottom,
// and which rows meet a band of the viewport. A wrong sum here shows as a row rendered in the wrong place or a
// blank band in the list.
import { describe, expect, it } from 'vitest';
import { estimateRowHeight, Layout, RowHeights } from '../../../renderer/features/chat/list/layout';

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
