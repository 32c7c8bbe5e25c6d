// The selected event: when it came, what it carries (a JSON tree), and the tool inputs as they stood
// at that moment — the partial JSON exactly as built from the pieces so far, with a replay that walks
// through a tool input's pieces at the pace they arrived.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import type { Protocol, TraceStep } from '../../../shared/domain';
import { PauseIcon, PlayIcon } from '../shell/icons';
import { JsonCode } from '../playground/JsonCode';
import { formatMs } from '../playground/lib';
import { parseData, toolInputFrames, toolInputsAt, type ToolInputAt } from './frames';
import { JsonTree } from './JsonTree';

interface Props {
  step: TraceStep;
  protocol: Protocol;
  index: number;
  type: string;
  onSelect: (index: number) => void;
}

function ToolInputView({ input, step, protocol, index, onSelect }: { input: ToolInputAt } & Omit<Props, 'type'>) {
  const { t } = useTranslation();
  const [playing, setPlaying] = useState(false);
  const frames = useMemo(() => toolInputFrames(step, protocol, input.key), [step, protocol, input.key]);

  useEffect(() => {
    if (!playing) return;
    const at = frames.findIndex((f) => f > index);
    if (at < 0) {
      setPlaying(false);
      return;
    }
    const next = frames[at]!;
    const gap = step.frames[next]!.t - (step.frames[index]?.t ?? 0);
    const timer = setTimeout(() => onSelect(next), Math.min(400, Math.max(40, gap)));
    return () => clearTimeout(timer);
  }, [playing, index, frames, step, onSelect]);

  const replay = () => {
    if (playing) {
      setPlaying(false);
      return;
    }
    const first = frames[0];
    if (first !== undefined && (input.complete || index >= (frames.at(-1) ?? 0))) onSelect(first);
    setPlaying(true);
  };

  return (
    <div className={`ev-tool${input.complete ? ' complete' : ' building'}`} data-testid="trace-tool-input" data-complete={String(input.complete)}>
      <div className="ev-tool-head">
        <code className="ev-tool-name">{input.name || '…'}</code>
        <code className="ev-tool-id">{input.id}</code>
        <span className={`ev-tool-state${input.complete ? ' done' : ''}`}>
          {input.complete ? t('playground.trace.inputComplete') : t('playground.trace.inputBuilding')}
        </span>
        <span className="ev-tool-meta tabular">{t('playground.trace.pieces', { count: input.pieces, chars: input.text.length })}</span>
        <button type="button" className="btn btn-small btn-ghost" onClick={replay} data-testid="trace-tool-replay">
          {playing ? <PauseIcon size={11} /> : <PlayIcon size={11} />}
          {playing ? t('playground.trace.pause') : t('playground.trace.replay')}
        </button>
      </div>
      <JsonCode text={input.text} caret={!input.complete} className="ev-tool-json" />
    </div>
  );
}

export function EventDetail({ step, protocol, index, type, onSelect }: Props) {
  const { t } = useTranslation();
  const frame = step.frames[index]!;
  const data = useMemo(() => parseData(frame), [frame]);
  const inputs = useMemo(() => toolInputsAt(step, protocol, index), [step, protocol, index]);
  const prev = step.frames[index - 1];
  const [raw, setRaw] = useState(false);
  return (
    <div className="ev-detail" data-testid="trace-event-detail">
      <div className="ev-detail-head">
        <span className="ev-n tabular">#{index + 1}</span>
        <span className={`ev-type-chip t-${type}`}>{type}</span>
        <span className="ev-t tabular">+{frame.t} ms</span>
        {prev && <span className="ev-dt tabular">Δ {formatMs(frame.t - prev.t)}</span>}
        <span className="ev-spacer" />
        <button type="button" className={`btn btn-small btn-ghost${raw ? ' active' : ''}`} onClick={() => setRaw(!raw)}>
          {raw ? t('playground.trace.asTree') : t('playground.trace.asRaw')}
        </button>
      </div>
      {inputs.length > 0 && (
        <section className="ev-section">
          <h3>{t('playground.trace.toolInputs')}</h3>
          {inputs.map((input) => (
            <ToolInputView key={input.key} input={input} step={step} protocol={protocol} index={index} onSelect={onSelect} />
          ))}
        </section>
      )}
      <section className="ev-section">
        <h3>{t('playground.trace.data')}</h3>
        {raw || data === undefined ? <pre className="json-code ev-raw">{frame.data}</pre> : <JsonTree value={data} open={4} />}
      </section>
    </div>
  );
}
