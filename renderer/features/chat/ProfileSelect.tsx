// The thread's connection profile, in the header. Switching is explicit: the next request of this
// thread goes to the chosen profile's gateway with that profile's key. A thread whose profile was
// deleted says so and sends nothing until another is chosen.
import { useEffect } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { assignThreadProfile, loadProfiles, loadThreadProfile } from '../../stores/profile-actions';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';

export function ProfileSelect({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const loaded = useProfiles((s) => s.loaded);
  const profiles = useProfiles((s) => s.profiles);
  const current = useProfiles((s) => s.byThread[threadId]);
  const notify = useUi((s) => s.showNotice);

  useEffect(() => {
    if (!loaded) void loadProfiles();
  }, [loaded]);
  useEffect(() => {
    void loadThreadProfile(threadId);
  }, [threadId]);

  // Not before the profiles are known: until then every profile would look deleted, and the header flashed
  // "Deleted profile" for a frame as a thread opened (the bench's per-frame sampler saw the list jump).
  const gone = loaded && current !== undefined && !profiles.some((p) => p.id === current);
  // One profile and nothing to switch to: the header stays quiet.
  if (!loaded || !current || (profiles.length < 2 && !gone)) return null;
  return (
    <select
      className={`select select-quiet${gone ? ' invalid' : ''}`}
      value={current}
      onChange={(e) =>
        void assignThreadProfile(threadId, e.target.value).then((r) => {
          if (!r.ok) notify(r.error);
        })
      }
      aria-label={t('profiles.threadProfile')}
      title={t('profiles.threadProfile')}
      data-testid="profile-select"
    >
      {gone && (
        <option value={current} disabled>
          {t('profiles.deletedProfile')}
        </option>
      )}
      {profiles.map((p) => (
        <option key={p.id} value={p.id}>
          {p.name}
        </option>
      ))}
    </select>
  );
}
