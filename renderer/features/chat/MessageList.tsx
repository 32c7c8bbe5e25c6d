// The thread's messages, virtualized by AnchoredList (list/AnchoredList.tsx). Opens at the newest message and
// loads older pages ahead of a user scrolling up; follows a streaming answer to the bottom unless the user has
// scrolled up. Opened at a message (search, find, link) it starts there, centred, and loads newer pages when
// scrolled down.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { loadNewestPage, loadOlderPage } from '../../stores/chat-actions';
import { EMPTY_PAGE, useMessages, useThreadMessageIds } from '../../stores/messages';
import { useSearch } from '../../stores/search';
import { loadNewerPage } from '../../stores/search-pages';
import { ArrowDownIcon } from '../shell/icons';
import { AnchoredList, type AnchoredListHandle, type ListRange } from './list/AnchoredList';
import { estimateMessage } from './list/estimate';
import { MessageView } from './MessageView';

/** Older (or newer) messages are asked for when the rendered rows come this close to the loaded ones' end, so
 * they are there before a wheel-scrolling user reaches it (and the list never stops at it). */
const PREFETCH_ROWS = 60;

const renderRow = (id: string) => <MessageView id={id} />;

export function MessageList({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const ids = useThreadMessageIds(threadId);
  const loadingOlder = useMessages((s) => {
    const page = s.pages[threadId] ?? EMPTY_PAGE;
    return page.loading && page.hasMore;
  });
  const hasNewer = useMessages((s) => (s.pages[threadId] ?? EMPTY_PAGE).hasNewer);
  const newerTail = useMessages((s) => (s.pages[threadId] ?? EMPTY_PAGE).newerTail);
  const list = useRef<AnchoredListHandle>(null);
  const box = useRef<HTMLDivElement>(null);
  const width = useRef(760);
  // The message this list was opened at (the list is keyed by the loaded stretch, so this is per stretch).
  const [target] = useState(() => {
    const h = useSearch.getState().highlight;
    return h && h.threadId === threadId && ids.includes(h.messageId) ? { id: h.messageId, seq: h.seq } : null;
  });
  const [away, setAway] = useState(target !== null);

  const estimate = useCallback((id: string) => estimateMessage(useMessages.getState().byId[id], width.current), []);
  useEffect(() => {
    if (box.current) width.current = box.current.clientWidth || width.current;
  });

  // A message of our own was added at the end: follow it, wherever the user was. Not on opening at a
  // message, and not when the last id came from paging down.
  const lastId = ids[ids.length - 1];
  const openedAt = useRef(lastId);
  useEffect(() => {
    if (lastId === openedAt.current || lastId === newerTail) return;
    openedAt.current = undefined;
    list.current?.toBottom();
    // newerTail is read, not watched: only a new last id moves the list
  }, [lastId]);

  // Pages ahead of where the user scrolls; at the very end of what is loaded also without their input
  // (a short first page).
  const onRange = useCallback(
    ({ start, end, count, userMoved }: ListRange) => {
      const page = useMessages.getState().pages[threadId] ?? EMPTY_PAGE;
      if (page.loading) return;
      if (page.hasMore && (start === 0 || (userMoved && start < PREFETCH_ROWS))) void loadOlderPage(threadId);
      else if (page.hasNewer && (end === count || (userMoved && end > count - PREFETCH_ROWS))) void loadNewerPage(threadId);
    },
    [threadId],
  );

  // Arrow keys move the focus between messages (roving focus): from the list itself Up/Down/End go to
  // the newest, Home to the first loaded. A message not rendered yet is scrolled to, then focused.
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const el = e.target as HTMLElement;
    const onList = el === list.current?.scroller();
    const current = el.closest<HTMLElement>('[data-testid="message"]');
    if (!onList && current !== el) return; // keys in a field or a button stay theirs
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
    const id = ids[to]!;
    const row = list.current?.scroller()?.querySelector<HTMLElement>(`[data-testid="message"][data-message-id="${CSS.escape(id)}"]`);
    if (row) row.focus();
    else list.current?.center(id, true);
  };

  // A later jump (find next, another result) to a loaded message: centred until the user scrolls.
  const jump = useSearch((s) => (s.highlight?.threadId === threadId ? s.highlight : null));
  useEffect(() => {
    if (!jump || jump.seq === target?.seq || !ids.includes(jump.messageId)) return;
    list.current?.center(jump.messageId);
    // ids are read, not watched: a page arriving is no new jump
  }, [jump, target]);

  return (
    <div className="message-list" ref={box} onKeyDown={onKeyDown}>
      <AnchoredList
        ref={list}
        ids={ids}
        initial={target ? { kind: 'center', id: target.id } : { kind: 'bottom' }}
        estimate={estimate}
        renderRow={renderRow}
        header={loadingOlder ? <div className="list-loading">{t('message.loadingOlder')}</div> : <div className="list-pad" />}
        canFollow={!hasNewer}
        onRange={onRange}
        onAway={setAway}
        scrollerProps={{
          role: 'region',
          tabIndex: 0,
          'aria-label': t('a11y.messages'),
          'aria-describedby': 'message-list-keys',
        }}
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
            list.current?.toBottom();
          }}
        >
          <ArrowDownIcon size={14} />
          <span>{t('message.jumpToLatest')}</span>
        </button>
      )}
    </div>
  );
}
