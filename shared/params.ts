// A thread's parameters as they are sent: the thread's own value, else the default in Settings, else
// nothing (the model's default). One function, so the header shows exactly what the request carries.
import type { ReasoningEffort, Settings, Thread } from './domain';

export interface EffectiveParams {
  maxTokens: number;
  temperature?: number;
  topP?: number;
  reasoningEffort?: ReasoningEffort;
}

type Defaults = Pick<Settings, 'maxTokens' | 'temperature' | 'topP' | 'reasoningEffort'>;

export function effectiveParams(thread: Pick<Thread, 'params'>, defaults: Defaults): EffectiveParams {
  const p = thread.params ?? {};
  const out: EffectiveParams = { maxTokens: p.maxTokens ?? defaults.maxTokens };
  const temperature = p.temperature ?? defaults.temperature;
  const topP = p.topP ?? defaults.topP;
  const effort = p.reasoningEffort ?? defaults.reasoningEffort;
  if (temperature !== null && temperature !== undefined) out.temperature = temperature;
  if (topP !== null && topP !== undefined) out.topP = topP;
  if (effort !== null && effort !== undefined) out.reasoningEffort = effort;
  return out;
}
