// The step's SSE frames exactly as received (event and data lines), with their times — virtualized.
import { useTranslation } from '../../i18n/use-translation';
import { Virtuoso } from 'react-virtuoso';
import type { TraceStep } from '../../../shared/domain';

export function RawFrames({ step, selected, onSelect }: { step: TraceStep; selected: number; onSelect: (i: number) => void }) {
  const { t } = useTranslation();
  if (step.frames.length === 0) return <p className="ev-empty">{t('playground.trace.noFrames')}</p>;
  return (
    <div className="raw-frames" data-testid="trace-raw">
      <Virtuoso
        totalCount={step.frames.length}
        initialTopMostItemIndex={Math.max(0, selected)}
        increaseViewportBy={400}
        itemContent={(i) => {
          const f = step.frames[i]!;
          return (
            <div className={`raw-frame${i === selected ? ' selected' : ''}`} onClick={() => onSelect(i)}>
              <span className="raw-t tabular">{f.t} ms</span>
              <pre className="raw-text">
                {f.event !== undefined && (
                  <>
                    <span className="raw-field">event:</span> {f.event}
                    {'\n'}
                  </>
                )}
                <span className="raw-field">data:</span> {f.data}
              </pre>
            </div>
          );
        }}
      />
    </div>
  );
}
