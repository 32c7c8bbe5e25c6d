// What the window's polite live region says (features/shell/LiveRegion.tsx), and the watcher that
// decides it from the messages store: an answer started, finished (with its length), stopped or
// failed (with the translated error class), and tool calls that wait for the user. Only status
// transitions speak, never a streamed delta, so a screen reader is told once per event.
import { create } from 'zustand';
import { messageText } from '../../shared/chat-events';
import type { Message } from '../../shared/domain';
import { errorReason, i18n } from '../i18n';
import { formatCount } from '../lib/format';
import { useCompare } from './compare';
import { useMessages } from './messages';

interface AnnouncerState {
  text: string;
  /** bumped per announcement, so the same words twice are still a change the reader hears */
  n: number;
  announce: (text: string) => void;
}

export const useAnnouncer = create<AnnouncerState>()((set) => ({
  text: '',
  n: 0,
  announce: (text) => set((s) => ({ text, n: s.n + 1 })),
}));

/** What an answer's move from `before` to its current status is worth saying ('' = nothing). */
export function answerAnnouncement(message: Message, before: Message['status'] | undefined): string {
  const t = i18n.t;
  const { status } = message;
  if (status === before) return '';
  if (status === 'streaming') return t('a11y.answerStarted');
  // First seen already ended (a thread opened, a page loaded): history, not news.
  if (before === undefined) return '';
  const reason = message.error ? errorReason(t, message.error) : '';
  switch (status) {
    case 'done': {
      const text = messageText(message);
      // A step that only calls tools is not the answer yet; its tool calls speak for themselves.
      if (text.trim() === '' && message.parts.some((p) => p.type === 'tool_call')) return '';
      const count = [...text].length;
      return t('a11y.answerFinished', { count, formatted: formatCount(i18n.language, count) });
    }
    case 'error':
      return t('a11y.answerFailed', { reason: reason || t('errors.unknown') });
    case 'truncated':
      return t('a11y.answerCutOff', { reason: reason || t('errors.truncated') });
    default:
      // stopped, and any later ending (e.g. interrupted): the answer ended without finishing.
      return t('a11y.answerStopped');
  }
}

/** The tool calls of a message now waiting on the user, as "id:kind" keys with what to say. */
function awaitingCalls(message: Message): [string, string][] {
  const t = i18n.t;
  const out: [string, string][] = [];
  for (const p of message.parts) {
    if (p.type !== 'tool_call' || !p.awaiting) continue;
    out.push([`${message.id}:${p.id}:${p.awaiting}`, t(`a11y.toolWaiting.${p.awaiting}`, { name: p.name })]);
  }
  return out;
}

/** How many of each thread's newest messages can be changing (the answer, its tool step, a retry). */
const TAIL = 3;

let stop: (() => void) | null = null;

/** Watches the messages store for the window's life (idempotent). */
export function startAnnouncements(): () => void {
  if (stop) return stop;
  const statuses = new Map<string, Message['status']>();
  const told = new Set<string>();
  const unsubscribe = useMessages.subscribe((s, prev) => {
    if (s.byId === prev.byId) return;
    const say: string[] = [];
    // Candidates: what is streaming now, and the newest few of every loaded thread.
    const ids = new Set<string>();
    for (const [id, status] of statuses) if (status === 'streaming') ids.add(id);
    for (const list of Object.values(s.idsByThread)) for (const id of list.slice(-TAIL)) ids.add(id);
    // Compare columns are off the shown path: their answers speak too.
    for (const run of Object.values(useCompare.getState().runs)) for (const c of run.columns) for (const id of c.ids) ids.add(id);
    for (const id of ids) {
      const m = s.byId[id];
      if (!m) {
        statuses.delete(id);
        continue;
      }
      if (m.role !== 'assistant') continue;
      const before = statuses.get(id);
      statuses.set(id, m.status);
      const text = answerAnnouncement(m, before);
      if (text) say.push(text);
      for (const [key, words] of awaitingCalls(m)) {
        if (told.has(key)) continue;
        told.add(key);
        say.push(words);
      }
    }
    if (say.length > 0) useAnnouncer.getState().announce(say.join(' '));
  });
  stop = () => {
    unsubscribe();
    stop = null;
  };
  return stop;
}
