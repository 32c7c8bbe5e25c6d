// remark-math reads `$…$` and `$$…$$`; models also write LaTeX's own `\(…\)` and `\[…\]`. These are
// rewritten to dollars before parsing, outside code (fenced blocks and inline code stay as written).
// Prices are not math: as in Pandoc, `$…$` counts only when the opening `$` is followed and the closing
// one preceded by a non-space, and the closing one is not followed by a digit ("$5 and $10" stays text).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

const isSpace = (c: string | undefined) => c === undefined || /\s/.test(c);
const isDigit = (c: string | undefined) => c !== undefined && c >= '0' && c <= '9';

/** Escapes each single `$` that cannot open inline math under the rule above. `$$` is left alone. */
function escapeCurrency(text: string): string {
  if (!text.includes('$')) return text;
  const single = (i: number) => text[i] === '$' && text[i - 1] !== '\\' && text[i - 1] !== '$' && text[i + 1] !== '$';
  const closes = (j: number) => single(j) && !isSpace(text[j - 1]) && !isDigit(text[j + 1]);
  let out = '';
  let i = 0;
  while (i < text.length) {
    if (text[i] === '$' && text[i + 1] === '$') {
      out += '$$';
      i += 2;
      continue;
    }
    if (!single(i)) {
      out += text[i];
      i++;
      continue;
    }
    let close = -1;
    if (!isSpace(text[i + 1])) {
      for (let j = i + 2; j < text.length; j++) {
        if (closes(j)) {
          close = j;
          break;
        }
      }
    }
    if (close < 0) {
      out += '\\$';
      i++;
    } else {
      out += text.slice(i, close + 1);
      i = close + 1;
    }
  }
  return out;
}

function convertLine(line: string): string {
  // Split off inline code spans (`…`, ``…``) so their backslashes and dollars are left alone.
  return line
    .split(/(`+[^`]*`+)/)
    .map((piece, i) => {
      if (i % 2 === 1) return piece;
      const dollars = piece
        .replace(/\\\[([\s\S]*?)\\\]/g, (_m, body: string) => `$$${body.trim()}$$`)
        .replace(/\\\(([\s\S]*?)\\\)/g, (_m, body: string) => `$${body.trim()}$`);
      return escapeCurrency(dollars);
    })
    .join('');
}

export function normalizeMathDelimiters(text: string): string {
  if (!text.includes('\\[') && !text.includes('\\(') && !text.includes('$')) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  /** an open `\[` whose `\]` is on a later line: the lines between are one display block */
  let display: string[] | null = null;
  /** inside a `$$` block written as such: its lines are TeX, left as they are */
  let dollars = false;
  for (const line of lines) {
    const m = FENCE.exec(line);
    if (fence) {
      out.push(line);
      if (m && m[1]![0] === fence[0] && m[1]!.length >= fence.length && line.trim() === m[1]) fence = null;
      continue;
    }
    if (display) {
      const end = line.indexOf('\\]');
      if (end < 0) {
        display.push(line);
        continue;
      }
      display.push(line.slice(0, end));
      out.push('$$', ...display.filter((l) => l.trim() !== ''), '$$');
      display = null;
      const rest = line.slice(end + 2);
      if (rest.trim()) out.push(convertLine(rest));
      continue;
    }
    if (m) {
      fence = m[1]!;
      out.push(line);
      continue;
    }
    if (/^ {0,3}\$\$\s*$/.test(line)) dollars = !dollars;
    if (dollars || /^ {0,3}\$\$\s*$/.test(line)) {
      out.push(line);
      continue;
    }
    // `\[x\]` alone on its line is display math; inside a sentence it is kept inline (`$$x$$`).
    const whole = /^\s*\\\[(.*)\\\]\s*$/.exec(line);
    if (whole && !whole[1]!.includes('\\]')) {
      out.push('$$', whole[1]!.trim(), '$$');
      continue;
    }
    // So is `$$x$$` alone on its line, as models write it (remark-math would read it as inline math).
    const wholeDollars = /^\s*\$\$(.+?)\$\$\s*$/.exec(line);
    if (wholeDollars && !wholeDollars[1]!.includes('$$')) {
      out.push('$$', wholeDollars[1]!.trim(), '$$');
      continue;
    }
    const open = line.trim() === '\\[' || (line.trimStart().startsWith('\\[') && !line.includes('\\]'));
    if (open) {
      display = [line.trimStart().slice(2)];
      continue;
    }
    out.push(convertLine(line));
  }
  // An unclosed `\[` (still streaming): shown as written until its end arrives.
  if (display) out.push(`\\[${display.join('\n')}`);
  return out.join('\n');
}
