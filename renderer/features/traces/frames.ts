// Reading a step's SSE frames for the trace view: each frame's event type, a one-line preview, the
// first frame of a content block or tool call, and the tool inputs as they stood at a given frame
// (rebuilt from the input_json_delta / tool_calls argument pieces received up to it). Frames can
// number in the tens of thousands, so types are found without parsing where possible, and previews
// are made only for the rows on screen.
import type { Protocol, TraceFrame, TraceStep } from '../../../shared/domain';

const TYPE_FIELD = /"type"\s*:\s*"([^"]+)"/;

/** The frame's event type: its `event:` line, else data.type; OpenAI frames are 'chunk' or 'done'. */
export function frameType(frame: TraceFrame, protocol: Protocol): string {
  if (frame.event) return frame.event;
  const data = frame.data.trimStart();
  if (data.startsWith('[DONE]')) return 'done';
  if (protocol === 'openai-chat') return /^\{\s*"error"/.test(data) ? 'error' : 'chunk';
  const m = TYPE_FIELD.exec(data.slice(0, 200));
  if (m) return m[1]!;
  try {
    const v = JSON.parse(data) as { type?: unknown };
    return typeof v.type === 'string' ? v.type : 'data';
  } catch {
    return 'data';
  }
}

export interface StepIndex {
  types: string[];
  /** [type, count], in order of first appearance */
  counts: [string, number][];
}

const indexCache = new WeakMap<TraceStep, StepIndex>();

export function indexStep(step: TraceStep, protocol: Protocol): StepIndex {
  const cached = indexCache.get(step);
  if (cached) return cached;
  const types = step.frames.map((f) => frameType(f, protocol));
  const counts = new Map<string, number>();
  for (const t of types) counts.set(t, (counts.get(t) ?? 0) + 1);
  const out = { types, counts: [...counts] };
  indexCache.set(step, out);
  return out;
}

export function parseData(frame: TraceFrame): unknown {
  try {
    return JSON.parse(frame.data);
  } catch {
    return undefined;
  }
}

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Rec) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : v === undefined || v === null ? '' : JSON.stringify(v));
const quote = (s: string) => JSON.stringify(s);

/** One line saying what a frame carries. */
export function framePreview(frame: TraceFrame, type: string): string {
  const data = parseData(frame);
  if (data === undefined) return frame.data.slice(0, 200);
  const d = rec(data);
  const idx = d.index !== undefined ? `[${str(d.index)}] ` : '';
  switch (type) {
    case 'message_start': {
      const m = rec(d.message);
      const u = rec(m.usage);
      return `${str(m.model)}  ${str(m.id)}  in=${str(u.input_tokens)}`;
    }
    case 'content_block_start': {
      const b = rec(d.content_block);
      return `${idx}${str(b.type)}${b.name ? ` ${str(b.name)}` : ''}${b.id ? ` ${str(b.id)}` : ''}`;
    }
    case 'content_block_delta': {
      const delta = rec(d.delta);
      const piece =
        delta.type === 'text_delta'
          ? delta.text
          : delta.type === 'input_json_delta'
            ? delta.partial_json
            : delta.type === 'thinking_delta'
              ? delta.thinking
              : delta.type === 'signature_delta'
                ? delta.signature
                : undefined;
      return `${idx}${str(delta.type)} ${piece !== undefined ? quote(str(piece)) : ''}`;
    }
    case 'content_block_stop':
      return idx.trim();
    case 'message_delta': {
      const delta = rec(d.delta);
      const u = rec(d.usage);
      return `stop_reason=${str(delta.stop_reason)}  out=${str(u.output_tokens)}`;
    }
    case 'error': {
      const e = rec(d.error);
      return `${str(e.type)}: ${str(e.message)}`;
    }
    case 'chunk': {
      const choices = Array.isArray(d.choices) ? d.choices : [];
      const parts: string[] = [];
      for (const c of choices) {
        const ch = rec(c);
        const delta = rec(ch.delta);
        if (typeof delta.role === 'string') parts.push(`role=${delta.role}`);
        if (typeof delta.content === 'string' && delta.content) parts.push(`content ${quote(delta.content)}`);
        if (typeof delta.reasoning_content === 'string') parts.push(`reasoning ${quote(delta.reasoning_content)}`);
        if (Array.isArray(delta.tool_calls)) {
          for (const tc of delta.tool_calls) {
            const c2 = rec(tc);
            const fn = rec(c2.function);
            parts.push(
              `tool_calls[${str(c2.index)}]${c2.id ? ` ${str(c2.id)}` : ''}${fn.name ? ` ${str(fn.name)}` : ''}${fn.arguments ? ` ${quote(str(fn.arguments))}` : ''}`,
            );
          }
        }
        if (ch.finish_reason) parts.push(`finish_reason=${str(ch.finish_reason)}`);
      }
      if (d.usage) {
        const u = rec(d.usage);
        parts.push(`usage in=${str(u.prompt_tokens)} out=${str(u.completion_tokens)}`);
      }
      return parts.join('  ') || frame.data.slice(0, 200);
    }
    default:
      return frame.data.length > 200 ? `${frame.data.slice(0, 200)}…` : frame.data;
  }
}

/** A tool input as it stood at some frame. */
export interface ToolInputAt {
  /** the block's ChatEvent key ("b1", "tool:0") */
  key: string;
  id: string;
  name: string;
  text: string;
  complete: boolean;
  /** the frame that started it */
  startFrame: number;
  /** pieces received so far */
  pieces: number;
}

const MAYBE_TOOL = /tool_use|input_json_delta|content_block_stop|tool_calls|finish_reason/;

/**
 * Every tool input begun at or before frame `upto`, with the text received until then. Frames that
 * cannot concern tools are skipped by a plain text test before any JSON is parsed.
 */
export function toolInputsAt(step: TraceStep, protocol: Protocol, upto: number): ToolInputAt[] {
  const out = new Map<string, ToolInputAt>();
  const last = Math.min(upto, step.frames.length - 1);
  for (let i = 0; i <= last; i++) {
    const frame = step.frames[i]!;
    if (!MAYBE_TOOL.test(frame.data)) continue;
    const d = rec(parseData(frame));
    if (protocol === 'anthropic-messages') {
      const key = `b${str(d.index)}`;
      if (d.type === 'content_block_start' && rec(d.content_block).type === 'tool_use') {
        const b = rec(d.content_block);
        out.set(key, { key, id: str(b.id), name: str(b.name), text: '', complete: false, startFrame: i, pieces: 0 });
      } else if (d.type === 'content_block_delta' && rec(d.delta).type === 'input_json_delta') {
        const t = out.get(key);
        if (t) {
          t.text += str(rec(d.delta).partial_json);
          t.pieces++;
        }
      } else if (d.type === 'content_block_stop') {
        const t = out.get(key);
        if (t) t.complete = true;
      }
    } else {
      for (const c of Array.isArray(d.choices) ? d.choices : []) {
        const ch = rec(c);
        if (ch.index !== undefined && ch.index !== 0) continue;
        for (const tc of Array.isArray(rec(ch.delta).tool_calls) ? (rec(ch.delta).tool_calls as unknown[]) : []) {
          const call = rec(tc);
          const fn = rec(call.function);
          const key = `tool:${str(call.index ?? 0)}`;
          let t = out.get(key);
          if (!t) {
            t = { key, id: str(call.id), name: str(fn.name), text: '', complete: false, startFrame: i, pieces: 0 };
            out.set(key, t);
          }
          if (call.id && !t.id) t.id = str(call.id);
          if (fn.name && !t.name) t.name = str(fn.name);
          if (typeof fn.arguments === 'string' && fn.arguments) {
            t.text += fn.arguments;
            t.pieces++;
          }
        }
        if (ch.finish_reason) for (const t of out.values()) t.complete = true;
      }
    }
  }
  return [...out.values()];
}

/** The frame where a tool call (by id) begins, or -1. */
export function toolStartFrame(step: TraceStep, toolCallId: string): number {
  const needle = JSON.stringify(toolCallId);
  return step.frames.findIndex((f) => f.data.includes(needle));
}

/** The frame where a content block (by trace block key) begins, or -1. */
export function blockStartFrame(step: TraceStep, protocol: Protocol, key: string, startMs: number): number {
  if (protocol === 'anthropic-messages') {
    const index = key.replace(/^b/, '');
    const re = new RegExp(`"index"\\s*:\\s*${index}\\b`);
    return step.frames.findIndex((f) => f.data.includes('content_block_start') && re.test(f.data));
  }
  // OpenAI has no block frames: the first frame at or after the block's first event.
  return step.frames.findIndex((f) => f.t >= startMs);
}

/** The frames that belong to one tool input (for replaying it piece by piece). */
export function toolInputFrames(step: TraceStep, protocol: Protocol, key: string): number[] {
  const out: number[] = [];
  if (protocol === 'anthropic-messages') {
    const index = key.replace(/^b/, '');
    const re = new RegExp(`"index"\\s*:\\s*${index}\\b`);
    step.frames.forEach((f, i) => {
      if (re.test(f.data) && (f.data.includes('input_json_delta') || f.data.includes('content_block_st'))) out.push(i);
    });
  } else {
    const index = Number(key.replace(/^tool:/, ''));
    step.frames.forEach((f, i) => {
      if (!f.data.includes('tool_calls')) return;
      const choices = rec(parseData(f)).choices;
      const calls = Array.isArray(choices) ? rec(rec(choices[0]).delta).tool_calls : undefined;
      if (Array.isArray(calls) && calls.some((c) => Number(rec(c).index ?? 0) === index)) out.push(i);
    });
  }
  return out;
}
