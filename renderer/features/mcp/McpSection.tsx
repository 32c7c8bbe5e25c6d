// The playground's MCP servers section: paste a configuration (`mcp-config-input`, `mcp-save`) or add one
// server through a form (`mcp-add`); each server below with its status and tools (ARCHITECTURE.md § MCP servers).
import { useEffect, useId, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { errorDetail, errorReason } from '../../i18n';
import { useMcp } from '../../stores/mcp';
import { loadMcp, saveMcpConfig, watchMcp } from '../../stores/mcp-actions';
import { PlusIcon } from '../shell/icons';
import { McpAddForm } from './McpAddForm';
import { McpServerCard } from './McpServerCard';

export function McpSection({ threadId }: { threadId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const servers = useMcp((s) => s.servers);
  const loaded = useMcp((s) => s.loaded);
  const busy = useMcp((s) => s.busy);
  const error = useMcp((s) => s.error);
  const [text, setText] = useState('');
  const [adding, setAdding] = useState(false);

  useEffect(() => watchMcp(), []);
  useEffect(() => void loadMcp(threadId), [threadId]);

  const save = async () => {
    if (await saveMcpConfig(text)) setText('');
  };

  return (
    <section className="pg-section mcp-section" aria-labelledby={`${id}-title`}>
      <div className="pg-section-head">
        <h3 id={`${id}-title`}>{t('mcp.title')}</h3>
        <button type="button" className="btn btn-small" onClick={() => setAdding((a) => !a)} aria-expanded={adding} data-testid="mcp-add">
          <PlusIcon size={13} />
          <span>{t('mcp.add')}</span>
        </button>
      </div>
      <p className="pg-label-hint">{t('mcp.hint')}</p>
      {adding && <McpAddForm onDone={() => setAdding(false)} />}
      <label className="mcp-paste-label" htmlFor={`${id}-paste`}>
        {t('mcp.paste')}
      </label>
      <textarea
        id={`${id}-paste`}
        className="input mono mcp-paste"
        rows={4}
        spellCheck={false}
        value={text}
        onChange={(e) => setText(e.target.value)}
        placeholder={'{"mcpServers": {"files": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-filesystem", "."]}}}'}
        data-testid="mcp-config-input"
      />
      <div className="mcp-form-actions">
        <button type="button" className="btn btn-small btn-primary" disabled={busy || text.trim() === ''} onClick={() => void save()} data-testid="mcp-save">
          {busy ? t('mcp.saving') : t('mcp.save')}
        </button>
      </div>
      {error && (
        <p className="mcp-error" role="alert" data-testid="mcp-error">
          <strong>{errorReason(t, error)}</strong> {errorDetail(error) && <small>{errorDetail(error)}</small>}
        </p>
      )}
      {loaded && servers.length === 0 && <p className="pg-empty">{t('mcp.empty')}</p>}
      <div className="mcp-servers">
        {servers.map((s) => (
          <McpServerCard key={s.name} server={s} threadId={threadId} />
        ))}
      </div>
    </section>
  );
}
