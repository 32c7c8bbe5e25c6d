// Search and the pages it opens: message search over every thread, find in one thread, and the window of a
// thread around a message (a result, a match, a link) with the pages after it.
import type { RouteOutput } from '../../shared/contract';
import { Role, type Thread } from '../../shared/domain';
import type { MessageWindowRepo, SearchRepo, ThreadsRepo } from '../storage';
import { AppFailure } from './failure';

const DEFAULT_HITS = 50;
const DEFAULT_MATCHES = 10_000;
const DEFAULT_PAGE = 40;

export class SearchService {
  constructor(
    private readonly search: SearchRepo,
    private readonly windows: MessageWindowRepo,
    private readonly threads: ThreadsRepo,
  ) {}

  messages(query: string, limit = DEFAULT_HITS): RouteOutput<'search.messages'> {
    return this.search.messages(query, limit).map((h) => ({
      ...h,
      role: Role.safeParse(h.role).data ?? 'assistant',
    }));
  }

  inThread(threadId: string, query: string, limit = DEFAULT_MATCHES): RouteOutput<'search.inThread'> {
    this.mustThread(threadId);
    return this.search.inThread(threadId, query, limit);
  }

  around(threadId: string, messageId: string, limit = DEFAULT_PAGE): RouteOutput<'messages.around'> {
    const thread = this.mustThread(threadId);
    const w = this.windows.around(threadId, messageId, limit);
    if (!w) throw AppFailure.of('not_found', 'This message no longer exists.', { reason: 'message_gone' });
    return { thread, ...w };
  }

  newer(threadId: string, after: number, limit = DEFAULT_PAGE): RouteOutput<'messages.newer'> {
    this.mustThread(threadId);
    return this.windows.newer(threadId, after, limit);
  }

  private mustThread(id: string): Thread {
    const thread = this.threads.get(id);
    if (!thread) throw AppFailure.of('not_found', 'This thread no longer exists.', { reason: 'message_gone' });
    return thread;
  }
}
