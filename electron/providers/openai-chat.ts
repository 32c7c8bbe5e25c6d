// OpenAI Chat Completions: the request built from a thread's history. The stream adapter lives in
// openai-chat-adapter.ts and is re-exported here so callers import one module per protocol.

import type { Message, Part, ReasoningEffort } from '../../shared/domain';
import { endpointUrl } from '../../shared/url';
import { providerError } from './errors';
import { hasContent } from './history';
import { parseJson } from './json-util';
import type { AttachmentResolver, ChatRequestInput, HttpRequest, ToolChoice } from './types';

export { createOpenAIChatAdapter, mapOpenAIUsage } from './openai-chat-adapter';

export interface OpenAIChatInput extends ChatRequestInput {
  /** for reasoning models (o-series, gpt-5, DeepSeek …); a model that rejects it answers 400 */
  reasoningEffort?: ReasoningEffort;
}

type ContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail: 'auto' } }
  | { type: 'file'; file: { filename: string; file_data: string } };

interface WireToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type OpenAIWireMessage =
  | { role: 'system'; content: string }
  | { role: 'user'; content: string | ContentPart[] }
  | { role: 'assistant'; content: string | null; tool_calls?: WireToolCall[]; reasoning_content?: string }
  | { role: 'tool'; tool_call_id: string; content: string };

type PartOf<T extends Part['type']> = Extract<Part, { type: T }>;

/** Parts of choice 0 only: alternative choices (keys "c<n>:…") are never sent back. */
function isChoice0(p: Part): boolean {
  const key = (p as { key?: string }).key;
  return !key || !/^c\d+:/.test(key);
}

async function userContent(parts: readonly Part[], resolve: AttachmentResolver | undefined): Promise<string | ContentPart[] | null> {
  const media = parts.filter((p) => p.type === 'image' || p.type === 'document');
  const texts = parts.filter((p): p is PartOf<'text'> => p.type === 'text' && p.text !== '');
  if (media.length === 0) return texts.length > 0 ? texts.map((p) => p.text).join('\n') : null;
  if (!resolve) throw providerError('invalid_input', 'This message has attachments but no way to read them');
  const out: ContentPart[] = [];
  for (const p of parts) {
    if (p.type === 'text' && p.text !== '') out.push({ type: 'text', text: p.text });
    else if (p.type === 'image') {
      const a = await resolve(p.attachmentId);
      out.push({ type: 'image_url', image_url: { url: `data:${a.mime};base64,${a.base64}`, detail: 'auto' } });
    } else if (p.type === 'document') {
      // Chat Completions' file part; gateways that cannot take PDFs answer with a 400 the user sees.
      const a = await resolve(p.attachmentId);
      out.push({ type: 'file', file: { filename: p.name, file_data: `data:${a.mime};base64,${a.base64}` } });
    }
  }
  return out;
}

function toolCallArguments(p: PartOf<'tool_call'>): string {
  if (p.input !== undefined) return JSON.stringify(p.input);
  // A call whose input never parsed is sent as {} so the request stays valid JSON for strict backends.
  return parseJson(p.inputJson).ok ? p.inputJson : '{}';
}

/**
 * One `role: "tool"` message per result. A `tool` message holds text only, so images a tool returned
 * (MCP) follow in one user message after the turn's tool messages, each introduced by its call id
 * (PROTOCOLS.md § Tool results with images).
 */
async function toolResults(parts: readonly Part[], resolve: AttachmentResolver | undefined): Promise<OpenAIWireMessage[]> {
  const results = parts.filter((p): p is PartOf<'tool_result'> => p.type === 'tool_result');
  const out: OpenAIWireMessage[] = [];
  const images: ContentPart[] = [];
  for (const p of results) {
    const pics = (p.blocks ?? []).filter((b) => b.type === 'image');
    const text = p.blocks ? p.blocks.flatMap((b) => (b.type === 'text' ? [b.text] : [])).join('\n') : p.content;
    const note = pics.length > 0 ? `${text ? '\n' : ''}[${pics.length} image(s) follow in the next user message]` : '';
    out.push({ role: 'tool', tool_call_id: p.toolCallId, content: text + note });
    if (pics.length === 0) continue;
    if (!resolve) throw providerError('invalid_input', 'This tool result has images but no way to read them');
    images.push({ type: 'text', text: `Images returned by tool call ${p.toolCallId}:` });
    for (const b of pics) {
      const a = await resolve(b.attachmentId);
      images.push({ type: 'image_url', image_url: { url: `data:${a.mime};base64,${a.base64}`, detail: 'auto' } });
    }
  }
  if (images.length > 0) out.push({ role: 'user', content: images });
  return out;
}

function assistantMessage(m: Message): OpenAIWireMessage | null {
  const parts = m.parts.filter(isChoice0);
  const text = parts
    .filter((p): p is PartOf<'text'> => p.type === 'text')
    .map((p) => p.text)
    .join('');
  const calls: WireToolCall[] = parts
    .filter((p): p is PartOf<'tool_call'> => p.type === 'tool_call')
    .map((p) => ({ id: p.id, type: 'function', function: { name: p.name, arguments: toolCallArguments(p) } }));
  if (!text && calls.length === 0) return null;
  const msg: Extract<OpenAIWireMessage, { role: 'assistant' }> = { role: 'assistant', content: text || null };
  if (calls.length > 0) {
    msg.tool_calls = calls;
    // Case 22: DeepSeek thinking mode answers 400 unless a tool-calling turn carries its reasoning back.
    const reasoning = parts
      .filter((p): p is PartOf<'thinking'> => p.type === 'thinking' && p.source === 'openai')
      .map((p) => p.text)
      .join('');
    if (reasoning) msg.reasoning_content = reasoning;
  }
  return msg;
}

export async function buildOpenAIChatMessages(
  systemPrompt: string,
  history: readonly Message[],
  resolve?: AttachmentResolver,
): Promise<OpenAIWireMessage[]> {
  const out: OpenAIWireMessage[] = [];
  if (systemPrompt.trim() !== '') out.push({ role: 'system', content: systemPrompt });
  for (const m of history) {
    if (m.status === 'error' && !hasContent(m)) continue;
    if (m.role === 'tool') {
      out.push(...(await toolResults(m.parts, resolve)));
    } else if (m.role === 'user') {
      // Tool results must directly follow the assistant turn that asked for them.
      out.push(...(await toolResults(m.parts, resolve)));
      const content = await userContent(m.parts, resolve);
      if (content !== null) out.push({ role: 'user', content });
    } else {
      const msg = assistantMessage(m);
      if (msg) out.push(msg);
    }
  }
  return out;
}

function wireToolChoice(choice: ToolChoice): unknown {
  return typeof choice === 'string' ? choice : { type: 'function', function: { name: choice.name } };
}

export async function buildOpenAIChatRequest(input: OpenAIChatInput): Promise<HttpRequest> {
  const body: Record<string, unknown> = {
    model: input.model,
    messages: await buildOpenAIChatMessages(input.systemPrompt, input.history, input.resolveAttachment),
    stream: true,
    stream_options: { include_usage: true },
  };
  // max_tokens, not max_completion_tokens: it is the field every gateway and compatible vendor accepts.
  if (input.maxTokens !== undefined) body.max_tokens = input.maxTokens;
  if (input.temperature !== undefined) body.temperature = input.temperature;
  if (input.topP !== undefined) body.top_p = input.topP;
  if (input.reasoningEffort !== undefined) body.reasoning_effort = input.reasoningEffort;
  if (input.tools && input.tools.length > 0) {
    body.tools = input.tools.map((t) => ({
      type: 'function',
      function: {
        name: t.name,
        ...(t.description ? { description: t.description } : {}),
        parameters: t.parameters,
      },
    }));
    if (input.toolChoice !== undefined) body.tool_choice = wireToolChoice(input.toolChoice);
  }
  return {
    url: endpointUrl(input.baseUrl, '/v1/chat/completions'),
    method: 'POST',
    headers: {
      Authorization: `Bearer ${input.apiKey}`,
      'Content-Type': 'application/json',
      Accept: 'text/event-stream',
    },
    body: JSON.stringify(body),
  };
}
