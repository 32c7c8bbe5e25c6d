// One MCP server: its status (data-status), why it failed (translated), its tools with a switch each
// for this thread and their input schemas (read-only), its stderr tail, reconnect and remove.
import { useTranslation } from '../../i18n/use-translation';
import type { McpServerView } from '../../../shared/mcp';
import { errorDetail, errorReason } from '../../i18n';
import { useThreadMcpTools } from '../../stores/mcp';
import { removeMcpServer, restartMcpServer, setMcpTool } from '../../stores/mcp-actions';
import { highlightJson } from '../playground/JsonCode';

export function McpServerCard({ server, threadId }: { server: McpServerView; threadId: string }) {
  const { t } = useTranslation();
  const enabled = useThreadMcpTools(threadId);
  const isOn = (tool: string) => enabled.some((r) => r.server === server.name && r.tool === tool);
  return (
    <div className="mcp-server" data-testid="mcp-server" data-server-name={server.name} data-status={server.status}>
      <div className="mcp-server-head">
        <span className={`mcp-dot status-${server.status}`} aria-hidden="true" />
        <strong className="mono">{server.name}</strong>
        <span className={`mcp-status status-${server.status}`} data-testid="mcp-server-status">
          {t(`mcp.status.${server.status}`)}
        </span>
        <span className="mcp-spacer" />
        <button type="button" className="btn btn-small btn-ghost" onClick={() => void restartMcpServer(server.name)} aria-label={t('mcp.restart', { name: server.name })} data-testid="mcp-restart">
          {t('mcp.restartShort')}
        </button>
        <button type="button" className="btn btn-small btn-danger-quiet" onClick={() => void removeMcpServer(server.name)} aria-label={t('mcp.remove', { name: server.name })} data-testid="mcp-remove">
          {t('mcp.removeShort')}
        </button>
      </div>
      <div className="mcp-target mono" title={server.target}>
        <span className="pg-mode-pill mode-mcp">{server.transport}</span> {server.target}
      </div>
      {server.envNames.length > 0 && <div className="mcp-meta">{t('mcp.env', { names: server.envNames.join(', ') })}</div>}
      {server.headerNames.length > 0 && <div className="mcp-meta">{t('mcp.headers', { names: server.headerNames.join(', ') })}</div>}
      {server.error && (
        <p className="mcp-error" role="alert" data-testid="mcp-server-error" data-reason={server.error.reason}>
          <strong>{errorReason(t, server.error)}</strong> {errorDetail(server.error) && <small>{errorDetail(server.error)}</small>}
        </p>
      )}
      {server.status === 'connected' && server.tools.length === 0 && <p className="pg-empty">{t('mcp.noTools')}</p>}
      {server.tools.length > 0 && (
        <ul className="mcp-tools" aria-label={t('mcp.tools', { count: server.tools.length })}>
          {server.tools.map((tool) => (
            <li key={tool.name} className="mcp-tool">
              <label className="mcp-tool-switch">
                <input
                  type="checkbox"
                  checked={isOn(tool.name)}
                  onChange={(e) => void setMcpTool(threadId, server.name, tool.name, e.target.checked)}
                  aria-label={t('mcp.useTool', { name: tool.name })}
                  data-testid="mcp-tool-toggle"
                  data-tool-name={tool.name}
                  data-server-name={server.name}
                />
                <code>{tool.name}</code>
                <span className="pg-mode-pill mode-mcp">{t('playground.run.modes.mcp')}</span>
              </label>
              {tool.description && <p className="mcp-tool-desc">{tool.description}</p>}
              <details className="mcp-schema">
                <summary>{t('mcp.schema')}</summary>
                <pre className="mono mcp-json" tabIndex={0}>
                  {highlightJson(JSON.stringify(tool.inputSchema, null, 2))}
                </pre>
              </details>
            </li>
          ))}
        </ul>
      )}
      {server.stderrTail.length > 0 && (
        <details className="mcp-stderr">
          <summary>{t('mcp.stderr')}</summary>
          <pre className="mono" tabIndex={0}>
            {server.stderrTail.join('\n')}
          </pre>
        </details>
      )}
    </div>
  );
}
