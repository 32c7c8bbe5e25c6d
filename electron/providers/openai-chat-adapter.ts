// OpenAI Chat Completions stream → ChatEvents (PROTOCOLS.md §1, conformance cases 1–23).
//
// Keys: choice 0 uses "text", "refusal", "reasoning" and "tool:<index>"; choice n > 0 prefixes them
// with "c<n>:" ("c1:text", "c1:tool:0") so parallel choices never mix (case 20) and messageText() in
// shared/chat-events.ts, which skips keys starting with "c", shows choice 0 only.
// Only choice 0 produces `finish` events and decides completeness: the message is choice 0.

import type { ChatEvent } from '../../shared/chat-events';
import type { Usage } from '../../shared/domain';
import { ProviderError, classifyApiErrorBody, providerError } from './errors';
import { asRecord, isRecord, nonEmptyString, parseJson, parseToolInput, preview, tokenCount } from './json-util';
import type { ProtocolAdapter } from './types';

interface ToolCallState {
  index: number;
  key: string;
  id: string;
  name: string;
  args: string;
  started: boolean;
  ended: boolean;
}

interface ChoiceState {
  index: number;
  prefix: string;
  tools: Map<number, ToolCallState>;
  /** the call an index-less continuation delta belongs to (case 17) */
  lastToolIndex: number | undefined;
}

const INCOMPLETE = 'The stream ended before this tool call was complete';

export function mapOpenAIUsage(raw: unknown): Usage | null {
  const u = asRecord(raw);
  const usage: Usage = {};
  const input = tokenCount(u.prompt_tokens);
  const output = tokenCount(u.completion_tokens);
  const reasoning = tokenCount(asRecord(u.completion_tokens_details).reasoning_tokens);
  // DeepSeek reports cache hits as prompt_cache_hit_tokens instead of prompt_tokens_details.cached_tokens.
  const cached = tokenCount(asRecord(u.prompt_tokens_details).cached_tokens) ?? tokenCount(u.prompt_cache_hit_tokens);
  if (input !== undefined) usage.inputTokens = input;
  if (output !== undefined) usage.outputTokens = output;
  if (reasoning !== undefined) usage.reasoningTokens = reasoning;
  if (cached !== undefined) usage.cacheReadTokens = cached;
  // new-api relaying Claude in this format reports the cache writes as cached_creation_tokens
  // (PROTOCOLS.md §2, "Prompt caching"); OpenAI itself never does.
  const written = tokenCount(asRecord(u.prompt_tokens_details).cached_creation_tokens);
  if (written !== undefined && written > 0) usage.cacheWriteTokens = written;
  return Object.keys(usage).length > 0 ? usage : null;
}

export function createOpenAIChatAdapter(): ProtocolAdapter {
  let sawDone = false;
  let choice0Finished = false;
  const choices = new Map<number, ChoiceState>();

  function choiceState(index: number): ChoiceState {
    let st = choices.get(index);
    if (!st) {
      st = { index, prefix: index === 0 ? '' : `c${index}:`, tools: new Map(), lastToolIndex: undefined };
      choices.set(index, st);
    }
    return st;
  }

  function nextFreeIndex(st: ChoiceState): number {
    let max = -1;
    for (const i of st.tools.keys()) max = Math.max(max, i);
    return max + 1;
  }

  function startIfReady(st: ChoiceState, t: ToolCallState, out: ChatEvent[], force: boolean): void {
    if (t.started || (!t.name && !force)) return;
    t.started = true;
    // Some gateways omit the id; the tool result must still be matched to its call.
    if (!t.id) t.id = `call_${st.index}_${t.index}`;
    out.push({ type: 'tool-call-start', key: t.key, id: t.id, name: t.name });
    if (t.args) out.push({ type: 'tool-call-delta', key: t.key, delta: t.args });
  }

  function onToolDeltas(st: ChoiceState, deltas: unknown[], out: ChatEvent[]): void {
    for (const raw of deltas) {
      if (!isRecord(raw)) continue;
      const id = nonEmptyString(raw.id);
      let index: number;
      if (typeof raw.index === 'number' && Number.isInteger(raw.index)) {
        index = raw.index;
        const existing = st.tools.get(index);
        // A different id on a used index is a new call from a gateway that numbers every call 0.
        if (existing && id && existing.id && existing.id !== id) {
          const same = [...st.tools.values()].find((t) => t.id === id);
          index = same ? same.index : nextFreeIndex(st);
        }
      } else if (id || st.lastToolIndex === undefined) {
        // Case 17: without an index, a delta carrying an id begins a call (unless it repeats a known id)…
        const same = id ? [...st.tools.values()].find((t) => t.id === id) : undefined;
        index = same ? same.index : nextFreeIndex(st);
      } else {
        // …and one carrying only arguments continues the last call.
        index = st.lastToolIndex;
      }
      st.lastToolIndex = index;

      let t = st.tools.get(index);
      if (!t) {
        t = { index, key: `${st.prefix}tool:${index}`, id: '', name: '', args: '', started: false, ended: false };
        st.tools.set(index, t);
      }
      if (t.ended) continue;
      const fn = asRecord(raw.function);
      // Case 18: null / "" in a continuation keep the earlier values.
      if (id && !t.started) t.id = id;
      const name = nonEmptyString(fn.name);
      if (name && !t.started) t.name = name;
      const args = nonEmptyString(fn.arguments) ?? '';
      t.args += args;
      if (t.started) {
        if (args) out.push({ type: 'tool-call-delta', key: t.key, delta: args });
      } else {
        startIfReady(st, t, out, false);
      }
    }
  }

  /** Closes every open call of a choice, in index order. `complete` false = the stream broke off. */
  function endTools(st: ChoiceState, out: ChatEvent[], complete: boolean): void {
    const open = [...st.tools.values()].filter((t) => !t.ended).sort((a, b) => a.index - b.index);
    for (const t of open) {
      startIfReady(st, t, out, true);
      t.ended = true;
      if (!complete) out.push({ type: 'tool-call-end', key: t.key, inputError: INCOMPLETE });
      else if (!t.name) out.push({ type: 'tool-call-end', key: t.key, inputError: 'The tool call has no function name' });
      else out.push({ type: 'tool-call-end', key: t.key, ...parseToolInput(t.args) });
    }
  }

  function onChoice(raw: Record<string, unknown>, out: ChatEvent[]): void {
    const index = typeof raw.index === 'number' && Number.isInteger(raw.index) ? raw.index : 0;
    const st = choiceState(index);
    const delta = asRecord(raw.delta);
    // Case 21: some gateways fill both fields with the same text; take one, never both.
    const reasoning = nonEmptyString(delta.reasoning_content) ?? nonEmptyString(delta.reasoning);
    if (reasoning) out.push({ type: 'thinking', key: `${st.prefix}reasoning`, delta: reasoning, source: 'openai' });
    const content = nonEmptyString(delta.content);
    if (content) out.push({ type: 'text', key: `${st.prefix}text`, delta: content });
    const refusal = nonEmptyString(delta.refusal);
    if (refusal) out.push({ type: 'refusal', key: `${st.prefix}refusal`, delta: refusal });
    if (Array.isArray(delta.tool_calls)) onToolDeltas(st, delta.tool_calls, out);

    // Case 10: the finish chunk's own content was handled above, before finishing.
    const finish = nonEmptyString(raw.finish_reason);
    if (!finish) return;
    const hadCalls = st.tools.size > 0;
    endTools(st, out, true);
    if (index !== 0) return;
    choice0Finished = true;
    out.push({ type: 'finish', reason: finish });
    if (finish === 'tool_calls' && !hadCalls) {
      // Case 19: "call a tool" with no call in it would otherwise look like an empty reply.
      throw new ProviderError(
        { code: 'protocol', message: 'The model stopped to call a tool, but the stream contained no tool call' },
        { events: out },
      );
    }
  }

  return {
    get done() {
      return sawDone;
    },

    onFrame(frame) {
      if (sawDone) return []; // case 8
      const data = frame.data.trim();
      if (data === '') return [];
      const out: ChatEvent[] = [];
      if (data === '[DONE]') {
        sawDone = true;
        for (const st of choices.values()) endTools(st, out, true);
        return out;
      }
      const parsed = parseJson(data);
      if (!parsed.ok || !isRecord(parsed.value)) {
        if (frame.event === 'error') throw providerError('server', preview(data));
        throw providerError('protocol', `Malformed stream data: ${preview(data)}`); // case 7
      }
      const chunk = parsed.value;
      if (frame.event === 'error' || isRecord(chunk.error) || nonEmptyString(chunk.error)) {
        // Case 23: an API error inside a 200 stream.
        throw new ProviderError(classifyApiErrorBody(chunk) ?? { code: 'server', message: preview(data) });
      }
      if (Array.isArray(chunk.choices)) {
        for (const c of chunk.choices) if (isRecord(c)) onChoice(c, out);
      }
      // Cases 11–13: usage may come alone (choices: []), in every chunk (last wins), or as null.
      const usage = mapOpenAIUsage(chunk.usage);
      if (usage) out.push({ type: 'usage', usage });
      return out;
    },

    onEnd() {
      const complete = sawDone || choice0Finished;
      const out: ChatEvent[] = [];
      for (const st of choices.values()) endTools(st, out, complete);
      return { events: out, complete };
    },
  };
}
