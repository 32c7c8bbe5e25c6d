// The message list's virtualizer. Only the rows near the viewport are in the DOM; the rest are two pads of
// their measured (or estimated) heights (layout.ts).
//
// Positions are kept as distances from the bottom of the content, because what a chat changes is mostly above
// what the user looks at (older pages, rows mounting as the user scrolls up) and a row's distance from the
// bottom does not change with it. The browser's own scroll anchoring (CSS overflow-anchor) keeps the view
// still when something above it changes, and it also corrects a wheel's smooth-scroll animation in flight,
// which setting scrollTop cannot. (A column-reverse scroller, whose scroll origin is the bottom, looked
// simpler, but a page of older rows arriving during a wheel's animation threw the view ~100 rows up: the
// animation's target stayed where it was from the top.) place() puts the view where the anchor says before
// the browser paints (a layout effect, a row's own layout effect through row-changed.ts, or a ResizeObserver
// callback): at the bottom on opening and while following, centred on a message opened from search, find or a
// link, and back after a change below the viewport while the user reads above it.
//
// Where the view is held is the anchor: the bottom (following), the row at the viewport's bottom and how far its
// top is above the viewport's bottom (the user scrolled: that row growing at its end, like a streaming answer,
// then extends below the viewport and moves nothing in it), or a row to keep centred until the user scrolls.
import {
  forwardRef,
  memo,
  useCallback,
  useEffect,
  useImperativeHandle,
  useLayoutEffect,
  useRef,
  useState,
  type HTMLAttributes,
  type ReactNode,
} from 'react';
import { Layout, RowHeights } from './layout';
import { anchorBottom, pickRows, reachesPast, type Anchor } from './rows';
import { RowChanged } from './row-changed';

export type { Anchor } from './rows';

export interface AnchoredListHandle {
  /** Follow the bottom again (a new message of ours, "Jump to latest"). */
  toBottom(): void;
  /** Keep a loaded row centred until the user scrolls; focus it once it is rendered when asked. */
  center(id: string, focus?: boolean): void;
  scroller(): HTMLDivElement | null;
}

export interface ListRange {
  start: number;
  end: number;
  count: number;
  /** the user has scrolled, pressed a key or pointed in the list since it opened */
  userMoved: boolean;
}

interface Props {
  ids: readonly string[];
  initial: Anchor;
  estimate: (id: string) => number;
  renderRow: (id: string) => ReactNode;
  header: ReactNode;
  /** false while the last loaded row is not the thread's newest: scrolling down to it must not follow */
  canFollow: boolean;
  onRange: (range: ListRange) => void;
  /** the user is away from the bottom (or not following it) */
  onAway: (away: boolean) => void;
  scrollerProps: HTMLAttributes<HTMLDivElement>;
}

export const NEAR_BOTTOM_PX = 48;
/** synchronous re-renders allowed before a paint while row measurements settle */
const MAX_SETTLE = 4;

/** How far the viewport's bottom is above the content's bottom. */
const fromBottom = (el: HTMLElement): number => Math.max(0, el.scrollHeight - el.clientHeight - el.scrollTop);

const Row = memo(function Row({
  id,
  renderRow,
  register,
}: {
  id: string;
  renderRow: (id: string) => ReactNode;
  register: (id: string, el: HTMLDivElement | null) => void;
}) {
  const ref = useCallback((el: HTMLDivElement | null) => register(id, el), [id, register]);
  return (
    <div className="list-row" data-row={id} ref={ref}>
      {renderRow(id)}
    </div>
  );
});

export const AnchoredList = forwardRef<AnchoredListHandle, Props>(function AnchoredList(props, ref) {
  const { ids, renderRow, header, scrollerProps } = props;
  const latest = useRef(props);
  latest.current = props;
  const scroller = useRef<HTMLDivElement>(null);
  const footer = useRef<HTMLDivElement>(null);
  const anchor = useRef<Anchor>(props.initial);
  const [heights] = useState(() => new RowHeights((id) => latest.current.estimate(id)));
  const layoutCache = useRef<Layout | null>(null);
  const viewport = useRef(typeof window === 'undefined' ? 800 : window.innerHeight);
  const footerPx = useRef(16);
  /** the from-bottom position this list last scrolled to itself: a scroll event there is not the user's */
  const placedAt = useRef<number | null>(null);
  /** where the last scroll event found the view, to tell scrolling down from up */
  const lastAt = useRef(0);
  const rendered = useRef<{ startId?: string; endId?: string }>({});
  const rowEls = useRef(new Map<string, HTMLDivElement>());
  const pendingFocus = useRef<string | null>(null);
  const userMoved = useRef(false);
  const away = useRef(props.initial.kind !== 'bottom');
  const settle = useRef(0);
  /** the last render mounted fewer rows than it wanted: the next frame renders again */
  const growing = useRef(false);
  const [, setTick] = useState(0);
  const rerender = useCallback(() => setTick((t) => t + 1), []);

  const layout = useCallback((): Layout => {
    const { ids: current } = latest.current;
    const cached = layoutCache.current;
    if (cached && cached.ids === current && cached.footer === footerPx.current) return cached;
    return (layoutCache.current = new Layout(current, footerPx.current, (id) => heights.get(id)));
  }, [heights]);

  /** A row measured: kept for every list, and applied to the layout in place. False when nothing changed. */
  const measure = useCallback(
    (id: string, height: number): boolean => {
      if (!heights.set(id, height)) return false;
      layoutCache.current?.resize(id, height);
      return true;
    },
    [heights],
  );

  const anchorAt = useCallback((L: Layout, a: Anchor, height: number) => anchorBottom(L, a, height, lastAt.current), []);

  /** The row at the viewport's bottom, `b` px above the content's bottom, and how far its top is above it. */
  const rowAnchor = (L: Layout, b: number): Anchor => {
    const i = L.rowAt(b);
    return i < 0 ? { kind: 'bottom' } : { kind: 'row', id: L.ids[i]!, offset: L.top(i) - b };
  };

  /** Scrolls to where the anchor says, if it is not there. */
  const place = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const height = el.clientHeight;
    const max = Math.max(0, el.scrollHeight - height);
    const want = Math.min(max, anchorAt(layout(), anchor.current, height));
    if (Math.abs(fromBottom(el) - want) >= 0.5) el.scrollTop = max - want;
    placedAt.current = fromBottom(el);
  }, [anchorAt, layout]);

  /** The rendered rows as [start, end) in the current ids; start -1 when none or gone from the list. */
  const renderedRange = (L: Layout): [number, number] => {
    const { startId, endId } = rendered.current;
    const start = startId ? L.indexOf(startId) : -1;
    const last = endId ? L.indexOf(endId) : -1;
    return start < 0 || last < 0 ? [-1, 0] : [start, last + 1];
  };

  /** Whether the rendered rows reach far enough beyond both edges of the viewport. */
  const covered = useCallback((): boolean => {
    const el = scroller.current;
    const L = layout();
    if (!el || L.count === 0) return true;
    return reachesPast(L, ...renderedRange(L), fromBottom(el), el.clientHeight);
  }, [layout]);

  const report = useCallback(() => {
    const L = layout();
    const [start, end] = renderedRange(L);
    latest.current.onRange({ start: Math.max(0, start), end, count: L.count, userMoved: userMoved.current });
  }, [layout]);

  const updateAway = useCallback(() => {
    const el = scroller.current;
    if (!el) return;
    const next = anchor.current.kind !== 'bottom' && (fromBottom(el) > NEAR_BOTTOM_PX || !latest.current.canFollow);
    if (next !== away.current) {
      away.current = next;
      latest.current.onAway(next);
    }
  }, []);

  // Rows report their size (an image loaded, a late change): the browser's anchoring keeps the view for one
  // above the anchor; one below it, or the bottom while following, is put back by place() before the paint.
  const [observer] = useState(() =>
    typeof ResizeObserver === 'undefined'
      ? null
      : new ResizeObserver((entries) => {
          let changed = false;
          for (const e of entries) {
            if (e.target === scroller.current) {
              // the pane resized (the window, a growing composer): the bottom stays, more or less shows above
              viewport.current = e.contentRect.height;
              changed = true;
              continue;
            }
            const id = (e.target as HTMLElement).dataset.row;
            const size = e.borderBoxSize[0];
            if (id && size) changed = measure(id, size.blockSize) || changed;
          }
          if (!changed) return;
          place();
          updateAway();
          if (!covered()) rerender();
        }),
  );
  useEffect(() => {
    if (scroller.current) observer?.observe(scroller.current);
    return () => observer?.disconnect();
  }, [observer]);

  // A row re-rendered (row-changed.ts): measure it now and put the view back before anything reads the page.
  const rowChanged = useCallback(
    (id: string) => {
      const el = rowEls.current.get(id);
      if (!el || !measure(id, el.getBoundingClientRect().height)) return;
      place();
      updateAway();
    },
    [measure, place, updateAway],
  );

  const register = useCallback(
    (id: string, el: HTMLDivElement | null) => {
      const old = rowEls.current.get(id);
      if (old && old !== el) observer?.unobserve(old);
      if (el) {
        rowEls.current.set(id, el);
        observer?.observe(el);
      } else rowEls.current.delete(id);
    },
    [observer],
  );

  // The user's own moves: the wheel up leaves the bottom at once (before the scroll event, so a row growing in
  // between cannot pull the view back down); any input ends "keep centred".
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onScroll = () => {
      const b = fromBottom(el);
      const ours = placedAt.current !== null && Math.abs(b - placedAt.current) < 1;
      placedAt.current = null;
      if (!ours) {
        // back at the bottom by the user's own scrolling (down, or all the way): follow again
        const downToEnd = b < 1 || (b <= NEAR_BOTTOM_PX && b < lastAt.current - 0.5);
        anchor.current = downToEnd && userMoved.current && latest.current.canFollow ? { kind: 'bottom' } : rowAnchor(layout(), b);
      }
      lastAt.current = b;
      viewport.current = el.clientHeight;
      updateAway();
      if (!covered()) rerender();
      report();
    };
    const onWheel = (e: WheelEvent) => {
      userMoved.current = true;
      if (e.deltaY < 0 && anchor.current.kind !== 'row') anchor.current = rowAnchor(layout(), fromBottom(el));
    };
    const onUser = () => {
      userMoved.current = true;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: true });
    const inputs = ['pointerdown', 'keydown', 'touchstart'] as const;
    for (const type of inputs) el.addEventListener(type, onUser, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      for (const type of inputs) el.removeEventListener(type, onUser);
    };
  }, [layout, covered, report, rerender, updateAway]);

  // After every render, before the paint: measure what was rendered, put the view where the anchor says, and
  // render again at once if the measured rows no longer reach past the viewport.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    viewport.current = el.clientHeight;
    footerPx.current = footer.current?.offsetHeight ?? footerPx.current;
    for (const [id, row] of rowEls.current) measure(id, row.getBoundingClientRect().height);
    place();
    updateAway();
    const focus = pendingFocus.current;
    if (focus && rowEls.current.has(focus)) {
      pendingFocus.current = null;
      el.querySelector<HTMLElement>(`[data-row="${CSS.escape(focus)}"] [data-testid="message"]`)?.focus({ preventScroll: true });
    }
    if (!covered() && !growing.current && settle.current < MAX_SETTLE) {
      settle.current++;
      rerender();
      return;
    }
    settle.current = 0;
    report();
    if (!growing.current) return;
    const frame = requestAnimationFrame(rerender);
    return () => cancelAnimationFrame(frame);
  });

  useImperativeHandle(
    ref,
    () => ({
      toBottom() {
        anchor.current = { kind: 'bottom' };
        place();
        updateAway();
        rerender();
      },
      center(id, focus) {
        anchor.current = { kind: 'center', id };
        if (focus) pendingFocus.current = id;
        place();
        updateAway();
        rerender();
      },
      scroller: () => scroller.current,
    }),
    [place, rerender, updateAway],
  );

  const L = layout();
  const height = viewport.current;
  const { start, end, partial } = pickRows(L, ...renderedRange(L), anchorAt(L, anchor.current, height), height);
  growing.current = partial;
  const shown = ids.slice(start, end);
  rendered.current = { startId: shown[0], endId: shown[shown.length - 1] };
  const above = L.count ? L.total - L.top(start) : 0;
  const below = L.count ? L.bottom(end - 1) - L.footer : 0;

  return (
    <div ref={scroller} className="list-scroller" {...scrollerProps}>
      <div className="list-content">
        {header}
        <div className="list-spacer" style={{ height: above }} aria-hidden="true" />
        <RowChanged.Provider value={rowChanged}>
          {shown.map((id) => (
            <Row key={id} id={id} renderRow={renderRow} register={register} />
          ))}
        </RowChanged.Provider>
        <div className="list-spacer" style={{ height: below }} aria-hidden="true" />
        <div ref={footer} className="list-pad" />
      </div>
    </div>
  );
});
