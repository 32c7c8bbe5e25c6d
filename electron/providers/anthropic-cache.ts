// Anthropic prompt caching (PROTOCOLS.md §2, "Prompt caching"): cache_control breakpoints on a Messages
// request body. Pure, so the request builder, the test-suite runner and anything else that builds an
// Anthropic body place them the same way.
//
// Breakpoints, in prefix order (tools → system → messages), at most MAX_BREAKPOINTS in all:
//   1. the last tool definition (caches every tool),
//   2. the system prompt, sent as a block array,
//   3. the last content block of the latest user turn (caches the conversation so far),
//   4. the last block of the user turn before it: the prefix the previous request wrote, read back even
//      when a long tool turn moved the latest breakpoint past the API's 20-block look-back.
// 'off' sends none; '1h' adds ttl "1h" and the beta header the API requires for it.
import type { CacheMode } from '../../shared/domain';

export const MAX_BREAKPOINTS = 4;
export const EXTENDED_TTL_BETA = 'extended-cache-ttl-2025-04-11';

export type CacheControl = { type: 'ephemeral' } | { type: 'ephemeral'; ttl: '1h' };

type Block = Record<string, unknown>;

/** The parts of a Messages body this touches; anything else passes through unchanged. */
export interface CacheableBody {
  system?: string | Block[];
  tools?: Block[];
  messages?: Array<{ role: string; content: string | Block[] }>;
  [key: string]: unknown;
}

export function cacheControlFor(mode: Exclude<CacheMode, 'off'>): CacheControl {
  return mode === '1h' ? { type: 'ephemeral', ttl: '1h' } : { type: 'ephemeral' };
}

function mark(block: Block, cc: CacheControl): Block {
  return { ...block, cache_control: cc };
}

/** The content of a turn as blocks (a plain string becomes one text block, as the API reads it). */
function asBlocks(content: string | Block[]): Block[] {
  return typeof content === 'string' ? (content === '' ? [] : [{ type: 'text', text: content }]) : content;
}

/**
 * The body with cache_control breakpoints placed for `mode`, and the headers it needs. The input body is
 * not modified. Breakpoints already in the body count toward the limit, so the result never has more
 * than four.
 */
export function applyCacheControl<B extends CacheableBody>(body: B, mode: CacheMode): { body: B; headers: Record<string, string> } {
  if (mode === 'off') return { body, headers: {} };
  const cc = cacheControlFor(mode);
  const out: CacheableBody = { ...body };
  let budget = MAX_BREAKPOINTS - countBreakpoints(body);

  if (budget > 0 && out.tools && out.tools.length > 0) {
    const tools = [...out.tools];
    tools[tools.length - 1] = mark(tools[tools.length - 1]!, cc);
    out.tools = tools;
    budget--;
  }
  if (budget > 0 && out.system !== undefined) {
    const blocks = asBlocks(out.system);
    if (blocks.length > 0) {
      out.system = [...blocks.slice(0, -1), mark(blocks[blocks.length - 1]!, cc)];
      budget--;
    }
  }
  if (out.messages) {
    const messages = [...out.messages];
    // Latest user turn first, then the one before it, while breakpoints remain.
    let placed = 0;
    for (let i = messages.length - 1; i >= 0 && budget > 0 && placed < 2; i--) {
      const m = messages[i]!;
      if (m.role !== 'user') continue;
      const blocks = asBlocks(m.content);
      if (blocks.length === 0) continue;
      messages[i] = { ...m, content: [...blocks.slice(0, -1), mark(blocks[blocks.length - 1]!, cc)] };
      budget--;
      placed++;
    }
    out.messages = messages;
  }
  return { body: out as B, headers: mode === '1h' ? { 'anthropic-beta': EXTENDED_TTL_BETA } : {} };
}

function hasMark(b: unknown): boolean {
  return typeof b === 'object' && b !== null && 'cache_control' in b;
}

/** Breakpoints a body already carries (tools, system blocks, message blocks). */
export function countBreakpoints(body: CacheableBody): number {
  let n = (body.tools ?? []).filter(hasMark).length;
  if (Array.isArray(body.system)) n += body.system.filter(hasMark).length;
  for (const m of body.messages ?? []) if (Array.isArray(m.content)) n += m.content.filter(hasMark).length;
  return n;
}

/** Adds `value` to a comma-separated header such as anthropic-beta, keeping what is there. */
export function mergeHeaders(base: Record<string, string>, extra: Record<string, string>): Record<string, string> {
  const out = { ...base };
  for (const [k, v] of Object.entries(extra)) {
    const existing = Object.keys(out).find((key) => key.toLowerCase() === k.toLowerCase());
    if (existing && out[existing]) {
      const values = out[existing]!.split(',').map((s) => s.trim());
      if (!values.includes(v)) out[existing] = [...values, v].join(',');
    } else out[k] = v;
  }
  return out;
}
