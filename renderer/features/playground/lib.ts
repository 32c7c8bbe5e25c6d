// Small helpers of the playground and the trace view: durations, JSON text, files and the clipboard.

/** "840 ms", "1.24 s", "12.5 s", "2 min 05 s" */
export function formatMs(ms: number | undefined | null): string {
  if (ms === undefined || ms === null || !Number.isFinite(ms)) return '—';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 10_000) return `${(ms / 1000).toFixed(2)} s`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const m = Math.floor(ms / 60_000);
  const s = Math.round((ms % 60_000) / 1000);
  return `${m} min ${String(s).padStart(2, '0')} s`;
}

/** Pretty JSON of a JSON text, or null when it is not JSON. */
export function prettyJsonText(text: string): string | null {
  const trimmed = text.trim();
  if (!trimmed || !/^[[{"\d\-tfn]/.test(trimmed)) return null;
  try {
    return JSON.stringify(JSON.parse(trimmed), null, 2);
  } catch {
    return null;
  }
}

export function prettyValue(value: unknown): string {
  try {
    return JSON.stringify(value, null, 2) ?? String(value);
  } catch {
    return String(value);
  }
}

export interface JsonError {
  message: string;
  line: number;
  column: number;
}

/** Parses JSON and, when it fails, says where (line and column from V8's "position N"). */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false; error: JsonError } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (err) {
    const message = (err as Error).message;
    let line = 0;
    let column = 0;
    const lc = /line (\d+) column (\d+)/.exec(message);
    const pos = /position (\d+)/.exec(message);
    if (lc) {
      line = Number(lc[1]);
      column = Number(lc[2]);
    } else if (pos) {
      const before = text.slice(0, Number(pos[1]));
      line = before.split('\n').length;
      column = before.length - before.lastIndexOf('\n');
    } else if (/end of JSON input/i.test(message)) {
      line = text.split('\n').length;
      column = (text.split('\n').at(-1)?.length ?? 0) + 1;
    }
    // "Unexpected token 'x', "…" is not valid JSON" → the part before the quote of the text
    const short = message.replace(/,\s*".*$/s, '').replace(/\s*in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
    return { ok: false, error: { message: short, line, column } };
  }
}

/** Starts a download of a text file through a Blob link (no navigation, nothing leaves the window). */
export function downloadText(fileName: string, text: string, type = 'application/json'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export { copyText } from '../../lib/clipboard';

/** A file's text, read in the renderer (import of a tool set). */
export function readFileText(file: File): Promise<string> {
  return file.text();
}
