// The main pane: the selected thread's header and messages (or a welcome), and the composer.
import { useTranslation } from '../../i18n/use-translation';
import { EMPTY_PAGE, useMessages } from '../../stores/messages';
import { useSelectedThread } from '../../stores/threads';
import { useCompare } from '../../stores/compare';
import { CompareView } from '../compare/CompareView';
import { Composer } from '../composer/Composer';
import { EmptyState } from './EmptyState';
import { FindBar, useFindShortcut } from './FindBar';
import { MessageList } from './MessageList';
import { ThreadHeader } from './ThreadHeader';

export function ChatPane() {
  const thread = useSelectedThread();
  const threadKey = thread?.id ?? '';
  useFindShortcut(thread !== null);
  return (
    <main className="chat-pane">
      {thread && <ThreadHeader thread={thread} />}
      {thread && <FindBar />}
      <ThreadBody threadId={thread?.id ?? null} threadKey={threadKey} />
      <Composer threadKey={threadKey} />
    </main>
  );
}

function ThreadBody({ threadId, threadKey }: { threadId: string | null; threadKey: string }) {
  const { t } = useTranslation();
  const loaded = useMessages((s) => (threadId ? (s.pages[threadId] ?? EMPTY_PAGE).loaded : false));
  const error = useMessages((s) => (threadId ? (s.pages[threadId] ?? EMPTY_PAGE).error : null));
  const count = useMessages((s) => (threadId ? (s.idsByThread[threadId]?.length ?? 0) : 0));
  // another stretch of the thread (opened at a search result, back to the newest): a list started afresh
  const stretch = useMessages((s) => (threadId ? (s.pages[threadId] ?? EMPTY_PAGE).window : 0));
  const comparing = useCompare((s) => (threadId ? s.runs[threadId] !== undefined : false));
  if (!threadId) return <EmptyState threadKey={threadKey} inThread={false} />;
  if (comparing) return <CompareView threadId={threadId} />;
  if (!loaded) {
    return <div className="chat-body-status">{error ? t('message.loadFailed', { message: error }) : null}</div>;
  }
  if (count === 0) return <EmptyState threadKey={threadKey} inThread />;
  return <MessageList key={`${threadId}:${stretch}`} threadId={threadId} />;
}
