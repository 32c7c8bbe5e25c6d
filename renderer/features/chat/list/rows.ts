// Which rows the message list renders, and where its anchor puts the view (AnchoredList.tsx). Pure, over the
// Layout of layout.ts, so tests/unit/renderer/list-layout.test.ts checks it. Every position is in px above the
// bottom of the list's content.
import type { Layout } from './layout';

/** Where the view is held: the bottom (following), a row (the user scrolled), a row kept centred. */
export type Anchor = { kind: 'bottom' } | { kind: 'row'; id: string; offset: number } | { kind: 'center'; id: string };

/** px rendered beyond the viewport: more above, where wheel-scrolling through history goes */
export const AHEAD_TOP = 1200;
export const AHEAD_BOTTOM = 500;
/** a new range is rendered when less than this is left beyond either edge of the viewport */
export const MARGIN = 400;
export const MAX_ROWS = 160;
/** rows mounted per frame beyond those the viewport itself needs: a fast wheel never gets one long frame */
export const MAX_NEW_ROWS = 4;

/**
 * Where the anchor puts the viewport's bottom. A row anchor's offset is how far the row's top is above the
 * viewport's bottom; a centred row taller than the view shows its start; `missing` is used when the anchor row
 * left the list (deleted, another branch chosen), so the view stays where it is.
 */
export function anchorBottom(L: Layout, a: Anchor, height: number, missing: number): number {
  if (a.kind === 'bottom') return 0;
  const i = L.indexOf(a.id);
  if (i < 0) return missing;
  if (a.kind === 'row') return L.top(i) - a.offset;
  const h = L.top(i) - L.bottom(i);
  const at = h > height - 32 ? L.top(i) - height + 16 : L.bottom(i) + h / 2 - height / 2;
  return Math.max(0, at);
}

export interface Rows {
  start: number;
  end: number;
  /** fewer rows than wanted were added: render again next frame */
  partial: boolean;
}

/** Whether rows [start, end) reach MARGIN px past both edges of the viewport (or to the list's ends). */
export function reachesPast(L: Layout, start: number, end: number, b: number, height: number): boolean {
  return (
    start >= 0 &&
    end > start &&
    end <= L.count &&
    (start === 0 || L.top(start) >= b + height + MARGIN) &&
    (end === L.count || L.bottom(end - 1) <= b - MARGIN)
  );
}

/**
 * The rows to render for a viewport `height` px tall whose bottom is `b`: the rendered ones [start, end) while
 * they reach past the viewport with MARGIN to spare; else the rows AHEAD of the viewport, grown toward by at
 * most MAX_NEW_ROWS a frame on each side, but never leaving the viewport itself short.
 */
export function pickRows(L: Layout, start: number, end: number, b: number, height: number): Rows {
  if (reachesPast(L, start, end, b, height) && end - start <= MAX_ROWS) return { start, end, partial: false };
  const [wantStart, wantEnd] = L.rowsBetween(b - AHEAD_BOTTOM, b + height + AHEAD_TOP);
  const [viewStart, viewEnd] = L.rowsBetween(b - 50, b + height + 50);
  const overlaps = start >= 0 && end > start && start <= viewEnd && end >= viewStart;
  const from = overlaps ? start : viewStart;
  const to = overlaps ? end : viewEnd;
  let s = wantStart < from ? Math.min(viewStart, Math.max(wantStart, from - MAX_NEW_ROWS)) : wantStart;
  let e = wantEnd > to ? Math.max(viewEnd, Math.min(wantEnd, to + MAX_NEW_ROWS)) : wantEnd;
  const partial = s !== wantStart || e !== wantEnd;
  if (e - s > MAX_ROWS) {
    const mid = L.rowAt(b + height / 2);
    s = Math.max(0, Math.min(s, mid - MAX_ROWS / 2));
    e = Math.min(L.count, s + MAX_ROWS);
  }
  return { start: s, end: e, partial };
}
