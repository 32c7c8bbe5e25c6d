// Marks the query's words inside a highlighted message with the CSS Custom Highlight API: ranges over the
// rendered text, styled by ::highlight(yibu-match), so the Markdown renderer and its memoized output are
// left as they are.
import { useEffect, type RefObject } from 'react';

const NAME = 'yibu-match';
const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function useMatchHighlight(ref: RefObject<HTMLElement | null>, query: string | null, content: unknown): void {
  useEffect(() => {
    const el = ref.current;
    const words = (query ?? '').trim().split(/\s+/u).filter(Boolean);
    if (!el || words.length === 0 || typeof CSS === 'undefined' || !('highlights' in CSS)) return;
    // longest first, so a word containing another is marked whole (as in the result snippets)
    const re = new RegExp(words.sort((a, b) => b.length - a.length).map(escapeRegExp).join('|'), 'giu');
    const ranges: Range[] = [];
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of (node.nodeValue ?? '').matchAll(re)) {
        const r = new Range();
        r.setStart(node, m.index);
        r.setEnd(node, m.index + m[0].length);
        ranges.push(r);
      }
    }
    const highlight = new Highlight(...ranges);
    CSS.highlights.set(NAME, highlight);
    return () => {
      if (CSS.highlights.get(NAME) === highlight) CSS.highlights.delete(NAME);
    };
  }, [ref, query, content]);
}
