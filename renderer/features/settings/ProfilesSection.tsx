// Connection profiles in Settings: several gateways side by side, each with its own key; which one new
// threads get; add one from a preset (一步API, OpenAI, Anthropic, DeepSeek, custom).
import { useEffect, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { PROFILE_PRESETS, ProfilePreset, type ProfileView } from '../../../shared/profiles';
import { originOf } from '../../../shared/url';
import { loadProfiles, setActiveProfile } from '../../stores/profile-actions';
import { useProfiles } from '../../stores/profiles';
import { useUi } from '../../stores/ui';
import { ProfileEditor, type ProfileDraft } from './ProfileEditor';

function draftFrom(p: ProfileView): ProfileDraft {
  return { id: p.id, name: p.name, preset: p.preset, baseUrl: p.baseUrl, protocol: p.protocol, authStyle: p.authStyle, proxyUrl: p.proxyUrl ?? '' };
}

function draftFromPreset(preset: ProfilePreset): ProfileDraft {
  const p = PROFILE_PRESETS.find((x) => x.preset === preset) ?? PROFILE_PRESETS[PROFILE_PRESETS.length - 1]!;
  return { preset: p.preset, name: p.name, baseUrl: p.baseUrl, protocol: p.protocol, authStyle: p.authStyle, proxyUrl: '' };
}

export function ProfilesSection() {
  const { t } = useTranslation();
  const profiles = useProfiles((s) => s.profiles);
  const activeId = useProfiles((s) => s.activeId);
  const notify = useUi((s) => s.showNotice);
  const [editing, setEditing] = useState<string | null>(null);
  const [preset, setPreset] = useState<ProfilePreset>('openai');

  useEffect(() => {
    void loadProfiles();
  }, []);

  return (
    <section className="settings-section" data-testid="settings-profiles">
      <h3>{t('profiles.title')}</h3>
      <p className="field-help">{t('profiles.help')}</p>
      <ul className="profile-list">
        {profiles.map((p) => (
          <li key={p.id} className="profile-item" data-testid="profile-item" data-profile-id={p.id}>
            <div className="profile-row">
              <label className="profile-active" title={t('profiles.forNewThreads')}>
                <input
                  type="radio"
                  name="profile-active"
                  checked={p.id === activeId}
                  onChange={() => void setActiveProfile(p.id).then((r) => !r.ok && notify(r.error))}
                  data-testid="profile-active"
                />
              </label>
              <div className="profile-summary">
                <span className="profile-name">{p.name}</span>
                <span className="profile-meta">
                  {originOf(p.baseUrl) ?? p.baseUrl} · {t(`header.protocols.${p.protocol}`)}
                  {p.proxyUrl ? ` · ${t('profiles.viaProxy', { proxy: p.proxyUrl })}` : ''}
                </span>
              </div>
              <span className={`pill${p.key.hasKey ? ' on' : ''}`} data-testid="profile-key-status">
                {p.key.hasKey ? (p.key.originMatches === false ? t('status.keyOtherOrigin') : (p.key.hint ?? '')) : t('status.keyMissing')}
              </span>
              <button type="button" className="btn btn-small btn-ghost" onClick={() => setEditing(editing === p.id ? null : p.id)} data-testid="profile-edit">
                {t('profiles.edit')}
              </button>
            </div>
            {editing === p.id && <ProfileEditor initial={draftFrom(p)} profile={p} onDone={() => setEditing(null)} />}
          </li>
        ))}
      </ul>
      {editing === 'new' ? (
        <ProfileEditor initial={draftFromPreset(preset)} profile={null} onDone={() => setEditing(null)} />
      ) : (
        <div className="profile-add">
          <select className="select" value={preset} onChange={(e) => setPreset(e.target.value as ProfilePreset)} aria-label={t('profiles.preset')} data-testid="profile-add-preset">
            {ProfilePreset.options.map((p) => (
              <option key={p} value={p}>
                {t(`profiles.presets.${p}`)}
              </option>
            ))}
          </select>
          <button type="button" className="btn btn-small" onClick={() => setEditing('new')} data-testid="profile-add">
            {t('profiles.add')}
          </button>
        </div>
      )}
      <p className="field-help">{t('profiles.activeHelp')}</p>
    </section>
  );
}
