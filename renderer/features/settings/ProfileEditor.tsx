// One connection profile's form: name, base URL, protocol, auth header style, proxy and its own key
// (handed to main, which keeps it in the profile's own keychain entry). The default profile's base URL,
// auth style and key are the Connection section's fields above, so they are not repeated here.
import { useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { Protocol } from '../../../shared/domain';
import { AuthStyle, normalizeProxyUrl, type ProfileInput, type ProfileView } from '../../../shared/profiles';
import { normalizeBaseUrl } from '../../../shared/url';
import { errorDetail, errorReason } from '../../i18n';
import { deleteProfile, removeProfileKey, saveProfile, setProfileKey, testProfile } from '../../stores/profile-actions';
import type { AppError } from '../../../shared/domain';
import { ProfileBalance } from './ProfileBalance';

export type ProfileDraft = Omit<ProfileInput, 'proxyUrl'> & { proxyUrl: string };

export function ProfileEditor({ initial, profile, onDone }: { initial: ProfileDraft; profile: ProfileView | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<ProfileDraft>(initial);
  const [key, setKey] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const [tested, setTested] = useState<{ ok: true; count: number } | { ok: false; error: AppError } | null>(null);
  const isDefault = profile?.id === 'default';
  const update = (patch: Partial<ProfileDraft>) => setDraft((d) => ({ ...d, ...patch }));
  const urlOk = normalizeBaseUrl(draft.baseUrl) !== null;
  const proxyOk = draft.proxyUrl.trim() === '' || normalizeProxyUrl(draft.proxyUrl) !== null;
  const valid = draft.name.trim() !== '' && urlOk && proxyOk;

  const run = async (fn: () => Promise<{ ok: boolean; error?: AppError }>) => {
    setBusy(true);
    setError(null);
    const res = await fn();
    setBusy(false);
    if (!res.ok) setError(res.error ?? null);
    return res.ok;
  };

  const onSave = () =>
    void run(async () => {
      const saved = await saveProfile({ ...draft, proxyUrl: draft.proxyUrl.trim() || null });
      if (!saved.ok) return saved;
      if (key.trim() && !isDefault) {
        const k = await setProfileKey(saved.value.id, key.trim());
        if (!k.ok) return k;
      }
      onDone();
      return saved;
    });

  return (
    <div className="profile-editor" data-testid="profile-editor">
      <div className="field-row two">
        <label className="field">
          <span className="field-label">{t('profiles.name')}</span>
          <input className="input" value={draft.name} onChange={(e) => update({ name: e.target.value })} data-testid="profile-name" data-autofocus />
        </label>
        {!isDefault && (
          <label className="field">
            <span className="field-label">{t('settings.baseUrl')}</span>
            <input
              className={`input${urlOk ? '' : ' invalid'}`}
              value={draft.baseUrl}
              onChange={(e) => update({ baseUrl: e.target.value })}
              spellCheck={false}
              inputMode="url"
              aria-invalid={!urlOk}
              data-testid="profile-base-url"
            />
          </label>
        )}
      </div>
      <div className="field-row two">
        <label className="field">
          <span className="field-label">{t('profiles.protocol')}</span>
          <select className="select" value={draft.protocol} onChange={(e) => update({ protocol: e.target.value as Protocol })} data-testid="profile-protocol">
            {Protocol.options.map((p) => (
              <option key={p} value={p}>
                {t(`header.protocols.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {!isDefault && (
          <label className="field">
            <span className="field-label">{t('settings.anthropicAuth')}</span>
            <select className="select" value={draft.authStyle} onChange={(e) => update({ authStyle: e.target.value as AuthStyle })} data-testid="profile-auth">
              {AuthStyle.options.map((a) => (
                <option key={a} value={a}>
                  {t(`settings.anthropicAuths.${a}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <label className="field">
        <span className="field-label">{t('profiles.proxy')}</span>
        <input
          className={`input mono${proxyOk ? '' : ' invalid'}`}
          value={draft.proxyUrl}
          placeholder="http://127.0.0.1:7890"
          onChange={(e) => update({ proxyUrl: e.target.value })}
          spellCheck={false}
          aria-invalid={!proxyOk}
          data-testid="profile-proxy"
        />
        <span className={`field-help${proxyOk ? '' : ' error'}`}>{proxyOk ? t('profiles.proxyHelp') : t('profiles.proxyInvalid')}</span>
      </label>
      {!isDefault && (
        <label className="field">
          <span className="field-label">{t('settings.apiKey')}</span>
          <input
            className="input mono"
            type="password"
            value={key}
            placeholder={profile?.key.hasKey ? t('profiles.keySet', { hint: profile.key.hint ?? '' }) : t('settings.apiKeyPlaceholder')}
            onChange={(e) => setKey(e.target.value)}
            autoComplete="off"
            spellCheck={false}
            data-testid="profile-key"
          />
          <span className="field-help">{t('profiles.keyHelp')}</span>
        </label>
      )}
      {isDefault && <p className="field-help">{t('profiles.defaultHelp')}</p>}
      {error && (
        <p className="field-help error" role="alert" data-testid="profile-error">
          {errorReason(t, error)} <small>{errorDetail(error)}</small>
        </p>
      )}
      {tested && (
        <p className={`connection-result ${tested.ok ? 'ok' : 'error'}`} role="status" data-testid="profile-test-result" data-ok={String(tested.ok)}>
          <span>{tested.ok ? t('settings.connected', { count: tested.count }) : errorReason(t, tested.error)}</span>
        </p>
      )}
      {profile && !isDefault && profile.key.hasKey && <ProfileBalance profileId={profile.id} />}
      <div className="profile-actions">
        {profile && !isDefault && (
          <>
            <button
              type="button"
              className="btn btn-small"
              disabled={busy}
              title={t('profiles.testHelp')}
              onClick={() =>
                void testProfile(profile.id).then((r) => setTested(r.ok ? { ok: true, count: r.value.modelCount } : { ok: false, error: r.error }))
              }
              data-testid="profile-test"
            >
              {t('settings.test')}
            </button>
            {profile.key.hasKey && (
              <button type="button" className="btn btn-small" disabled={busy} onClick={() => void run(() => removeProfileKey(profile.id))} data-testid="profile-key-remove">
                {t('settings.removeKey')}
              </button>
            )}
            <button
              type="button"
              className="btn btn-small btn-danger"
              disabled={busy}
              onClick={() => (confirmDelete ? void run(() => deleteProfile(profile.id)).then((ok) => ok && onDone()) : setConfirmDelete(true))}
              data-testid="profile-delete"
            >
              {confirmDelete ? t('profiles.deleteConfirm') : t('profiles.delete')}
            </button>
          </>
        )}
        <span className="spacer" />
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="btn btn-small btn-primary" disabled={!valid || busy} onClick={onSave} data-testid="profile-save">
          {t('settings.save')}
        </button>
      </div>
    </div>
  );
}
