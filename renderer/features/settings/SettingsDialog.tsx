// Settings: connection (base URL with the final request URL, API key, test), the default model
// and balance, language and theme, and the describe prompt and max tokens.
import { useRef, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { endpointUrl, originOf } from '../../../shared/url';
import { errorDetail, errorReason } from '../../i18n';
import { removeKey } from '../../stores/settings-actions';
import { useSettings } from '../../stores/settings';
import { useUi } from '../../stores/ui';
import { ModelPicker } from '../chat/ModelPicker';
import { CloseIcon } from '../shell/icons';
import { Modal } from '../shell/Modal';
import { BalanceView } from './BalanceView';
import { AnthropicAuthField } from './AnthropicAuthField';
import { ConnectionTest } from './ConnectionTest';
import { KeyOriginNotice } from './KeyOriginNotice';
import { KeyStatusView } from './KeyStatusView';
import { Preferences } from './Preferences';
import { ProfilesSection } from './ProfilesSection';
import { useSettingsForm } from './use-settings-form';
import { BalanceSession } from '../params/BalanceSession';
import { DefaultsSection } from '../params/DefaultsSection';
import { PriceTable } from '../params/PriceTable';

export function SettingsDialog() {
  const open = useUi((s) => s.settingsOpen);
  return open ? <SettingsDialogBody /> : null;
}

function SettingsDialogBody() {
  const { t } = useTranslation();
  const openSettings = useUi((s) => s.openSettings);
  const close = () => openSettings(false);
  const keyStatus = useSettings((s) => s.keyStatus);
  const demo = useSettings((s) => Boolean(s.appInfo?.demo));
  const electron = useSettings((s) => s.appInfo?.mode === 'electron');
  const savedBaseUrl = useSettings((s) => s.settings.baseUrl);
  const keyField = useRef<HTMLInputElement>(null);
  const form = useSettingsForm(keyField);
  const [removing, setRemoving] = useState(false);
  const notify = useUi((s) => s.showNotice);
  const { draft, update } = form;
  const targetOrigin = originOf(savedBaseUrl) ?? savedBaseUrl;
  const originMoved = Boolean(keyStatus?.hasKey && keyStatus.originMatches === false);

  const onRemove = async () => {
    setRemoving(true);
    const res = await removeKey();
    setRemoving(false);
    if (!res.ok) notify(res.error);
  };

  return (
    <Modal labelledBy="settings-title" onClose={close} className="settings" testId="settings-dialog">
      <div className="modal-head">
        <h2 id="settings-title" className="modal-title">
          {t('settings.title')}
        </h2>
        <button type="button" className="icon-btn" onClick={close} aria-label={t('settings.close')} data-testid="settings-close">
          <CloseIcon />
        </button>
      </div>
      <form
        className="modal-body"
        onSubmit={(e) => {
          e.preventDefault();
          void form.save();
        }}
      >
        <section className="settings-section">
          <h3>{t('settings.connection')}</h3>
          <label className="field">
            <span className="field-label">{t('settings.baseUrl')}</span>
            <input
              className={`input${form.urlProblem ? ' invalid' : ''}`}
              value={draft.baseUrl}
              onChange={(e) => update({ baseUrl: e.target.value })}
              spellCheck={false}
              autoComplete="off"
              inputMode="url"
              aria-invalid={form.urlProblem !== null}
              data-testid="settings-base-url"
              data-autofocus
            />
            {form.normalizedUrl && !form.urlProblem ? (
              <span className="field-help" data-testid="settings-base-url-preview">
                {t('settings.requestsGoTo', { url: endpointUrl(form.normalizedUrl, '/v1/chat/completions') })}
              </span>
            ) : (
              <span className="field-help error" role="alert" data-testid="settings-base-url-error" data-reason={form.urlProblem ?? undefined}>
                {form.urlProblem === 'insecure_http' ? t('settings.insecureHttp') : t('settings.invalidUrl')}
              </span>
            )}
          </label>
          {originMoved && keyStatus && <KeyOriginNotice status={keyStatus} target={targetOrigin} canConfirm={electron} />}
          <label className="field">
            <span className="field-label">{originMoved ? t('settings.apiKeyAgain', { target: targetOrigin }) : t('settings.apiKey')}</span>
            <input
              ref={keyField}
              className="input mono"
              type="password"
              placeholder={keyStatus?.hasKey ? t('settings.apiKeyReplace') : t('settings.apiKeyPlaceholder')}
              onChange={(e) => form.setKeyTyped(e.target.value.trim() !== '')}
              autoComplete="off"
              spellCheck={false}
              data-testid="settings-api-key"
            />
          </label>
          <KeyStatusView status={keyStatus} demo={demo} onRemove={() => void onRemove()} removing={removing} />
          <ConnectionTest beforeTest={form.save} disabled={!form.valid} />
          <AnthropicAuthField />
        </section>

        <ProfilesSection />

        <section className="settings-section">
          <h3>{t('settings.model')}</h3>
          <div className="field">
            <ModelPicker
              value={draft.model}
              onChange={(model) => update({ model })}
              testId="settings-model"
              customTestId="settings-model-custom"
              className="wide"
            />
            <span className="field-help">{t('settings.modelHelp')}</span>
          </div>
          <div className="field">
            <span className="field-label">{t('settings.balance')}</span>
            <BalanceView />
            <BalanceSession />
          </div>
        </section>

        <section className="settings-section">
          <h3>{t('settings.preferences')}</h3>
          <Preferences />
          <label className="field">
            <span className="field-label">{t('settings.describePrompt')}</span>
            <textarea
              className="input"
              rows={2}
              value={draft.describePrompt}
              placeholder={t('settings.describePromptPlaceholder')}
              onChange={(e) => update({ describePrompt: e.target.value })}
              data-testid="settings-describe-prompt"
            />
          </label>
          <label className="field narrow">
            <span className="field-label">{t('settings.maxTokens')}</span>
            <input
              className={`input tabular${form.maxTokens === null ? ' invalid' : ''}`}
              inputMode="numeric"
              value={draft.maxTokens}
              onChange={(e) => update({ maxTokens: e.target.value })}
              aria-invalid={form.maxTokens === null}
              data-testid="settings-max-tokens"
            />
            {form.maxTokens === null && <span className="field-help error">{t('settings.maxTokensInvalid')}</span>}
          </label>
        </section>

        <DefaultsSection />
        <PriceTable />

        <div className="modal-foot">
          <span className="save-state" role="status" data-testid="settings-save-state">
            {form.state.kind === 'saved' && t('settings.saved')}
            {form.state.kind === 'error' && (
              <span className="error-text">
                {errorReason(t, form.state.error)} <small>{errorDetail(form.state.error)}</small>
              </span>
            )}
          </span>
          <button type="button" className="btn" onClick={close}>
            {t('settings.close')}
          </button>
          <button type="submit" className="btn btn-primary" disabled={!form.valid || form.state.kind === 'saving'} data-testid="settings-save">
            {form.state.kind === 'saving' ? t('settings.saving') : t('settings.save')}
          </button>
        </div>
      </form>
    </Modal>
  );
}
