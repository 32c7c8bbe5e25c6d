// Splits markdown into top-level blocks so each finished block can be parsed once and memoized:
// while an answer streams only the last block changes. Splits at blank lines outside fenced code,
// and only where the next line starts a new block (not an indented continuation of a list item).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]]+\]:\s/m;
const FOOTNOTE = /\[\^[^\]]+\]/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])\s/;
/** a line of only `$$` opens or closes display math, which may hold blank lines like a code fence */
const MATH_FENCE = /^ {0,3}\$\$\s*$/;

export function splitBlocks(text: string): string[] {
  // Reference links and footnotes refer across blocks: keep such answers whole.
  if (REFERENCE_DEFINITION.test(text) || FOOTNOTE.test(text)) return [text];
  const lines = text.split('\n');
  const blocks: string[] = [];
  let current: string[] = [];
  let fence: string | null = null;
  let math = false;
  let sawBlank = false;

  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      current.push(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (math) {
      current.push(line);
      if (MATH_FENCE.test(line)) math = false;
      continue;
    }
    if (line.trim() === '') {
      sawBlank = true;
      current.push(line);
      continue;
    }
    // Indented lines continue the block above; a list item after a list keeps a loose list whole.
    const continuation = /^\s/.test(line) || (LIST_ITEM.test(line) && LIST_ITEM.test(current[0] ?? ''));
    if (sawBlank && !continuation && current.some((l) => l.trim() !== '')) {
      blocks.push(current.join('\n'));
      current = [];
    }
    sawBlank = false;
    if (m) fence = m[1]!;
    else if (MATH_FENCE.test(line)) math = true;
    current.push(line);
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}
