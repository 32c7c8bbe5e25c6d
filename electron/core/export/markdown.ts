// A thread as Markdown: what a person reads (text, thinking, tool calls and results), with images as
// files beside it (`images/…`, in the zip the exporter makes). Keys never appear: only stored messages.
import type { Message, Part, Thread } from '../../../shared/domain';

export interface MarkdownAsset {
  attachmentId: string;
  /** path relative to the Markdown file */
  path: string;
}

/** A file name safe on every OS: letters, digits, `._- ` kept, the rest `_`, at most 80 characters. */
export function safeFileName(name: string, fallback = 'file'): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}._ -]/gu, '_')
    .replace(/^[.\s]+/, '')
    .trim()
    .slice(0, 80);
  return cleaned || fallback;
}

const ROLE: Record<Message['role'], string> = { user: 'You', assistant: 'Assistant', tool: 'Tool' };

export function threadMarkdown(thread: Thread, messages: Message[]): { markdown: string; assets: MarkdownAsset[] } {
  const assets: MarkdownAsset[] = [];
  const used = new Set<string>();
  const assetPath = (p: Extract<Part, { type: 'image' | 'document' }>): string => {
    const known = assets.find((a) => a.attachmentId === p.attachmentId);
    if (known) return known.path;
    let name = safeFileName(p.name, p.attachmentId.slice(0, 12));
    if (used.has(name)) name = `${p.attachmentId.slice(0, 8)}-${name}`;
    used.add(name);
    const path = `images/${name}`;
    assets.push({ attachmentId: p.attachmentId, path });
    return path;
  };
  const out: string[] = [`# ${thread.title || 'Untitled'}`, '', `_${thread.model} · ${new Date(thread.createdAt).toISOString()}_`, ''];
  if (thread.systemPrompt.trim()) out.push('> **System prompt**', ...quote(thread.systemPrompt), '');
  for (const m of messages) {
    out.push(`## ${ROLE[m.role]}`, '');
    for (const p of m.parts) out.push(...partMarkdown(p, assetPath), '');
    if (m.status !== 'done') out.push(`_(${m.status}${m.error ? `: ${m.error.message}` : ''})_`, '');
  }
  return { markdown: `${out.join('\n').trimEnd()}\n`, assets };
}

function partMarkdown(p: Part, assetPath: (p: Extract<Part, { type: 'image' | 'document' }>) => string): string[] {
  switch (p.type) {
    case 'text':
      return [p.text];
    case 'refusal':
      return [`> _Refusal:_ ${p.text}`];
    case 'thinking':
      return ['<details><summary>Thinking</summary>', '', p.text, '', '</details>'];
    case 'redacted_thinking':
      return ['_(thinking hidden by the provider)_'];
    case 'image':
      return [`![${escapeAlt(p.name)}](${encodeURI(assetPath(p))})`];
    case 'document':
      return [`[${escapeAlt(p.name)}](${encodeURI(assetPath(p))})`];
    case 'tool_call':
      return [`**Tool call** \`${p.name}\``, '', fence('json', p.inputJson)];
    case 'tool_result':
      return [`**Tool result**${p.isError ? ' (error)' : ''}`, '', fence('', p.content)];
  }
}

function quote(text: string): string[] {
  return text.split('\n').map((l) => `> ${l}`);
}

function escapeAlt(s: string): string {
  return s.replace(/[[\]\\]/g, '\\$&');
}

/** A code fence longer than any backtick run inside, so the content cannot close it. */
function fence(lang: string, body: string): string {
  const longest = Math.max(2, ...Array.from(body.matchAll(/`+/g), (m) => m[0].length));
  const f = '`'.repeat(longest + 1);
  return `${f}${lang}\n${body}\n${f}`;
}
