// A step's SSE events: a virtualized list (tens of thousands of frames stay smooth) with a text
// filter and a type filter, and the selected event's details beside it — including every tool input
// as it stood at that event, rebuilt from the pieces received so far.
import { useDeferredValue, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { Virtuoso, type VirtuosoHandle } from 'react-virtuoso';
import type { Protocol, TraceStep } from '../../../shared/domain';
import { formatCount } from '../../lib/format';
import { SearchIcon } from '../shell/icons';
import { EventDetail } from './EventDetail';
import { framePreview, indexStep } from './frames';

interface Props {
  step: TraceStep;
  protocol: Protocol;
  selected: number;
  onSelect: (index: number) => void;
  /** bumped when the selection was set from outside (waterfall, a tool call): scroll to it */
  reveal: number;
}

const ROW = 24;
/** rows moved by each key in the list */
const MOVES: Partial<Record<string, number>> = { ArrowDown: 1, ArrowUp: -1, PageDown: 10, PageUp: -10, Home: -Infinity, End: Infinity };

export function EventsPane({ step, protocol, selected, onSelect, reveal }: Props) {
  const { t, i18n } = useTranslation();
  const { types, counts } = useMemo(() => indexStep(step, protocol), [step, protocol]);
  const [query, setQuery] = useState('');
  const [type, setType] = useState('');
  const deferredQuery = useDeferredValue(query);
  const list = useRef<VirtuosoHandle>(null);

  const visible = useMemo(() => {
    const q = deferredQuery.trim().toLowerCase();
    if (!q && !type) return null; // all frames: no index array needed
    const out: number[] = [];
    for (let i = 0; i < step.frames.length; i++) {
      if (type && types[i] !== type) continue;
      if (q && !step.frames[i]!.data.toLowerCase().includes(q) && !types[i]!.includes(q)) continue;
      out.push(i);
    }
    return out;
  }, [deferredQuery, type, step, types]);

  const count = visible ? visible.length : step.frames.length;
  const frameAt = (row: number) => (visible ? visible[row]! : row);
  const rowOf = (frame: number) => (visible ? visible.indexOf(frame) : frame);

  useEffect(() => {
    const row = rowOf(selected);
    if (row >= 0) list.current?.scrollToIndex({ index: row, align: 'center' });
  }, [reveal]);

  const onKeyDown = (e: KeyboardEvent) => {
    const delta = MOVES[e.key];
    if (delta === undefined) return;
    e.preventDefault();
    if (count === 0) return;
    const row = rowOf(selected);
    const next = Math.max(0, Math.min(count - 1, row + delta));
    onSelect(frameAt(next));
    list.current?.scrollIntoView({ index: next });
  };

  return (
    <div className="ev-pane">
      <div className="ev-list-col">
        <div className="ev-toolbar">
          <label className="ev-search">
            <SearchIcon size={13} />
            <input
              className="ev-search-input"
              value={query}
              placeholder={t('playground.trace.filter')}
              aria-label={t('playground.trace.filter')}
              onChange={(e) => setQuery(e.target.value)}
              data-testid="trace-filter"
            />
          </label>
          <select className="select ev-type" value={type} onChange={(e) => setType(e.target.value)} aria-label={t('playground.trace.typeFilter')} data-testid="trace-type-filter">
            <option value="">{t('playground.trace.allTypes', { count: step.frames.length })}</option>
            {counts.map(([name, n]) => (
              <option key={name} value={name}>
                {name} ({formatCount(i18n.language, n)})
              </option>
            ))}
          </select>
          <span className="ev-count tabular" data-testid="trace-event-count">
            {visible ? `${formatCount(i18n.language, count)} / ${formatCount(i18n.language, step.frames.length)}` : formatCount(i18n.language, count)}
          </span>
        </div>
        {step.framesDropped ? <p className="ev-dropped">{t('playground.trace.dropped', { count: step.framesDropped })}</p> : null}
        <div className="ev-list">
          {count === 0 ? (
            <p className="ev-empty">{step.frames.length === 0 ? t('playground.trace.noFrames') : t('playground.trace.noMatch')}</p>
          ) : (
            // The scroller itself is the listbox (Virtuoso passes these props to it): it keeps the focus,
            // and the selected row is its active descendant, so rows can come and go as they scroll.
            <Virtuoso
              ref={list}
              className="ev-listbox"
              role="listbox"
              aria-label={t('playground.trace.events')}
              aria-activedescendant={step.frames[selected] ? `trace-ev-${selected}` : undefined}
              onKeyDown={onKeyDown}
              data-testid="trace-events"
              totalCount={count}
              fixedItemHeight={ROW}
              increaseViewportBy={ROW * 10}
              computeItemKey={(row) => frameAt(row)}
              itemContent={(row) => {
                const i = frameAt(row);
                const frame = step.frames[i]!;
                const ty = types[i]!;
                return (
                  <div
                    className={`ev-row${i === selected ? ' selected' : ''}`}
                    onClick={() => onSelect(i)}
                    role="option"
                    id={`trace-ev-${i}`}
                    aria-selected={i === selected}
                    data-testid="trace-event"
                    data-type={ty}
                    data-index={i}
                  >
                    <span className="ev-n tabular">{i + 1}</span>
                    <span className="ev-t tabular">{frame.t} ms</span>
                    <span className={`ev-type-chip t-${ty}`}>{ty}</span>
                    <span className="ev-preview mono">{framePreview(frame, ty)}</span>
                  </div>
                );
              }}
            />
          )}
        </div>
      </div>
      <div className="ev-detail-col">
        {step.frames[selected] ? (
          <EventDetail step={step} protocol={protocol} index={selected} type={types[selected]!} onSelect={onSelect} />
        ) : (
          <p className="ev-empty">{t('playground.trace.pickEvent')}</p>
        )}
      </div>
    </div>
  );
}
