// The thread header's playground button: opens or closes the panel, and shows whether this thread's
// playground is on and how many tools it has.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { loadPlayground, usePlayground, usePlaygroundEntry } from '../../stores/playground';
import { WrenchIcon } from '../shell/icons';

export function PlaygroundToggle({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const open = usePlayground((s) => s.panelOpen);
  const setOpen = usePlayground((s) => s.setPanelOpen);
  const entry = usePlaygroundEntry(threadId);
  useEffect(() => {
    if (!entry.loaded) void loadPlayground(threadId);
  }, [threadId, entry.loaded]);
  const on = entry.config.enabled && entry.config.toolSet.tools.length > 0;
  return (
    <button
      type="button"
      className={`btn btn-small btn-ghost pg-toggle${open ? ' open' : ''}${on ? ' on' : ''}`}
      aria-pressed={open}
      onClick={() => setOpen(!open)}
      title={t('playground.toggle')}
      data-testid="playground-open"
    >
      <WrenchIcon size={14} />
      <span>{t('playground.title')}</span>
      {on && <span className="pill on">{entry.config.toolSet.tools.length}</span>}
    </button>
  );
}
