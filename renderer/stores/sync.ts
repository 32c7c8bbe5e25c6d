// Start-up and live sync: first state from main, pushed events into the stores, answers still running
// in main picked up again after a reload or reconnect, a resync after the browser-mode socket
// reconnects, and settings side effects (language, theme).
import { applyTheme } from '../lib/theme';
import { getApi, onConnectionState } from '../api';
import { initI18n, resolveLanguage, setLanguage } from '../i18n';
import { startAnnouncements } from './announcer';
import { loadNewestPage } from './chat-actions';
import { claimCompareMessage, noteCompareEvents } from './compare-actions';
import { continuesView, useMessages } from './messages';
import { refreshBalance, refreshGateway } from './settings-actions';
import { useSettings } from './settings';
import { loadThreads } from './thread-actions';
import { useThreads } from './threads';
import { useUi } from './ui';

let balanceTimer: ReturnType<typeof setTimeout> | null = null;

/** An answer ended: the balance has moved. Several endings in a row make one request. */
function balanceMoved(): void {
  if (balanceTimer) clearTimeout(balanceTimer);
  balanceTimer = setTimeout(() => {
    balanceTimer = null;
    if (useSettings.getState().balance.value) void refreshBalance();
  }, 1500);
}

function subscribeEvents(): void {
  const api = getApi();
  api.on['chat.events'](({ messageId, events }) => {
    useMessages.getState().applyEvents(messageId, events);
    noteCompareEvents(messageId, events);
    if (events.some((e) => e.type === 'status' && e.status !== 'streaming')) balanceMoved();
  });
  // The tool loop's next steps (a tool message, the next answer): added where the thread is loaded;
  // a thread not loaded here reads them from storage when it is opened.
  api.on['message.created'](({ message }) => {
    // A compare column's tool loop continues in its column, not on the thread's shown path.
    if (claimCompareMessage(message)) return;
    const { pages, idsByThread } = useMessages.getState();
    if (pages[message.threadId]?.loaded && continuesView(idsByThread[message.threadId] ?? [], message)) {
      useMessages.getState().add(message);
    }
  });
  api.on['threads.changed'](({ thread }) => {
    const threads = useThreads.getState();
    threads.upsert(thread, { insert: !threads.query.trim() });
  });
}

async function loadBasics(): Promise<void> {
  const api = getApi();
  const [info, settings, key] = await Promise.all([api['app.info']({}), api['settings.get']({}), api['key.status']({})]);
  const s = useSettings.getState();
  if (info.ok) s.setAppInfo(info.value);
  if (settings.ok) s.setSettings(settings.value);
  if (key.ok) s.setKeyStatus(key.value);
}

/**
 * Takes over the answers main is still running (of one thread, or all): their text so far at once, their
 * deltas from then on. A reloaded window has lost both; a reconnected socket is a new client to main.
 */
async function attachRunning(threadId?: string): Promise<void> {
  const res = await getApi()['chat.attach'](threadId ? { threadId } : {});
  // Applied in this continuation, before any later push is handled: those apply on top of the snapshot.
  if (!res.ok) return;
  const ended = useMessages.getState().putLive(res.value, threadId);
  for (const id of ended) if (useMessages.getState().pages[id]?.loaded) void loadNewestPage(id);
}

async function resync(): Promise<void> {
  await loadBasics();
  void loadThreads();
  void refreshGateway();
  const selected = useThreads.getState().selectedId;
  if (selected) void loadNewestPage(selected);
}

export async function boot(): Promise<void> {
  onConnectionState((state) => {
    const before = useUi.getState().connection;
    useUi.getState().setConnection(state);
    // A reconnected socket is a new client to main: take the running answers over again.
    if (state === 'open' && before === 'offline') {
      void attachRunning();
      void resync();
    }
  });
  // A thread opened here may be answering for another window (another tab in browser mode).
  useThreads.subscribe((s, prev) => {
    if (s.selectedId && s.selectedId !== prev.selectedId) void attachRunning(s.selectedId);
  });
  subscribeEvents();
  // After the listeners are in place, so every delta that follows the snapshot is applied. A reloaded
  // window (Electron keeps its IPC, browser mode queues this until the socket opens) starts here.
  void attachRunning();
  startAnnouncements();
  try {
    await loadBasics();
  } catch {
    // Render anyway with the defaults; the connection banner and the empty state explain.
  }
  const { settings, appInfo } = useSettings.getState();
  applyTheme(settings.theme);
  await initI18n(resolveLanguage(settings.locale, appInfo?.systemLocale));
  useSettings.subscribe((s, prev) => {
    if (s.settings.theme !== prev.settings.theme) applyTheme(s.settings.theme);
    if (s.settings.locale !== prev.settings.locale || s.appInfo !== prev.appInfo) {
      void setLanguage(resolveLanguage(s.settings.locale, s.appInfo?.systemLocale));
    }
  });
  void loadThreads();
  void refreshGateway();
}
