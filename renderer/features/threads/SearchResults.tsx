// The messages matching the sidebar's search, newest first, grouped by thread: role, date and a snippet
// with the matched words marked. Opening one opens its thread at that message, highlighted.
import { useMemo } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { SearchHit } from '../../../shared/contract';
import { formatDateTime } from '../../lib/format';
import { useSearch } from '../../stores/search';
import { jumpToMessage } from '../../stores/search-actions';

interface Group {
  threadId: string;
  title: string;
  hits: SearchHit[];
}

/** Groups in the order of their newest hit; hits keep their order inside a group. */
function groupByThread(hits: readonly SearchHit[]): Group[] {
  const groups = new Map<string, Group>();
  for (const h of hits) {
    let g = groups.get(h.threadId);
    if (!g) groups.set(h.threadId, (g = { threadId: h.threadId, title: h.threadTitle, hits: [] }));
    g.hits.push(h);
  }
  return [...groups.values()];
}

export function SearchResults() {
  const { t, i18n } = useTranslation();
  const query = useSearch((s) => s.query);
  const hits = useSearch((s) => s.hits);
  const loading = useSearch((s) => s.loading);
  const current = useSearch((s) => s.highlight?.messageId ?? null);
  const groups = useMemo(() => groupByThread(hits), [hits]);
  if (!query && !loading) return null;

  return (
    // data-query: which query the list on screen answers (the search bench waits for it)
    <section className="search-results" aria-label={t('search.resultsLabel')} data-query={loading ? undefined : query}>
      <h2 className="search-results-title">{t('search.results')}</h2>
      {groups.length === 0 && (
        <p className="search-results-status">{loading ? t('search.searching') : t('search.noResults', { query })}</p>
      )}
      {groups.map((g) => (
        <div key={g.threadId} role="group" aria-label={g.title || t('search.untitled')}>
          <h3 className="search-group-title">{g.title || t('search.untitled')}</h3>
          {g.hits.map((h) => (
            <button
              key={h.messageId}
              type="button"
              className="search-result"
              aria-current={current === h.messageId ? 'true' : undefined}
              onClick={() => void jumpToMessage(h.threadId, h.messageId, query)}
              data-testid="search-result"
              data-thread-id={h.threadId}
              data-message-id={h.messageId}
            >
              <span className="search-result-meta">
                <span>{t(`search.role.${h.role}`)}</span>
                <time dateTime={new Date(h.createdAt).toISOString()}>{formatDateTime(i18n.language, h.createdAt)}</time>
              </span>
              <span className="search-result-snippet">
                {h.snippet.map((part, i) => (part.mark ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
              </span>
            </button>
          ))}
        </div>
      ))}
    </section>
  );
}
