// Mock results with placeholders: `{{input.location}}`, `{{input.items.0.name}}`, `{{input}}`.
//
// A template whose text starts with `{` or `[` (not `{{`) is treated as JSON, and every placeholder is written so the
// result stays valid JSON:
//   - inside a string literal, the value is JSON-escaped without quotes:
//       {"city": "{{input.location}}"}      → {"city": "Paris \"Nord\""}
//     (an object or array there is written as its JSON text, escaped)
//   - outside a string literal, the value is written as a JSON value (a missing one as null):
//       {"count": {{input.count}}, "tags": {{input.tags}}}   → {"count": 3, "tags": ["a","b"]}
// Any other template is text: strings are inserted as they are, other values as JSON, missing ones as "".
// Placeholders that do not start with `input` are left untouched.

const PLACEHOLDER = /\{\{\s*(input(?:\.[A-Za-z0-9_$-]+|\[\d+\])*)\s*\}\}/y;

/** Resolves "input.a.0.b" / "input.a[0]" against the input; undefined when any step is missing. */
export function lookupPath(input: unknown, path: string): unknown {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.').slice(1);
  let v: unknown = input;
  for (const step of steps) {
    if (v === null || typeof v !== 'object' || !Object.prototype.hasOwnProperty.call(v, step)) return undefined;
    v = (v as Record<string, unknown>)[step];
  }
  return v;
}

function asText(v: unknown): string {
  if (v === undefined) return '';
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/** Starts like JSON: `[`, or `{` that is not the start of a placeholder. */
export function isJsonTemplate(template: string): boolean {
  return /^\s*(?:\[|\{(?!\{))/.test(template);
}

export function renderTemplate(template: string, input: unknown): string {
  const json = isJsonTemplate(template);
  let out = '';
  let inString = false;
  for (let i = 0; i < template.length; ) {
    const ch = template[i]!;
    if (ch === '{' && template[i + 1] === '{') {
      PLACEHOLDER.lastIndex = i;
      const m = PLACEHOLDER.exec(template);
      if (m) {
        const value = lookupPath(input, m[1]!);
        if (!json) out += asText(value);
        else if (inString) out += JSON.stringify(asText(value)).slice(1, -1);
        else out += JSON.stringify(value) ?? 'null';
        i += m[0].length;
        continue;
      }
    }
    if (json) {
      if (ch === '"') inString = !inString;
      else if (ch === '\\' && inString) {
        out += ch + (template[i + 1] ?? '');
        i += 2;
        continue;
      }
    }
    out += ch;
    i += 1;
  }
  return out;
}
