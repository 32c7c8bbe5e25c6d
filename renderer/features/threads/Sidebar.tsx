// The left column: new thread, search, the (virtualized) thread list, and settings.
import { Virtuoso } from 'react-virtuoso';
import { ExportMenu } from '../export/ExportMenu';
import { ImportButton } from '../export/ImportButton';
import { useTranslation } from '../../i18n/use-translation';
import { newThread } from '../../stores/thread-actions';
import { useThreads } from '../../stores/threads';
import { useUi } from '../../stores/ui';
import { GearIcon, PlusIcon } from '../shell/icons';
import { ThreadItem } from './ThreadItem';
import { SearchResults } from './SearchResults';
import { ThreadSearch } from './ThreadSearch';
import { ShortcutSheetButton } from '../shortcuts/Shortcuts';
import { BatchList } from '../batch/BatchList';

export function Sidebar() {
  const { t } = useTranslation();
  const order = useThreads((s) => s.order);
  const loaded = useThreads((s) => s.loaded);
  const query = useThreads((s) => s.query);
  const openSettings = useUi((s) => s.openSettings);

  return (
    // Files dropped on the thread list start a new thread (the drop zone reads data-drop-target).
    <aside className="sidebar" data-drop-target="new-thread">
      <div className="sidebar-top">
        <button type="button" className="btn btn-primary btn-block" onClick={() => void newThread()} data-testid="thread-new">
          <PlusIcon />
          <span>{t('threads.new')}</span>
        </button>
        <ThreadSearch />
      </div>
      <SearchResults />
      <nav className="thread-list" aria-label={t('threads.listLabel')}>
        {loaded && order.length === 0 ? (
          <p className="thread-list-empty">{query.trim() ? t('threads.noMatches', { query: query.trim() }) : t('threads.empty')}</p>
        ) : (
          <Virtuoso
            data={order}
            computeItemKey={(_, id) => id}
            itemContent={(_, id) => <ThreadItem id={id} />}
            increaseViewportBy={200}
          />
        )}
      </nav>
      <BatchList />
      <div className="sidebar-bottom">
        <div className="sidebar-transfer">
          <ExportMenu threadId={null} testId="export-all" />
          <ImportButton />
        </div>
        <button type="button" className="btn btn-ghost btn-block start" onClick={() => openSettings(true)} data-testid="settings-open">
          <GearIcon />
          <span>{t('settings.open')}</span>
        </button>
        <ShortcutSheetButton />
      </div>
    </aside>
  );
}
