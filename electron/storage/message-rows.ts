// How a Message maps to a row of `messages`, both ways. Shared by the repository and the stream writer.
import { Message, type Part } from '../../shared/domain';
import type { CorruptReporter } from './corrupt';

export interface MessageRow {
  id: string;
  thread_id: string;
  role: string;
  parts: string;
  search_text: string;
  status: string;
  error: string | null;
  usage: string | null;
  model: string | null;
  finish_reason: string | null;
  created_at: number;
  parent_id: string | null;
}

export const MESSAGE_COLUMNS =
  'id, thread_id, role, parts, search_text, status, error, usage, model, finish_reason, created_at, parent_id';

/** What thread search looks at: the text a reader sees. */
export function searchText(parts: readonly Part[]): string {
  let out = '';
  for (const p of parts) {
    if (p.type === 'text' || p.type === 'refusal') out += (out ? '\n' : '') + p.text;
  }
  return out;
}

export function toMessageRow(m: Message): MessageRow {
  return {
    id: m.id,
    thread_id: m.threadId,
    role: m.role,
    parts: JSON.stringify(m.parts),
    search_text: searchText(m.parts),
    status: m.status,
    error: m.error ? JSON.stringify(m.error) : null,
    usage: m.usage ? JSON.stringify(m.usage) : null,
    model: m.model,
    finish_reason: m.finishReason,
    created_at: m.createdAt,
    parent_id: m.parentId ?? null,
  };
}

export type ReadMessage = { ok: true; message: Message } | { ok: false; placeholder: Message; issue: string };

/**
 * Reads a row back, validating every JSON column. A row that does not validate becomes a placeholder
 * (no parts, status `error`, code `storage`) so a list still shows something the user can delete.
 */
export function fromMessageRow(row: MessageRow): ReadMessage {
  let issue: string | null = null;
  const json = (column: 'parts' | 'error' | 'usage'): unknown => {
    const text = row[column];
    if (text === null) return null;
    try {
      return JSON.parse(text);
    } catch {
      issue ??= `${column}: invalid JSON`;
      return undefined;
    }
  };
  const candidate = {
    id: row.id,
    threadId: row.thread_id,
    role: row.role,
    parts: json('parts'),
    status: row.status,
    error: json('error'),
    usage: json('usage'),
    model: row.model,
    finishReason: row.finish_reason,
    createdAt: row.created_at,
    parentId: row.parent_id ?? null,
  };
  if (issue === null) {
    const r = Message.safeParse(candidate);
    if (r.success) return { ok: true, message: r.data };
    issue = r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
  }
  const role = row.role === 'user' || row.role === 'tool' ? row.role : 'assistant';
  return {
    ok: false,
    issue,
    placeholder: {
      id: row.id,
      threadId: row.thread_id,
      role,
      parts: [],
      status: 'error',
      error: { code: 'storage', message: 'This message could not be read from the database.' },
      usage: null,
      model: row.model,
      finishReason: null,
      createdAt: row.created_at,
      parentId: row.parent_id ?? null,
    },
  };
}

export function reportCorrupt(onCorrupt: CorruptReporter | undefined, id: string, issue: string): void {
  onCorrupt?.({ table: 'messages', id, issue });
}
