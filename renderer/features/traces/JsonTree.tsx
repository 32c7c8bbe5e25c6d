// A collapsible JSON tree: objects and arrays open to `depth` levels, children rendered only when
// open, long strings and long arrays shown in part until asked — a request body with a long history
// stays light.
import { memo, useState } from 'react';
import { useTranslation } from '../../i18n/use-translation';
import { ChevronIcon } from '../shell/icons';

const STRING_LIMIT = 400;
const CHILD_PAGE = 200;

interface NodeProps {
  name?: string | number;
  value: unknown;
  depth: number;
  open: number;
  last: boolean;
}

function Primitive({ value }: { value: unknown }) {
  const { t } = useTranslation();
  const [full, setFull] = useState(false);
  if (typeof value === 'string') {
    const long = value.length > STRING_LIMIT && !full;
    return (
      <span className="j-str">
        {JSON.stringify(long ? value.slice(0, STRING_LIMIT) : value)}
        {long && (
          <button type="button" className="jt-more" onClick={() => setFull(true)}>
            {t('playground.json.moreChars', { count: value.length - STRING_LIMIT })}
          </button>
        )}
      </span>
    );
  }
  if (typeof value === 'number') return <span className="j-num">{String(value)}</span>;
  if (value === null || typeof value === 'boolean') return <span className="j-lit">{String(value)}</span>;
  return <span className="j-lit">{String(value)}</span>;
}

const JsonNode = memo(function JsonNode({ name, value, depth, open: openDepth, last }: NodeProps) {
  const { t } = useTranslation();
  const isArray = Array.isArray(value);
  const isObject = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < openDepth);
  const [shown, setShown] = useState(CHILD_PAGE);
  const label =
    name === undefined ? null : typeof name === 'number' ? <span className="jt-index">{name}</span> : <span className="j-key">{JSON.stringify(name)}</span>;
  const comma = last ? '' : ',';
  if (!isObject) {
    return (
      <div className="jt-line" style={{ paddingLeft: depth * 14 + 14 }}>
        {label}
        {label && <span className="jt-colon">: </span>}
        <Primitive value={value} />
        {comma}
      </div>
    );
  }
  const entries: [string | number, unknown][] = isArray ? (value as unknown[]).map((v, i) => [i, v]) : Object.entries(value as object);
  const [l, r] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) {
    return (
      <div className="jt-line" style={{ paddingLeft: depth * 14 + 14 }}>
        {label}
        {label && <span className="jt-colon">: </span>}
        {l}
        {r}
        {comma}
      </div>
    );
  }
  return (
    <>
      <div className="jt-line jt-branch" style={{ paddingLeft: depth * 14 }} onClick={() => setOpen(!open)}>
        <ChevronIcon size={11} className={`jt-chevron${open ? ' open' : ''}`} />
        {label}
        {label && <span className="jt-colon">: </span>}
        {l}
        {!open && (
          <>
            <span className="jt-summary">
              {isArray ? t('playground.json.items', { count: entries.length }) : t('playground.json.keys', { count: entries.length })}
            </span>
            {r}
            {comma}
          </>
        )}
      </div>
      {open && (
        <>
          {entries.slice(0, shown).map(([k, v], i) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} open={openDepth} last={i === entries.length - 1} />
          ))}
          {entries.length > shown && (
            <div className="jt-line" style={{ paddingLeft: (depth + 1) * 14 + 14 }}>
              <button type="button" className="jt-more" onClick={() => setShown(shown + CHILD_PAGE)}>
                {t('playground.json.moreItems', { count: entries.length - shown })}
              </button>
            </div>
          )}
          <div className="jt-line" style={{ paddingLeft: depth * 14 + 14 }}>
            {r}
            {comma}
          </div>
        </>
      )}
    </>
  );
});

export function JsonTree({ value, open = 2, testId }: { value: unknown; open?: number; testId?: string }) {
  return (
    <div className="json-tree" data-testid={testId}>
      <JsonNode value={value} depth={0} open={open} last />
    </div>
  );
}
