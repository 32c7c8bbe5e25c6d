// Anthropic Messages stream → ChatEvents (PROTOCOLS.md §2, conformance cases 29–37).
//
// Keys: every content block is "b<index>", whatever its type.
// Refusal convention: stop_reason "refusal" adds a `refusal` event with an EMPTY delta under key
// "refusal" (before the `finish` event). The reducer turns it into a refusal part with empty text, so
// "the message has a refusal part" means "show a refusal notice" for both protocols; OpenAI's refusal
// parts carry the model's own words, Anthropic's leave the notice text to the UI.
// Server-side tool blocks (server_tool_use, web_search_tool_result, …) run at the API; ChatEvent has no
// vocabulary for them yet, so they are skipped rather than shown as tool calls the client would run.

import type { ChatEvent } from '../../shared/chat-events';
import type { Usage } from '../../shared/domain';
import { ProviderError, classifyApiErrorBody, providerError } from './errors';
import { asRecord, isRecord, nonEmptyString, parseJson, parseToolInput, preview, tokenCount } from './json-util';
import type { ProtocolAdapter } from './types';

interface BlockState {
  key: string;
  type: string;
  /** tool_use only: the concatenated partial_json, and the input the start event carried */
  json: string;
  startInput: Record<string, unknown> | undefined;
  ended: boolean;
}

const NEEDS_MESSAGE_START = new Set([
  'content_block_start',
  'content_block_delta',
  'content_block_stop',
  'message_delta',
  'message_stop',
]);

export function mapAnthropicUsage(raw: unknown): Usage | null {
  const u = asRecord(raw);
  const usage: Usage = {};
  const fields: Array<[Exclude<keyof Usage, 'cacheInInput'>, number | undefined]> = [
    ['inputTokens', tokenCount(u.input_tokens)],
    ['outputTokens', tokenCount(u.output_tokens)],
    ['cacheReadTokens', tokenCount(u.cache_read_input_tokens)],
    ['cacheWriteTokens', tokenCount(u.cache_creation_input_tokens)],
    ['reasoningTokens', tokenCount(asRecord(u.output_tokens_details).thinking_tokens)],
  ];
  for (const [k, v] of fields) if (v !== undefined) usage[k] = v;
  // Newer models split the writes by lifetime; only 1-hour ones are priced apart (shared/cost.ts).
  const hour = tokenCount(asRecord(u.cache_creation).ephemeral_1h_input_tokens);
  if (hour) usage.cacheWrite1hTokens = hour;
  return Object.keys(usage).length > 0 ? usage : null;
}

export function createAnthropicAdapter(): ProtocolAdapter {
  let started = false;
  let stopped = false;
  let stopReason: string | undefined;
  const blocks = new Map<number, BlockState>();

  function blockIndex(msg: Record<string, unknown>, type: string): number {
    const i = msg.index;
    if (typeof i !== 'number' || !Number.isInteger(i) || i < 0) {
      throw providerError('protocol', `${type} without a valid block index`);
    }
    return i;
  }

  function endTool(b: BlockState, out: ChatEvent[], inputError?: string): void {
    b.ended = true;
    if (inputError) {
      out.push({ type: 'tool-call-end', key: b.key, inputError });
      return;
    }
    // Case 34: parse once, at block stop. A gateway that sends the whole input in the start event and
    // no deltas is honoured too.
    const result = b.json === '' && b.startInput ? { input: b.startInput } : parseToolInput(b.json);
    out.push({ type: 'tool-call-end', key: b.key, ...result });
  }

  /** Tool blocks that never got their content_block_stop: their input cannot be trusted. */
  function endOpenTools(out: ChatEvent[]): void {
    const why = stopReason
      ? `The tool input is incomplete (the reply stopped: ${stopReason})`
      : 'The stream ended before this tool call was complete';
    for (const b of blocks.values()) if (b.type === 'tool_use' && !b.ended) endTool(b, out, why);
  }

  function onBlockStart(msg: Record<string, unknown>, out: ChatEvent[]): void {
    const index = blockIndex(msg, 'content_block_start');
    const cb = asRecord(msg.content_block);
    const type = typeof cb.type === 'string' ? cb.type : 'unknown';
    const key = `b${index}`;
    const startInput = isRecord(cb.input) && Object.keys(cb.input).length > 0 ? cb.input : undefined;
    blocks.set(index, { key, type, json: '', startInput, ended: false });
    switch (type) {
      case 'text': {
        const text = nonEmptyString(cb.text);
        if (text) out.push({ type: 'text', key, delta: text });
        break;
      }
      case 'thinking': {
        const thinking = nonEmptyString(cb.thinking);
        if (thinking) out.push({ type: 'thinking', key, delta: thinking, source: 'anthropic' });
        const signature = nonEmptyString(cb.signature);
        if (signature) out.push({ type: 'thinking-signature', key, signature });
        break;
      }
      case 'redacted_thinking':
        // Sent back byte for byte in later turns: keep the string exactly as received.
        out.push({ type: 'redacted-thinking', key, data: typeof cb.data === 'string' ? cb.data : '' });
        break;
      case 'tool_use':
        out.push({
          type: 'tool-call-start',
          key,
          id: typeof cb.id === 'string' ? cb.id : `toolu_${index}`,
          name: typeof cb.name === 'string' ? cb.name : '',
        });
        break;
      default:
        break; // server tool blocks and future types
    }
  }

  function onBlockDelta(msg: Record<string, unknown>, out: ChatEvent[]): void {
    const index = blockIndex(msg, 'content_block_delta');
    const key = `b${index}`;
    const block = blocks.get(index);
    const delta = asRecord(msg.delta);
    switch (delta.type) {
      case 'text_delta': {
        const text = nonEmptyString(delta.text);
        if (text) out.push({ type: 'text', key, delta: text });
        break;
      }
      case 'thinking_delta': {
        const thinking = nonEmptyString(delta.thinking);
        if (thinking) out.push({ type: 'thinking', key, delta: thinking, source: 'anthropic' });
        break;
      }
      case 'signature_delta': {
        const signature = nonEmptyString(delta.signature);
        if (signature) out.push({ type: 'thinking-signature', key, signature });
        break;
      }
      case 'input_json_delta': {
        if (!block || block.type !== 'tool_use' || block.ended) break; // server tools: not ours to run
        const part = typeof delta.partial_json === 'string' ? delta.partial_json : '';
        block.json += part;
        if (part) out.push({ type: 'tool-call-delta', key, delta: part });
        break;
      }
      default:
        break; // citations_delta and future delta types
    }
  }

  function onMessageDelta(msg: Record<string, unknown>, out: ChatEvent[]): void {
    // Case 36: usage here is cumulative; the reducer overwrites field by field.
    const usage = mapAnthropicUsage(msg.usage);
    if (usage) out.push({ type: 'usage', usage });
    const reason = nonEmptyString(asRecord(msg.delta).stop_reason);
    if (!reason) return;
    stopReason = reason;
    if (reason === 'refusal') out.push({ type: 'refusal', key: 'refusal', delta: '' });
    out.push({ type: 'finish', reason });
  }

  return {
    get done() {
      return stopped;
    },

    onFrame(frame) {
      if (stopped) return [];
      const data = frame.data.trim();
      if (data === '') return []; // case 31
      const parsed = parseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        if (frame.event === 'error') throw providerError('server', preview(data));
        throw providerError('protocol', `Malformed stream data: ${preview(data)}`);
      }
      const msg = parsed.value;
      // Case 30: gateways may drop `event:` lines; the payload's own type says the same thing.
      const type = frame.event && frame.event !== 'message' ? frame.event : nonEmptyString(msg.type);
      if (type === undefined) return [];
      if (type === 'error') {
        // Case 29: e.g. overloaded_error mid-stream.
        throw new ProviderError(classifyApiErrorBody(msg) ?? { code: 'server', message: preview(data) });
      }
      if (NEEDS_MESSAGE_START.has(type) && !started) {
        throw providerError('protocol', `Received ${type} before message_start`); // case 33
      }
      const out: ChatEvent[] = [];
      switch (type) {
        case 'message_start': {
          started = true;
          const usage = mapAnthropicUsage(asRecord(msg.message).usage);
          if (usage) out.push({ type: 'usage', usage });
          break;
        }
        case 'content_block_start':
          onBlockStart(msg, out);
          break;
        case 'content_block_delta':
          onBlockDelta(msg, out);
          break;
        case 'content_block_stop': {
          const b = blocks.get(blockIndex(msg, 'content_block_stop'));
          if (b && b.type === 'tool_use' && !b.ended) endTool(b, out);
          else if (b) b.ended = true;
          break;
        }
        case 'message_delta':
          onMessageDelta(msg, out);
          break;
        case 'message_stop':
          stopped = true;
          endOpenTools(out);
          break;
        default:
          break; // case 32: ping and unknown types
      }
      return out;
    },

    onEnd() {
      const out: ChatEvent[] = [];
      endOpenTools(out);
      // A stop_reason means the model finished; only the closing envelope may be missing.
      return { events: out, complete: stopped || stopReason !== undefined };
    },
  };
}
