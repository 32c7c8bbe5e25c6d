// What each keyboard shortcut does, on the stores (no DOM here but the search box's focus).
import { lastRegenerable, regenerateMessage, stopMessage } from '../../stores/chat-actions';
import { useMessages } from '../../stores/messages';
import { loopActiveOn } from '../../stores/playground';
import { newThread, selectThread } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { useUi } from '../../stores/ui';
import type { ShortcutId } from './keymap';

/** The answer Stop applies to in the open thread, if one is running. */
function runningAnswer(threadId: string): string | null {
  const { idsByThread, byId } = useMessages.getState();
  const ids = idsByThread[threadId] ?? [];
  for (let i = ids.length - 1; i >= 0; i--) {
    const m = byId[ids[i]!];
    if (!m || m.role === 'tool') continue;
    return m.role === 'assistant' && loopActiveOn(m) ? m.id : null;
  }
  return null;
}

/** Runs the shortcut; false when it had nothing to act on (the key then keeps its usual meaning). */
export function runShortcut(id: ShortcutId, openSheet: () => void): boolean {
  const threads = useThreads.getState();
  const selected = threads.selectedId;
  switch (id) {
    case 'newThread':
      void newThread();
      return true;
    case 'focusComposer':
      useUi.getState().requestComposerFocus();
      return true;
    case 'stop': {
      const running = selected ? runningAnswer(selected) : null;
      if (!running) return false;
      void stopMessage(running);
      return true;
    }
    case 'search': {
      const box = document.querySelector<HTMLInputElement>('[data-testid="thread-search"]');
      box?.focus();
      box?.select();
      return !!box;
    }
    case 'prevThread':
    case 'nextThread': {
      const order = threads.order;
      if (order.length === 0) return false;
      const at = selected ? order.indexOf(selected) : -1;
      const next = id === 'prevThread' ? (at <= 0 ? 0 : at - 1) : at < 0 ? 0 : Math.min(order.length - 1, at + 1);
      if (order[next] !== selected) selectThread(order[next]!);
      return true;
    }
    case 'regenerate': {
      const target = selected ? lastRegenerable(selected) : null;
      if (!target) return false;
      void regenerateMessage(target);
      return true;
    }
    case 'sheet':
      openSheet();
      return true;
  }
}
