// The form behind `mcp-add`: one server by name, command line or URL, and its env or headers.
import { useId, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { saveMcpConfig } from '../../stores/mcp-actions';
import { useMcp } from '../../stores/mcp';
import { formToConfig, type AddForm } from './form-config';

export function McpAddForm({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const busy = useMcp((s) => s.busy);
  const [form, setForm] = useState<AddForm>({ name: '', kind: 'stdio', target: '', vars: '' });
  const set = (patch: Partial<AddForm>) => setForm((f) => ({ ...f, ...patch }));
  const submit = async (e: React.FormEvent) => {
    e.preventDefault();
    if (await saveMcpConfig(formToConfig(form))) onDone();
  };
  return (
    <form className="mcp-form" onSubmit={(e) => void submit(e)} aria-label={t('mcp.form.title')} data-testid="mcp-form">
      <label htmlFor={`${id}-name`}>{t('mcp.form.name')}</label>
      <input id={`${id}-name`} className="input mono" value={form.name} onChange={(e) => set({ name: e.target.value })} required data-testid="mcp-form-name" />
      <label htmlFor={`${id}-kind`}>{t('mcp.form.kind')}</label>
      <select id={`${id}-kind`} className="input" value={form.kind} onChange={(e) => set({ kind: e.target.value as AddForm['kind'] })} data-testid="mcp-form-kind">
        <option value="stdio">{t('mcp.form.stdio')}</option>
        <option value="http">{t('mcp.form.http')}</option>
      </select>
      <label htmlFor={`${id}-target`}>{form.kind === 'stdio' ? t('mcp.form.command') : t('mcp.form.url')}</label>
      <input
        id={`${id}-target`}
        className="input mono"
        value={form.target}
        onChange={(e) => set({ target: e.target.value })}
        placeholder={form.kind === 'stdio' ? 'npx -y @modelcontextprotocol/server-everything' : 'https://example.com/mcp'}
        required
        data-testid="mcp-form-target"
      />
      <label htmlFor={`${id}-vars`}>{form.kind === 'stdio' ? t('mcp.form.env') : t('mcp.form.headers')}</label>
      <textarea id={`${id}-vars`} className="input mono" rows={3} value={form.vars} onChange={(e) => set({ vars: e.target.value })} data-testid="mcp-form-vars" />
      {form.kind === 'http' && <p className="mcp-note">{t('mcp.form.secretNote')}</p>}
      <div className="mcp-form-actions">
        <button type="button" className="btn btn-small" onClick={onDone}>
          {t('mcp.form.cancel')}
        </button>
        <button type="submit" className="btn btn-small btn-primary" disabled={busy} data-testid="mcp-form-submit">
          {busy ? t('mcp.saving') : t('mcp.form.submit')}
        </button>
      </div>
    </form>
  );
}
