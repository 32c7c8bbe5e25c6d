// An MCP tools/call result → what goes back to the model, faithfully (ARCHITECTURE.md § MCP servers):
// each text content block stays a text block, each image an image block, an embedded text resource
// its text, `structuredContent` JSON text (unless a text block already says exactly that), and
// `isError` → is_error. Images are handed to `storeImage` (the attachment store in the app) so the
// message keeps an id, not megabytes of base64.
import type { ToolResultBlock } from '../../shared/domain';

/** The model-facing result, before images are stored: images still carry their base64 bytes. */
export type McpBlock = { type: 'text'; text: string } | { type: 'image'; mime: string; data: string };

export interface McpOutcome {
  /** the text of every text block, joined: what a reader sees and what single-string consumers send */
  content: string;
  isError: boolean;
  blocks: McpBlock[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function blockOf(item: unknown): McpBlock | null {
  if (!isObj(item)) return null;
  switch (item.type) {
    case 'text':
      return typeof item.text === 'string' ? { type: 'text', text: item.text } : null;
    case 'image':
      return typeof item.data === 'string' && typeof item.mimeType === 'string' ? { type: 'image', mime: item.mimeType, data: item.data } : null;
    case 'audio':
      // No chat API takes audio inside a tool result: say what was there instead of dropping it silently.
      return { type: 'text', text: `[audio ${String(item.mimeType ?? '')}, ${typeof item.data === 'string' ? Math.floor((item.data.length * 3) / 4) : 0} bytes, not sent]` };
    case 'resource': {
      const r = isObj(item.resource) ? item.resource : {};
      if (typeof r.text === 'string') return { type: 'text', text: r.text };
      return { type: 'text', text: `[resource ${String(r.uri ?? '')} (${String(r.mimeType ?? 'binary')}), not sent]` };
    }
    case 'resource_link':
      return { type: 'text', text: JSON.stringify({ resource_link: { uri: item.uri, name: item.name, mimeType: item.mimeType } }) };
    default:
      return null;
  }
}

/** Reads a result the SDK already checked against CallToolResultSchema (or the legacy `toolResult`). */
export function toOutcome(result: unknown): McpOutcome {
  const r = isObj(result) ? result : {};
  const blocks: McpBlock[] = [];
  if (Array.isArray(r.content)) for (const item of r.content) {
    const b = blockOf(item);
    if (b) blocks.push(b);
  }
  if (r.structuredContent !== undefined) {
    const json = JSON.stringify(r.structuredContent);
    const said = blocks.some((b) => b.type === 'text' && b.text.trim() === json);
    if (!said) blocks.push({ type: 'text', text: json });
  }
  // Protocol version 2024-10-07 servers answer `{toolResult}`.
  if (blocks.length === 0 && 'toolResult' in r) blocks.push({ type: 'text', text: JSON.stringify(r.toolResult) });
  const content = blocks
    .filter((b): b is Extract<McpBlock, { type: 'text' }> => b.type === 'text')
    .map((b) => b.text)
    .join('\n');
  return { content, isError: r.isError === true, blocks };
}

/** Stores each image (e.g. as an attachment) and returns the blocks a message part keeps. */
export async function storeBlocks(
  blocks: readonly McpBlock[],
  storeImage: (mime: string, base64: string) => Promise<{ attachmentId: string; mime: string }>,
): Promise<ToolResultBlock[]> {
  const out: ToolResultBlock[] = [];
  for (const b of blocks) {
    if (b.type === 'text') out.push(b);
    else out.push({ type: 'image', ...(await storeImage(b.mime, b.data)) });
  }
  return out;
}
