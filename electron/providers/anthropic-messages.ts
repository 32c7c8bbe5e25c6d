// Anthropic Messages: the request built from a thread's history. The stream adapter lives in
// anthropic-adapter.ts and is re-exported here so callers import one module per protocol.

import type { AnthropicAuth, CacheMode, Message, Part, ThinkingOption, ToolResultBlock } from '../../shared/domain';
import { endpointUrl } from '../../shared/url';
import { applyCacheControl, mergeHeaders, type CacheableBody } from './anthropic-cache';
import { providerError } from './errors';
import { isRecord, parseJson } from './json-util';
import { hasContent } from './history';
import type { AttachmentResolver, ChatRequestInput, HttpRequest, ToolChoice } from './types';

export { createAnthropicAdapter, mapAnthropicUsage } from './anthropic-adapter';

export const ANTHROPIC_VERSION = '2023-06-01';
const DEFAULT_MAX_TOKENS = 4096;
const MIN_THINKING_BUDGET = 1024;

export interface AnthropicInput extends ChatRequestInput {
  thinking?: ThinkingOption | null;
  /** how the key is sent; the gateway documents Bearer, the official API wants x-api-key */
  auth?: AnthropicAuth;
  /** prompt-cache breakpoints (anthropic-cache.ts); absent or 'off' places none */
  cacheMode?: CacheMode;
}

export type AnthropicBlock =
  | { type: 'text'; text: string }
  | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } }
  | { type: 'document'; source: { type: 'base64'; media_type: 'application/pdf'; data: string } }
  | { type: 'thinking'; thinking: string; signature: string }
  | { type: 'redacted_thinking'; data: string }
  | { type: 'tool_use'; id: string; name: string; input: unknown }
  | { type: 'tool_result'; tool_use_id: string; content: string | ToolResultContent[]; is_error?: boolean };

/** What a tool_result's content may hold besides a string: text and image blocks. */
type ToolResultContent = { type: 'text'; text: string } | { type: 'image'; source: { type: 'base64'; media_type: string; data: string } };

export interface AnthropicWireMessage {
  role: 'user' | 'assistant';
  content: AnthropicBlock[];
}

function toolInput(p: Extract<Part, { type: 'tool_call' }>): unknown {
  if (p.input !== undefined) return p.input;
  const parsed = parseJson(p.inputJson);
  // tool_use.input must be an object; a call whose input never parsed goes back as {}.
  return parsed.ok && isRecord(parsed.value) ? parsed.value : {};
}

function assistantBlocks(parts: readonly Part[]): AnthropicBlock[] {
  const out: AnthropicBlock[] = [];
  for (const p of parts) {
    switch (p.type) {
      case 'thinking':
        // Case 35: sent back unchanged. Thinking without a signature (OpenAI reasoning, or cut off before
        // the signature arrived) would be rejected, so it stays out.
        if (p.signature) out.push({ type: 'thinking', thinking: p.text, signature: p.signature });
        break;
      case 'redacted_thinking':
        out.push({ type: 'redacted_thinking', data: p.data });
        break;
      case 'text':
        // The API rejects empty text blocks.
        if (p.text !== '') out.push({ type: 'text', text: p.text });
        break;
      case 'tool_call':
        out.push({ type: 'tool_use', id: p.id, name: p.name, input: toolInput(p) });
        break;
      default:
        break; // refusal notices are ours, not the model's content
    }
  }
  return out;
}

async function userBlocks(parts: readonly Part[], resolve: AttachmentResolver | undefined): Promise<AnthropicBlock[]> {
  const out: AnthropicBlock[] = [];
  for (const p of parts) {
    if (p.type === 'text') {
      if (p.text !== '') out.push({ type: 'text', text: p.text });
    } else if (p.type === 'image' || p.type === 'document') {
      if (!resolve) throw providerError('invalid_input', 'This message has attachments but no way to read them');
      const a = await resolve(p.attachmentId);
      out.push(
        p.type === 'image'
          ? { type: 'image', source: { type: 'base64', media_type: a.mime, data: a.base64 } }
          : { type: 'document', source: { type: 'base64', media_type: 'application/pdf', data: a.base64 } },
      );
    } else if (p.type === 'tool_result') {
      out.push({
        type: 'tool_result',
        tool_use_id: p.toolCallId,
        content: p.blocks ? await toolResultContent(p.blocks, p.content, resolve) : p.content,
        ...(p.isError ? { is_error: true } : {}),
      });
    }
  }
  return out;
}

/** A tool result's blocks (MCP: texts, images) as tool_result content blocks, in order. */
async function toolResultContent(
  blocks: readonly ToolResultBlock[],
  text: string,
  resolve: AttachmentResolver | undefined,
): Promise<string | ToolResultContent[]> {
  const out: ToolResultContent[] = [];
  for (const b of blocks) {
    if (b.type === 'text') {
      if (b.text !== '') out.push({ type: 'text', text: b.text }); // the API rejects empty text blocks
    } else {
      if (!resolve) throw providerError('invalid_input', 'This tool result has images but no way to read them');
      const a = await resolve(b.attachmentId);
      out.push({ type: 'image', source: { type: 'base64', media_type: a.mime, data: a.base64 } });
    }
  }
  return out.length > 0 ? out : text;
}

/** The API wants tool results first in their user turn; order is kept otherwise. */
function toolResultsFirst(blocks: AnthropicBlock[]): AnthropicBlock[] {
  return [...blocks.filter((b) => b.type === 'tool_result'), ...blocks.filter((b) => b.type !== 'tool_result')];
}

export async function buildAnthropicMessages(
  history: readonly Message[],
  resolve?: AttachmentResolver,
): Promise<AnthropicWireMessage[]> {
  const out: AnthropicWireMessage[] = [];
  for (const m of history) {
    if (m.status === 'error' && !hasContent(m)) continue;
    const role = m.role === 'assistant' ? 'assistant' : 'user';
    const content = role === 'assistant' ? assistantBlocks(m.parts) : await userBlocks(m.parts, resolve);
    if (content.length === 0) continue;
    const last = out[out.length - 1];
    // Roles must alternate: a tool turn after a user turn, or a continued assistant turn, is merged.
    if (last && last.role === role) last.content.push(...content);
    else out.push({ role, content });
  }
  for (const m of out) if (m.role === 'user') m.content = toolResultsFirst(m.content);
  return out;
}

function wireToolChoice(choice: ToolChoice): Record<string, string> {
  if (choice === 'auto') return { type: 'auto' };
  if (choice === 'none') return { type: 'none' };
  if (choice === 'required') return { type: 'any' };
  return { type: 'tool', name: choice.name };
}

export function anthropicAuthHeaders(apiKey: string, auth: AnthropicAuth = 'bearer'): Record<string, string> {
  const h: Record<string, string> = {};
  if (auth === 'bearer' || auth === 'both') h.Authorization = `Bearer ${apiKey}`;
  if (auth === 'x-api-key' || auth === 'both') h['x-api-key'] = apiKey;
  return h;
}

export async function buildAnthropicRequest(input: AnthropicInput): Promise<HttpRequest> {
  let maxTokens = input.maxTokens ?? DEFAULT_MAX_TOKENS;
  const body: Record<string, unknown> = { model: input.model, max_tokens: maxTokens, stream: true };
  if (input.systemPrompt.trim() !== '') body.system = input.systemPrompt;
  // Sent as set even with thinking on, where the API accepts only temperature 1: its 400 says so.
  if (input.temperature !== undefined) body.temperature = input.temperature;
  if (input.topP !== undefined) body.top_p = input.topP;
  body.messages = await buildAnthropicMessages(input.history, input.resolveAttachment);
  if (input.tools && input.tools.length > 0) {
    body.tools = input.tools.map((t) => ({
      name: t.name,
      ...(t.description ? { description: t.description } : {}),
      input_schema: t.parameters,
    }));
    if (input.toolChoice !== undefined) body.tool_choice = wireToolChoice(input.toolChoice);
  }
  if (input.thinking?.enabled) {
    // The API requires 1024 <= budget_tokens < max_tokens: shrink the budget to fit, and only when
    // max_tokens leaves no room for the minimum budget, raise max_tokens.
    if (maxTokens <= MIN_THINKING_BUDGET) {
      maxTokens = MIN_THINKING_BUDGET * 2;
      body.max_tokens = maxTokens;
    }
    const budget = Math.max(MIN_THINKING_BUDGET, Math.min(input.thinking.budgetTokens, maxTokens - 1));
    body.thinking = { type: 'enabled', budget_tokens: budget };
  }
  const cached = applyCacheControl(body as CacheableBody, input.cacheMode ?? 'off');
  return {
    url: endpointUrl(input.baseUrl, '/v1/messages'),
    method: 'POST',
    headers: mergeHeaders(
      {
        ...anthropicAuthHeaders(input.apiKey, input.auth),
        'anthropic-version': ANTHROPIC_VERSION,
        'content-type': 'application/json',
        accept: 'text/event-stream',
      },
      cached.headers,
    ),
    body: JSON.stringify(cached.body),
  };
}
