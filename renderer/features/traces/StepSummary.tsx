// One line per step: where its time went (headers, first byte, first token, total, tool time),
// tokens in and out, how it stopped. The selected step is marked; click a line to select it.
import { useTranslation } from '../../i18n/use-translation';
import type { Trace } from '../../../shared/domain';
import { formatCount } from '../../lib/format';
import { formatMs } from '../playground/lib';
import { toolTime } from './timeline';

export function StepSummary({ trace, selectedStep, onSelect }: { trace: Trace; selectedStep: number; onSelect: (step: number) => void }) {
  const { t, i18n } = useTranslation();
  const n = (v: number | undefined) => (v === undefined ? '—' : formatCount(i18n.language, v));
  const totals = trace.steps.reduce(
    (acc, s) => ({
      total: acc.total + (s.timings.totalMs ?? 0),
      tools: acc.tools + toolTime(s),
      input: acc.input + (s.usage?.inputTokens ?? 0),
      output: acc.output + (s.usage?.outputTokens ?? 0),
      frames: acc.frames + s.frames.length,
    }),
    { total: 0, tools: 0, input: 0, output: 0, frames: 0 },
  );
  return (
    <table className="trace-summary tabular" data-testid="trace-summary">
      <thead>
        <tr>
          <th>{t('playground.trace.col.step')}</th>
          <th>{t('playground.trace.col.http')}</th>
          <th>{t('playground.trace.col.headers')}</th>
          <th>{t('playground.trace.col.ttfb')}</th>
          <th>{t('playground.trace.col.firstToken')}</th>
          <th>{t('playground.trace.col.total')}</th>
          <th>{t('playground.trace.col.in')}</th>
          <th>{t('playground.trace.col.out')}</th>
          <th>{t('playground.trace.col.stop')}</th>
          <th>{t('playground.trace.col.tools')}</th>
          <th>{t('playground.trace.col.frames')}</th>
        </tr>
      </thead>
      <tbody>
        {trace.steps.map((s) => (
          <tr key={s.index} className={s.index === selectedStep ? 'selected' : undefined} onClick={() => onSelect(s.index)}>
            <td>{s.index + 1}</td>
            <td className={s.response && s.response.status >= 400 ? 'bad' : undefined}>
              {s.response?.status ?? '—'}
              {s.retries.length > 0 && <span className="trace-retries"> ↻{s.retries.length}</span>}
            </td>
            <td>{formatMs(s.timings.headersMs)}</td>
            <td>{formatMs(s.timings.firstByteMs)}</td>
            <td>{formatMs(s.timings.firstTokenMs)}</td>
            <td className="strong">{formatMs(s.timings.totalMs)}</td>
            <td>{n(s.usage?.inputTokens)}</td>
            <td>{n(s.usage?.outputTokens)}</td>
            <td className="mono">{s.stopReason ?? s.error?.code ?? '—'}</td>
            <td>{s.toolRuns.length ? `${formatMs(toolTime(s))} · ${s.toolRuns.length}` : '—'}</td>
            <td>
              {n(s.frames.length)}
              {s.framesDropped ? <span className="trace-retries"> +{n(s.framesDropped)}</span> : null}
            </td>
          </tr>
        ))}
      </tbody>
      {trace.steps.length > 1 && (
        <tfoot>
          <tr>
            <td colSpan={5}>{t('playground.trace.col.sum')}</td>
            <td className="strong">{formatMs(totals.total)}</td>
            <td>{n(totals.input)}</td>
            <td>{n(totals.output)}</td>
            <td />
            <td>{totals.tools ? formatMs(totals.tools) : '—'}</td>
            <td>{n(totals.frames)}</td>
          </tr>
        </tfoot>
      )}
    </table>
  );
}
