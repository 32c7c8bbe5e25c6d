// One MCP call of a trace, opened from its waterfall lane: the JSON-RPC request and response as they
// crossed the wire (base64 elided, redacted), the duration, and the server's stderr around the call.
import { useTranslation } from '../../i18n/use-translation';
import type { TraceMcpCall } from '../../../shared/domain';
import { formatMs } from '../playground/lib';
import { highlightJson } from '../playground/JsonCode';
import { CloseIcon } from '../shell/icons';

export function McpCallView({ call, onClose }: { call: TraceMcpCall; onClose: () => void }) {
  const { t } = useTranslation();
  const json = (v: unknown) => (v === null || v === undefined ? t('mcp.trace.none') : highlightJson(JSON.stringify(v, null, 2)));
  return (
    <section className="mcp-call" aria-label={t('mcp.trace.lane', { server: call.server, tool: call.tool })} data-testid="trace-mcp-call">
      <div className="mcp-server-head">
        <strong>{t('mcp.trace.lane', { server: call.server, tool: call.tool })}</strong>
        <span className="tabular">{formatMs(call.durationMs)}</span>
        <span className="mcp-spacer" />
        <button type="button" className="btn btn-small btn-ghost" onClick={onClose} aria-label={t('playground.trace.close')}>
          <CloseIcon size={12} />
        </button>
      </div>
      <h4>{t('mcp.trace.request')}</h4>
      <pre className="mono mcp-json" tabIndex={0} data-testid="trace-mcp-request">
        {json(call.request)}
      </pre>
      <h4>{t('mcp.trace.response')}</h4>
      <pre className="mono mcp-json" tabIndex={0} data-testid="trace-mcp-response">
        {json(call.response)}
      </pre>
      <h4>{t('mcp.trace.stderr')}</h4>
      <pre className="mono" tabIndex={0} data-testid="trace-mcp-stderr">
        {call.stderr.length === 0
          ? t('mcp.trace.noStderr')
          : call.stderr.map((l, i) => (
              <span key={i} className="mcp-stderr-line">
                {`+${formatMs(l.t)}  ${l.line}\n`}
              </span>
            ))}
      </pre>
    </section>
  );
}
