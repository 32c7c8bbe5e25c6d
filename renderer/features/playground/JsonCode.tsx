// JSON text with quiet syntax colors. Works on partial JSON too (a tool input still streaming), since
// it only tokenizes; very long texts are shown plain so a big result never stalls a render.
import { memo, type ReactNode } from 'react';

const TOKEN = /("(?:\\.|[^"\\])*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
const MAX_HIGHLIGHT = 60_000;

export function highlightJson(text: string): ReactNode[] {
  if (text.length > MAX_HIGHLIGHT) return [text];
  const out: ReactNode[] = [];
  let last = 0;
  let k = 0;
  for (const m of text.matchAll(TOKEN)) {
    const i = m.index;
    if (i > last) out.push(text.slice(last, i));
    if (m[1] !== undefined) {
      out.push(
        <span key={k++} className={m[2] ? 'j-key' : 'j-str'}>
          {m[1]}
        </span>,
      );
      if (m[2]) out.push(m[2]);
    } else if (m[3] !== undefined) {
      out.push(
        <span key={k++} className="j-num">
          {m[3]}
        </span>,
      );
    } else if (m[4] !== undefined) {
      out.push(
        <span key={k++} className="j-lit">
          {m[4]}
        </span>,
      );
    }
    last = i + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export const JsonCode = memo(function JsonCode({
  text,
  className,
  caret,
  testId,
}: {
  text: string;
  className?: string;
  /** a blinking caret after the text: the JSON is still being written */
  caret?: boolean;
  testId?: string;
}) {
  return (
    <pre className={`json-code${className ? ` ${className}` : ''}`} data-testid={testId}>
      {highlightJson(text)}
      {caret && <span className="json-caret" aria-hidden="true" />}
    </pre>
  );
});
