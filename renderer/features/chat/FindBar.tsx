// Find in thread: Ctrl/Cmd+F opens a bar over the messages that finds every match in the thread through
// the database (not only the rendered rows), shows "3/17", and steps through them with Enter / Shift+Enter
// or its buttons, opening the page around each match. Escape closes it.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { useSearch } from '../../stores/search';
import { closeFind, findStep, openFind, runFind } from '../../stores/search-actions';
import { ArrowDownIcon, ArrowUpIcon, CloseIcon, SearchIcon } from '../shell/icons';

const DEBOUNCE_MS = 80;

/** Ctrl/Cmd+F anywhere in the window opens (or refocuses) the find bar while a thread is open. */
export function useFindShortcut(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        openFind();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled]);
}

export function FindBar() {
  const { t } = useTranslation();
  const find = useSearch((s) => s.find);
  const input = useRef<HTMLInputElement>(null);
  const [text, setText] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    if (!find.open) return;
    input.current?.focus();
    input.current?.select();
  }, [find.open, find.focus]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);
  useEffect(() => {
    if (!find.open) setText('');
  }, [find.open]);

  if (!find.open) return null;

  const change = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void runFind(value), DEBOUNCE_MS);
  };
  const total = find.ids.length;
  const count = !find.query.trim()
    ? ''
    : total === 0
      ? t('search.findNone')
      : t(find.truncated ? 'search.findCountMore' : 'search.findCount', { current: find.index + 1, total });

  return (
    <div className="find-bar" role="search">
      <SearchIcon size={14} />
      <input
        ref={input}
        type="text"
        value={text}
        placeholder={t('search.find')}
        aria-label={t('search.find')}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            closeFind();
          } else if (e.key === 'Enter') {
            e.preventDefault();
            // a query still waiting for its debounce runs now; otherwise step
            if (timer.current && text !== find.query) {
              clearTimeout(timer.current);
              timer.current = null;
              void runFind(text);
            } else findStep(e.shiftKey ? -1 : 1);
          }
        }}
        data-testid="thread-find"
      />
      <span className="find-count tabular" aria-live="polite" data-testid="thread-find-count">
        {count}
      </span>
      <button
        type="button"
        className="icon-btn"
        onClick={() => findStep(-1)}
        disabled={total === 0}
        aria-label={t('search.findPrev')}
        title={t('search.findPrev')}
        data-testid="thread-find-prev"
      >
        <ArrowDownIcon size={14} />
      </button>
      <button
        type="button"
        className="icon-btn"
        onClick={() => findStep(1)}
        disabled={total === 0}
        aria-label={t('search.findNext')}
        title={t('search.findNext')}
        data-testid="thread-find-next"
      >
        <ArrowUpIcon size={14} />
      </button>
      <button type="button" className="icon-btn" onClick={closeFind} aria-label={t('search.findClose')} title={t('search.findClose')}>
        <CloseIcon size={14} />
      </button>
    </div>
  );
}
