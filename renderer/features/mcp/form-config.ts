// The add-server form writes the same `{"mcpServers": …}` JSON a user would paste, so there is one way in.

/** "npx -y @scope/server --flag 'two words'" → ["npx", "-y", …]; quotes group, backslash escapes. */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quote: '"' | "'" | null = null;
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      has = true;
    } else if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
    } else if (c === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else {
      cur += c;
      has = true;
    }
  }
  if (has || cur) out.push(cur);
  return out;
}

/** "KEY=value" (env) or "Name: value" (headers) lines → an object; blank lines are skipped. */
export function readPairs(text: string, sep: '=' | ':'): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (!line) continue;
    const i = line.indexOf(sep);
    if (i <= 0) continue;
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

export interface AddForm {
  name: string;
  kind: 'stdio' | 'http';
  target: string;
  vars: string;
}

export function formToConfig(f: AddForm): string {
  const name = f.name.trim();
  if (f.kind === 'http') return JSON.stringify({ mcpServers: { [name]: { url: f.target.trim(), headers: readPairs(f.vars, ':') } } });
  const [command = '', ...args] = splitCommandLine(f.target.trim());
  return JSON.stringify({ mcpServers: { [name]: { command, args, env: readPairs(f.vars, '=') } } });
}
