// Where in a JSON text each value starts, by JSON pointer — so an issue like "/properties/unit/type"
// can be pointed at in the editor (its line marked, the caret moved there). A small parser that
// only records offsets; it gives up quietly on text that is not JSON.

export interface Located {
  /** offset of the value (or of its key, for object members) */
  offset: number;
  line: number;
}

const escapeSeg = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

export function locatePointers(text: string, limit = 200_000): Map<string, number> {
  const out = new Map<string, number>();
  if (text.length > limit) return out;
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i]!)) i++;
  };
  const str = (): string => {
    const start = i;
    i++; // opening quote
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, keyOffset: number | null): void => {
    ws();
    out.set(path, keyOffset ?? i);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const keyAt = i;
        const key = str();
        ws();
        i++; // colon
        value(`${path}/${escapeSeg(key)}`, keyAt);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++; // closing brace
        return;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(`${path}/${n}`, null);
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        i++;
        return;
      }
    }
    if (c === '"') {
      str();
      return;
    }
    while (i < text.length && /[^,\]}\s]/.test(text[i]!)) i++;
  };
  try {
    value('', null);
  } catch {
    /* not JSON: whatever was found so far */
  }
  return out;
}

/** The deepest located prefix of `pointer` (ajv may point below what exists, e.g. a missing key). */
export function locate(offsets: Map<string, number>, text: string, pointer: string): Located | null {
  let p = pointer;
  for (;;) {
    const offset = offsets.get(p);
    if (offset !== undefined) return { offset, line: text.slice(0, offset).split('\n').length };
    if (!p) return null;
    p = p.slice(0, p.lastIndexOf('/'));
  }
}
