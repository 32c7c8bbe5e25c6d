// One row of the thread list: title and relative time; double-click or the pencil renames inline,
// the bin asks for confirmation before deleting.
import { memo } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { formatDateTime, formatRelative } from '../../lib/format';
import { useNow } from '../../lib/use-now';
import { renameThread, selectThread } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { useUi } from '../../stores/ui';
import { PencilIcon, TrashIcon } from '../shell/icons';
import { RenameField } from './RenameField';

export const ThreadItem = memo(function ThreadItem({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const thread = useThreads((s) => s.byId[id]);
  const selected = useThreads((s) => s.selectedId === id);
  const renaming = useUi((s) => s.renamingId === id);
  const setRenaming = useUi((s) => s.setRenaming);
  const askConfirm = useUi((s) => s.askConfirm);
  const now = useNow();
  if (!thread) return null;
  const title = thread.title || t('threads.untitled');

  return (
    <div
      className={`thread-item${selected ? ' selected' : ''}`}
      data-testid="thread-item"
      data-thread-id={id}
      aria-current={selected ? 'true' : undefined}
    >
      {renaming ? (
        <RenameField initial={thread.title} onDone={(value) => void renameThread(id, value ?? thread.title)}
          className="thread-rename-input" />
      ) : (
        <button
          type="button"
          className="thread-item-main"
          onClick={() => selectThread(id)}
          onDoubleClick={() => setRenaming(id)}
          title={title}
        >
          <span className="thread-item-title">{title}</span>
          <time className="thread-item-time" dateTime={new Date(thread.updatedAt).toISOString()} title={formatDateTime(i18n.language, thread.updatedAt)}>
            {formatRelative(t, i18n.language, thread.updatedAt, now)}
          </time>
        </button>
      )}
      {!renaming && (
        <div className="thread-item-actions">
          <button
            type="button"
            className="icon-btn tiny"
            onClick={() => setRenaming(id)}
            aria-label={t('threads.rename')}
            title={t('threads.rename')}
            data-testid="thread-rename"
          >
            <PencilIcon size={14} />
          </button>
          <button
            type="button"
            className="icon-btn tiny danger"
            onClick={() => askConfirm({ kind: 'delete-thread', threadId: id, title: thread.title })}
            aria-label={t('threads.delete')}
            title={t('threads.delete')}
            data-testid="thread-delete"
          >
            <TrashIcon size={14} />
          </button>
        </div>
      )}
    </div>
  );
});
