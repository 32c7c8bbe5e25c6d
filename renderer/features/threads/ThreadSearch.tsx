// The search box: filters the list through threads.list {query} and finds the messages themselves
// (search.messages, shown above the list), debounced.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { searchMessages } from '../../stores/search-actions';
import { loadThreads } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { SearchIcon } from '../shell/icons';

// Short for the messages: their query uses the index and answers in a few ms, so results follow typing closely.
const DEBOUNCE_MS = 80;
// Longer for the thread list filter: for a short word found in most of 110,000 messages it takes ~90 ms
// (tests/bench/search.bench.ts), and main answers in order, so run for every prefix typed it held up the next
// message results (~190 ms after the keystroke instead of ~100, tests/bench/search-ui.bench.ts).
const FILTER_DEBOUNCE_MS = 250;

export function ThreadSearch() {
  const { t } = useTranslation();
  const query = useThreads((s) => s.query);
  const setQuery = useThreads((s) => s.setQuery);
  const [text, setText] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const filterTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The store can clear the query (a new thread was created): follow it.
  useEffect(() => {
    setText(query);
    if (!query) void searchMessages('');
  }, [query]);
  useEffect(
    () => () => {
      for (const t of [timer.current, filterTimer.current]) if (t) clearTimeout(t);
    },
    [],
  );

  const change = (value: string) => {
    setText(value);
    for (const t of [timer.current, filterTimer.current]) if (t) clearTimeout(t);
    timer.current = setTimeout(() => void searchMessages(value), DEBOUNCE_MS);
    filterTimer.current = setTimeout(() => {
      setQuery(value);
      void loadThreads();
    }, FILTER_DEBOUNCE_MS);
  };

  return (
    <label className="search-box">
      <SearchIcon size={14} />
      <input
        type="search"
        value={text}
        placeholder={t('threads.search')}
        aria-label={t('threads.search')}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && text) {
            e.preventDefault();
            change('');
          }
        }}
        data-testid="thread-search"
      />
    </label>
  );
}
