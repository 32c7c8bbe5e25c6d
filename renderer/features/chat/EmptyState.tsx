// What the main pane shows with no thread or no messages yet: a welcome, example prompts, and —
// when no key is set outside the demo — a clear way to settings.
import { useTranslation } from '../../i18n/use-translation';
import { useCanChat, useSettings } from '../../stores/settings';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { ChatIcon, KeyIcon } from '../shell/icons';

const EXAMPLES = ['tcp', 'palindrome', 'pomodoro'] as const;

export function EmptyState({ threadKey, inThread }: { threadKey: string; inThread: boolean }) {
  const { t } = useTranslation();
  // The thread's own profile may have a key where the default one has none.
  const profileHasKey = useProfiles((s) => {
    const id = s.byThread[threadKey] ?? s.activeId;
    return id !== 'default' && Boolean(s.profiles.find((p) => p.id === id)?.key.hasKey);
  });
  const canChat = useCanChat() || profileHasKey;
  const known = useSettings((s) => s.keyStatus !== null || s.appInfo !== null);
  const setDraft = useUi((s) => s.setDraft);
  const requestFocus = useUi((s) => s.requestComposerFocus);
  const openSettings = useUi((s) => s.openSettings);

  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-inner">
        <div className="empty-logo" aria-hidden="true">
          <ChatIcon size={26} />
        </div>
        {/* The window's one h1 (an open thread's header has its own). */}
        {inThread ? <h2>{t('empty.threadTitle')}</h2> : <h1>{t('empty.welcomeTitle')}</h1>}
        <p className="empty-lead">{inThread ? t('empty.threadBody') : t('empty.welcomeBody')}</p>
        {known && !canChat && (
          <div className="empty-key" data-testid="empty-no-key">
            <KeyIcon size={18} />
            <div>
              <strong>{t('empty.noKeyTitle')}</strong>
              <p>{t('empty.noKeyBody')}</p>
            </div>
            <button type="button" className="btn btn-primary" onClick={() => openSettings(true)} data-testid="empty-open-settings">
              {t('empty.openSettings')}
            </button>
          </div>
        )}
        <ul className="examples">
          {EXAMPLES.map((key) => (
            <li key={key}>
              <button
                type="button"
                className="example"
                data-testid="example-prompt"
                onClick={() => {
                  setDraft(threadKey, t(`empty.examples.${key}`));
                  requestFocus();
                }}
              >
                {t(`empty.examples.${key}`)}
              </button>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
