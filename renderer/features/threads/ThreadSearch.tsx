// The search box: filters the list through threads.list {query} and finds the messages themselves
// (search.messages, shown above the list), debounced.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { searchMessages } from '../../stores/search-actions';
import { loadThreads } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { SearchIcon } from '../shell/icons';

// Short: both queries use the index and answer in a few ms, so results follow typing closely.
const DEBOUNCE_MS = 80;

export function ThreadSearch() {
  const { t } = useTranslation();
  const query = useThreads((s) => s.query);
  const setQuery = useThreads((s) => s.setQuery);
  const [text, setText] = useState(query);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  // The store can clear the query (a new thread was created): follow it.
  useEffect(() => {
    setText(query);
    if (!query) void searchMessages('');
  }, [query]);
  useEffect(() => () => void (timer.current && clearTimeout(timer.current)), []);

  const change = (value: string) => {
    setText(value);
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setQuery(value);
      // Messages first: main answers in order, and the thread filter can take ~90 ms for a short word found in
      // most of 110,000 messages (tests/bench/search.bench.ts) while the message search takes ~1 ms.
      void searchMessages(value);
      void loadThreads();
    }, DEBOUNCE_MS);
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
