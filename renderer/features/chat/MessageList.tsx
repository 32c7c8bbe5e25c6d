// The thread's messages, virtualized. Opens at the newest page and loads older ones when scrolled
// to the top; follows a streaming answer to the bottom unless the user has scrolled up. Opened at a
// message (search, find, link) it starts there, centred, and loads newer pages when scrolled down.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import { loadNewestPage, loadOlderPage } from '../../stores/chat-actions';
import { EMPTY_PAGE, useMessages, useThreadMessageIds } from '../../stores/messages';
import { useSearch } from '../../stores/search';
import { loadNewerPage } from '../../stores/search-pages';
import { ArrowDownIcon } from '../shell/icons';
import { MessageView } from './MessageView';
import { useKeepInView } from './use-keep-in-view';

/** Virtuoso counts item indexes from here down as older pages go in front. */
const START_INDEX = 1_000_000;
const NEAR_BOTTOM_PX = 48;
/** Older messages are asked for when the first rendered row is this close to the first loaded one, so they are
 * there before a wheel-scrolling user reaches the top (and the list never stops at it). */
const PREFETCH_ROWS = 60;

interface ListContext {
  loadingOlder: boolean;
}

function ListHeader({ context }: { context?: ListContext }) {
  const { t } = useTranslation();
  return context?.loadingOlder ? <div className="list-loading">{t('message.loadingOlder')}</div> : <div className="list-pad" />;
}

const LIST_COMPONENTS = { Header: ListHeader, Footer: () => <div className="list-pad" /> };

export function MessageList({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const ids = useThreadMessageIds(threadId);
  const prepended = useMessages((s) => (s.pages[threadId] ?? EMPTY_PAGE).prepended);
  const loadingOlder = useMessages((s) => {
    const page = s.pages[threadId] ?? EMPTY_PAGE;
    return page.loading && page.hasMore;
  });
  const hasNewer = useMessages((s) => (s.pages[threadId] ?? EMPTY_PAGE).hasNewer);
  const newerTail = useMessages((s) => (s.pages[threadId] ?? EMPTY_PAGE).newerTail);
  const virtuoso = useRef<VirtuosoHandle>(null);
  const scroller = useRef<HTMLElement | null>(null);
  // The message this list was opened at (the list is keyed by the loaded stretch, so this is per stretch).
  const [target] = useState(() => {
    const h = useSearch.getState().highlight;
    const index = h && h.threadId === threadId ? ids.indexOf(h.messageId) : -1;
    return index >= 0 ? { index, seq: h!.seq } : null;
  });
  /** stay at the bottom as content grows; false once the user scrolls up (or opened at a message) */
  const stick = useRef(target === null);
  const [away, setAway] = useState(target !== null);
  // Opened at a message, the list settles there through scroll events of its own: only the user's own
  // scrolling may make it follow the bottom again, and never while the bottom is not the thread's end.
  const userMoved = useRef(target === null);
  const inputs = useRef(0);
  const endNotLoaded = useRef(hasNewer);
  endNotLoaded.current = hasNewer;
  // The end reached by paging down: its rows are still being laid out as the user scrolls into them, and a
  // scroll event can see the old bottom. Resuming to follow there jumped over the last page, so following
  // resumes only with a new message (the effect below) or "Jump to latest".
  const endPaged = useRef(false);
  endPaged.current = ids.length > 0 && ids[ids.length - 1] === newerTail;

  const toBottom = useCallback(() => {
    const el = scroller.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, []);

  // The user scrolling up (wheel, keys, scrollbar) stops following; reaching the bottom resumes.
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    let lastTop = el.scrollTop;
    const onScroll = () => {
      const fromBottom = el.scrollHeight - el.scrollTop - el.clientHeight;
      if (fromBottom <= NEAR_BOTTOM_PX) stick.current ||= userMoved.current && !endNotLoaded.current && !endPaged.current;
      else if (el.scrollTop < lastTop - 1) stick.current = false;
      lastTop = el.scrollTop;
      setAway(!stick.current && (fromBottom > NEAR_BOTTOM_PX || endNotLoaded.current));
    };
    const onWheel = (e: WheelEvent) => {
      userMoved.current = true;
      inputs.current++;
      if (e.deltaY < 0) stick.current = false;
    };
    const onUser = () => {
      userMoved.current = true;
      inputs.current++;
    };
    el.addEventListener('scroll', onScroll, { passive: true });
    el.addEventListener('wheel', onWheel, { passive: true });
    for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) el.addEventListener(type, onUser, { passive: true });
    return () => {
      el.removeEventListener('scroll', onScroll);
      el.removeEventListener('wheel', onWheel);
      for (const type of ['pointerdown', 'keydown', 'touchstart'] as const) el.removeEventListener(type, onUser);
    };
  }, []);

  // A message of our own was added at the end: follow it, wherever the user was. Not on opening at a
  // message, and not when the last id came from paging down.
  const lastId = ids[ids.length - 1];
  const openedAt = useRef(target ? lastId : undefined);
  useEffect(() => {
    if (lastId === openedAt.current || lastId === newerTail) return;
    openedAt.current = undefined;
    stick.current = true;
    setAway(false);
    requestAnimationFrame(toBottom);
    // newerTail is read, not watched: only a new last id moves the list
  }, [lastId, toBottom]);

  // Arrow keys move the focus between messages (roving focus): from the list itself Up/Down/End go to
  // the newest, Home to the first loaded. A message not rendered yet is scrolled to, then focused.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const target = e.target as HTMLElement;
    const onList = target === scroller.current;
    const current = target.closest<HTMLElement>('[data-testid="message"]');
    if (!onList && current !== target) return; // keys in a field or a button stay theirs
    const at = current ? ids.indexOf(current.dataset.messageId ?? '') : -1;
    const last = ids.length - 1;
    let to: number;
    if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = last;
    else if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    else if (at < 0) to = last;
    else to = at + (e.key === 'ArrowUp' ? -1 : 1);
    if (to < 0 || to > last) return;
    e.preventDefault();
    focusMessage(to);
  };

  const focusMessage = (index: number) => {
    const id = ids[index];
    const find = () => scroller.current?.querySelector<HTMLElement>(`[data-message-id="${id}"]`);
    const el = find();
    if (el) {
      el.focus();
      return;
    }
    virtuoso.current?.scrollToIndex({ index, align: 'center' });
    requestAnimationFrame(() => requestAnimationFrame(() => find()?.focus()));
  };

  // The message pointed at, where the list opened or a later jump (find next, another result) to a loaded
  // message: centred, and kept in view while rows are measured.
  const jump = useSearch((s) => (s.highlight?.threadId === threadId ? s.highlight : null));
  useEffect(() => {
    if (!jump || jump.seq === target?.seq) return;
    stick.current = false;
    setAway(true);
  }, [jump, target]);
  useKeepInView({ virtuoso, scroller, inputs }, threadId, jump);

  return (
    <div className="message-list" onKeyDown={onKeyDown}>
      <Virtuoso<string, ListContext>
        ref={virtuoso}
        role="region"
        aria-label={t('a11y.messages')}
        aria-describedby="message-list-keys"
        scrollerRef={(el) => {
          scroller.current = el instanceof HTMLElement ? el : null;
        }}
        data={ids}
        firstItemIndex={START_INDEX - prepended}
        initialTopMostItemIndex={target ? { index: target.index, align: 'center' } : Math.max(0, ids.length - 1)}
        computeItemKey={(_, id) => id}
        itemContent={(_, id) => <MessageView id={id} />}
        startReached={() => void loadOlderPage(threadId)}
        rangeChanged={({ startIndex }) => {
          // not while the list places itself on opening: only once the user scrolls
          if (inputs.current > 0 && startIndex - (START_INDEX - prepended) < PREFETCH_ROWS) void loadOlderPage(threadId);
        }}
        endReached={() => void (hasNewer && loadNewerPage(threadId))}
        followOutput={() => (stick.current ? 'auto' : false)}
        totalListHeightChanged={() => {
          if (stick.current) toBottom();
        }}
        atBottomThreshold={NEAR_BOTTOM_PX}
        increaseViewportBy={{ top: 600, bottom: 300 }}
        context={{ loadingOlder }}
        components={LIST_COMPONENTS}
      />
      <span id="message-list-keys" className="sr-only">
        {t('a11y.messageKeys')}
      </span>
      {(away || hasNewer) && (
        <button
          type="button"
          className="jump-latest"
          data-testid="jump-latest"
          onClick={() => {
            // opened in the middle: the newest page replaces this stretch and the list starts at the bottom
            if (hasNewer) {
              useSearch.getState().setHighlight(null);
              void loadNewestPage(threadId);
              return;
            }
            stick.current = true;
            setAway(false);
            virtuoso.current?.scrollToIndex({ index: 'LAST', align: 'end' });
            requestAnimationFrame(toBottom);
          }}
        >
          <ArrowDownIcon size={14} />
          <span>{t('message.jumpToLatest')}</span>
        </button>
      )}
    </div>
  );
}
