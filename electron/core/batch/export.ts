// A batch's table as CSV (UTF-8 with a BOM so Excel reads it as UTF-8; RFC 4180 quoting), Markdown or
// JSON. Built from storage only; the caller passes the result through the redactor, so no key can leak.
import type { BatchExportFormat, BatchView } from '../../../shared/batch';
import type { Message } from '../../../shared/domain';

export interface ExportRow {
  file: string;
  description: string;
  model: string;
  status: string;
  inputTokens: number | null;
  outputTokens: number | null;
  seconds: number | null;
  error: string;
}

export function exportRows(view: BatchView): ExportRow[] {
  const byId = new Map(view.messages.map((m) => [m.id, m]));
  return view.rows.map((r) => {
    const m = r.messageId ? byId.get(r.messageId) : undefined;
    const seconds = r.startedAt !== null && r.endedAt !== null ? Math.round((r.endedAt - r.startedAt) / 100) / 10 : null;
    return {
      file: r.name,
      description: m ? textOf(m) : '',
      model: m?.model ?? view.batch.model,
      status: r.status,
      inputTokens: m?.usage?.inputTokens ?? null,
      outputTokens: m?.usage?.outputTokens ?? null,
      seconds,
      error: (m?.error ?? r.error)?.message ?? '',
    };
  });
}

export function textOf(m: Message): string {
  return m.parts.flatMap((p) => (p.type === 'text' ? [p.text] : [])).join('');
}

const COLUMNS: ReadonlyArray<keyof ExportRow> = ['file', 'description', 'model', 'status', 'inputTokens', 'outputTokens', 'seconds', 'error'];
const HEADERS = ['file', 'description', 'model', 'status', 'input_tokens', 'output_tokens', 'seconds', 'error'];

/** RFC 4180: a field with a comma, quote, CR or LF is quoted, and its quotes doubled. */
export function csvField(v: string | number | null): string {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: ExportRow[]): string {
  const lines = [HEADERS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvField(r[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** A Markdown table: pipes escaped, line breaks as <br> so a description stays in its cell. */
export function toMarkdown(title: string, rows: ExportRow[]): string {
  const cell = (v: string | number | null) => (v === null ? '' : String(v)).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
  const head = `| ${HEADERS.join(' | ')} |\n|${HEADERS.map(() => ' --- ').join('|')}|`;
  return `# ${title}\n\n${head}\n${rows.map((r) => `| ${COLUMNS.map((c) => cell(r[c])).join(' | ')} |`).join('\n')}\n`;
}

export function toJson(view: BatchView, rows: ExportRow[]): string {
  const { batch } = view;
  const meta = { title: batch.title, model: batch.model, protocol: batch.protocol, prompt: batch.prompt, createdAt: new Date(batch.createdAt).toISOString() };
  return `${JSON.stringify({ format: 'yibu-batch', version: 1, batch: meta, rows }, null, 2)}\n`;
}

export function buildExport(view: BatchView, format: BatchExportFormat): { fileName: string; mime: string; text: string } {
  const rows = exportRows(view);
  const stamp = new Date(view.batch.createdAt).toISOString().slice(0, 19).replace(/[:T]/g, '-');
  const base = `batch-${stamp}`;
  if (format === 'csv') return { fileName: `${base}.csv`, mime: 'text/csv;charset=utf-8', text: toCsv(rows) };
  if (format === 'md') return { fileName: `${base}.md`, mime: 'text/markdown;charset=utf-8', text: toMarkdown(view.batch.title, rows) };
  return { fileName: `${base}.json`, mime: 'application/json', text: toJson(view, rows) };
}
