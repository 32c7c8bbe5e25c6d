// remark-math reads `$…$` and `$$…$$`; models also write LaTeX's own `\(…\)` and `\[…\]`. These are
// rewritten to dollars before parsing, outside code (fenced blocks and inline code stay as written).

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

function convertLine(line: string): string {
  // Split off inline code spans (`…`, ``…``) so their backslashes are left alone.
  return line
    .split(/(`+[^`]*`+)/)
    .map((piece, i) =>
      i % 2 === 1
        ? piece
        : piece
            .replace(/\\\[([\s\S]*?)\\\]/g, (_m, body: string) => `$$${body.trim()}$$`)
            .replace(/\\\(([\s\S]*?)\\\)/g, (_m, body: string) => `$${body.trim()}$`),
    )
    .join('');
}

export function normalizeMathDelimiters(text: string): string {
  if (!text.includes('\\[') && !text.includes('\\(')) return text;
  const lines = text.split('\n');
  const out: string[] = [];
  let fence: string | null = null;
  /** an open `\[` whose `\]` is on a later line: the lines between are one display block */
  let display: string[] | null = null;
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
    // `\[x\]` alone on its line is display math; inside a sentence it is kept inline (`$$x$$`).
    const whole = /^\s*\\\[(.*)\\\]\s*$/.exec(line);
    if (whole && !whole[1]!.includes('\\]')) {
      out.push('$$', whole[1]!.trim(), '$$');
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
