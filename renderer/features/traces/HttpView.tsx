// A step's request (method, URL, headers with the key masked, body) or response (status, headers,
// retries, error), the bodies as collapsible JSON.
import { useTranslation } from '../../i18n/use-translation';
import type { TraceStep } from '../../../shared/domain';
import { errorReason } from '../../i18n';
import { CopyButton } from '../chat/CopyButton';
import { prettyValue } from '../playground/lib';
import { JsonTree } from './JsonTree';

function Headers({ headers }: { headers: Record<string, string> }) {
  const entries = Object.entries(headers).sort(([a], [b]) => a.localeCompare(b));
  return (
    <table className="http-headers">
      <tbody>
        {entries.map(([k, v]) => (
          <tr key={k}>
            <th className="mono">{k}</th>
            <td className="mono">{v}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function RequestView({ step }: { step: TraceStep }) {
  const { t } = useTranslation();
  return (
    <div className="http-view" data-testid="trace-request">
      <div className="http-line mono">
        <span className="http-method">{step.request.method}</span> {step.request.url}
      </div>
      <details className="http-section" open>
        <summary>{t('playground.trace.headers', { count: Object.keys(step.request.headers).length })}</summary>
        <Headers headers={step.request.headers} />
      </details>
      <details className="http-section has-actions" open>
        {/* The copy button is not inside <summary>: a control nested in another is not reachable by assistive tech. */}
        <summary>{t('playground.trace.body')}</summary>
        <div className="http-section-actions">
          <CopyButton getText={() => prettyValue(step.request.body)} label={t('playground.trace.copyBody')} />
        </div>
        <JsonTree value={step.request.body} open={2} testId="trace-request-body" />
      </details>
    </div>
  );
}

export function ResponseView({ step }: { step: TraceStep }) {
  const { t } = useTranslation();
  return (
    <div className="http-view" data-testid="trace-response">
      <div className="http-line mono">
        {step.response ? (
          <span className={`http-status${step.response.status >= 400 ? ' bad' : ''}`}>HTTP {step.response.status}</span>
        ) : (
          <span className="muted">{t('playground.trace.noResponse')}</span>
        )}
        {step.stopReason && <span className="http-chip">stop_reason: {step.stopReason}</span>}
        {step.status && <span className="http-chip">{step.status}</span>}
      </div>
      {step.error && (
        <p className="tc-error">
          {errorReason(t, step.error)} — <span className="mono">{step.error.message}</span>
        </p>
      )}
      {step.retries.length > 0 && (
        <details className="http-section" open>
          <summary>{t('playground.trace.retries', { count: step.retries.length })}</summary>
          <ul className="http-retries mono">
            {step.retries.map((r) => (
              <li key={r.attempt}>
                #{r.attempt} {r.code} · {t('playground.trace.waited', { ms: r.waitMs })}
              </li>
            ))}
          </ul>
        </details>
      )}
      {step.response && (
        <details className="http-section" open>
          <summary>{t('playground.trace.headers', { count: Object.keys(step.response.headers).length })}</summary>
          <Headers headers={step.response.headers} />
        </details>
      )}
      {step.usage && (
        <details className="http-section" open>
          <summary>{t('playground.trace.usage')}</summary>
          <JsonTree value={step.usage} open={1} />
        </details>
      )}
    </div>
  );
}
