// The window: banners on top, the thread sidebar and the chat pane, the status bar, and dialogs.
import { ChatPane } from './features/chat/ChatPane';
import { BatchView } from './features/batch/BatchView';
import { useBatches } from './stores/batches';
import { SettingsDialog } from './features/settings/SettingsDialog';
import { ConnectionBanner, DemoBanner } from './features/shell/Banners';
import { ConfirmDialog } from './features/shell/ConfirmDialog';
import { LiveRegion } from './features/shell/LiveRegion';
import { Notice } from './features/shell/Notice';
import { StatusBar } from './features/shell/StatusBar';
import { Sidebar } from './features/threads/Sidebar';
import { Shortcuts } from './features/shortcuts/Shortcuts';

export function App() {
  // A batch opened from the sidebar takes the chat pane's place.
  const batchOpen = useBatches((s) => s.openId !== null);
  return (
    <div className="app">
      <DemoBanner />
      <ConnectionBanner />
      <div className="app-body">
        <Sidebar />
        {batchOpen ? <BatchView /> : <ChatPane />}
      </div>
      <StatusBar />
      <SettingsDialog />
      <ConfirmDialog />
      <Notice />
      <LiveRegion />
      <Shortcuts />
    </div>
  );
}
