// The piece of a message's text shown under a search result, with the matched words marked. Built here as
// plain segments, not HTML and not FTS5's snippet() markers, so the renderer draws <mark> with no parsing.

export interface SnippetPart {
  text: string;
  mark: boolean;
}

const BEFORE = 40;
const LENGTH = 160;

const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Around the first match of any word; case-insensitive like the index; whitespace runs become one space. */
export function buildSnippet(text: string, words: readonly string[]): SnippetPart[] {
  if (words.length === 0) return [{ text: squash(text.slice(0, LENGTH)), mark: false }];
  // Longest first, so a word that contains another is marked whole.
  const sorted = [...words].sort((a, b) => b.length - a.length);
  const re = new RegExp(sorted.map(escapeRegExp).join('|'), 'giu');
  const first = re.exec(text);
  re.lastIndex = 0;
  let start = first ? Math.max(0, first.index - BEFORE) : 0;
  // Do not start in the middle of a surrogate pair.
  if (start > 0 && /[\uDC00-\uDFFF]/.test(text[start] ?? '')) start--;
  let end = Math.min(text.length, start + LENGTH);
  if (end < text.length && /[\uDC00-\uDFFF]/.test(text[end] ?? '')) end++;
  const window = text.slice(start, end);

  const out: SnippetPart[] = [];
  const push = (s: string, mark: boolean) => {
    const t = squash(s);
    if (t) out.push({ text: t, mark });
  };
  if (start > 0) out.push({ text: '…', mark: false });
  let at = 0;
  for (const m of window.matchAll(re)) {
    push(window.slice(at, m.index), false);
    push(m[0], true);
    at = m.index + m[0].length;
  }
  push(window.slice(at), false);
  if (end < text.length) out.push({ text: '…', mark: false });
  return out;
}

function squash(s: string): string {
  return s.replace(/\s+/gu, ' ');
}
