// Brings the message a search result, find match or link points at into view, and keeps at it for a few
// frames while the list measures its rows: Virtuoso positions by estimated heights first and corrects as rows
// are measured, and on a loaded machine its own correction can give up before the row is there. Stops at the
// user's first input, so it never fights a user who scrolls away.
import { useEffect, type RefObject } from 'react';
import type { VirtuosoHandle } from 'react-virtuoso';
import { useMessages } from '../../stores/messages';

/** frames to keep trying; a row in view this many frames in a row counts as settled */
const MAX_FRAMES = 120;
const SETTLED_FRAMES = 3;
/** frames between two scroll requests, so the list can measure what the last one rendered */
const RETRY_EVERY = 6;

export interface KeepInView {
  virtuoso: RefObject<VirtuosoHandle | null>;
  scroller: RefObject<HTMLElement | null>;
  /** bumped on every user input (wheel, key, pointer, touch) in the list */
  inputs: RefObject<number>;
}

export function useKeepInView(refs: KeepInView, threadId: string, target: { messageId: string; seq: number } | null): void {
  const { virtuoso, scroller, inputs } = refs;
  const messageId = target?.messageId;
  const seq = target?.seq;
  useEffect(() => {
    if (!messageId) return;
    const startInputs = inputs.current;
    let frame = 0;
    let settled = 0;
    let raf = 0;
    const step = () => {
      if (inputs.current !== startInputs || ++frame > MAX_FRAMES) return;
      const box = scroller.current?.getBoundingClientRect();
      const row = scroller.current?.querySelector(`[data-message-id="${CSS.escape(messageId)}"]`)?.getBoundingClientRect();
      if (box && row && row.bottom > box.top && row.top < box.bottom) {
        if (++settled >= SETTLED_FRAMES) return;
      } else {
        settled = 0;
        const index = useMessages.getState().idsByThread[threadId]?.indexOf(messageId) ?? -1;
        if (index < 0) return; // not loaded here: the page around it replaces this list
        if (frame % RETRY_EVERY === 1) virtuoso.current?.scrollToIndex({ index, align: 'center' });
      }
      raf = requestAnimationFrame(step);
    };
    raf = requestAnimationFrame(step);
    return () => cancelAnimationFrame(raf);
  }, [virtuoso, scroller, inputs, threadId, messageId, seq]);
}
