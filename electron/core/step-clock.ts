// What main adds to a step's stream, knowing the protocol and the clock: how long each thinking block
// lasted (shown as "Thought for 3.2 s"), and, for OpenAI-format usage, that the input count includes
// the cached tokens (shared/cost.ts prices those apart; Anthropic counts them apart already).
import type { ChatEvent } from '../../shared/chat-events';
import type { Protocol } from '../../shared/domain';

export interface StepClock {
  /** the event, preceded by the end of any thinking it closes */
  next(ev: ChatEvent): ChatEvent[];
  /** ends thinking still open when the stream ends (it stopped, failed, or only thought) */
  close(): ChatEvent[];
}

export function createStepClock(protocol: Protocol, now: () => number = Date.now): StepClock {
  const open = new Map<string, number>();
  const ended = new Set<string>();
  const closeAll = (): ChatEvent[] => {
    const out: ChatEvent[] = [];
    const t = now();
    for (const [key, start] of open) {
      out.push({ type: 'thinking-end', key, durationMs: Math.max(0, t - start) });
      ended.add(key);
    }
    open.clear();
    return out;
  };
  return {
    next(ev) {
      if (ev.type === 'thinking') {
        if (!open.has(ev.key) && !ended.has(ev.key)) open.set(ev.key, now());
        return [ev];
      }
      // A signature or usage frame does not mean the model moved on; any other delta does.
      if (ev.type === 'thinking-signature') return [ev];
      if (ev.type === 'usage') {
        const tagged = protocol === 'openai-chat' && (ev.usage.cacheReadTokens !== undefined || ev.usage.cacheWriteTokens !== undefined);
        return [tagged ? { ...ev, usage: { ...ev.usage, cacheInInput: true } } : ev];
      }
      return [...closeAll(), ev];
    },
    close: closeAll,
  };
}
