// Shared setup for the streamChat tests: canned responses and a runner that records everything
// streamChat reports. Waits go to an injected sleep, so no test depends on wall time.
import { applyChatEvents, type ChatEvent } from '../../../shared/chat-events';
import type { AppError } from '../../../shared/domain';
import { createAnthropicAdapter } from '../../../electron/providers/anthropic-messages';
import { createOpenAIChatAdapter } from '../../../electron/providers/openai-chat';
import { streamChat } from '../../../electron/providers/stream';
import type { RawFrame, ResponseInfo, StreamOptions } from '../../../electron/providers/types';
import { chunk, emptyAssistant, sse } from './helpers';
import type { ScriptedResponse, TestServer } from './http-helper';

export const okText = (...pieces: string[]): ScriptedResponse => ({
  steps: [sse(...pieces.map((p) => chunk({ content: p })), chunk({}, { finish_reason: 'stop' }), '[DONE]')],
});

export const errorJson = (status: number, body: unknown, headers: Record<string, string> = {}): ScriptedResponse => ({
  status,
  headers: { 'content-type': 'application/json', ...headers },
  steps: [JSON.stringify(body)],
});

export const anthropicStart = {
  type: 'message_start',
  message: { id: 'msg', type: 'message', role: 'assistant', content: [], usage: { input_tokens: 11, output_tokens: 1 } },
};

export const overloaded = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };

export interface RunOptions extends Partial<StreamOptions> {
  protocol?: 'openai' | 'anthropic';
  url?: string;
}

export async function run(server: TestServer | undefined, o: RunOptions = {}) {
  const events: ChatEvent[] = [];
  const waits: number[] = [];
  const retries: Array<{ attempt: number; waitMs: number; error: AppError }> = [];
  const responses: ResponseInfo[] = [];
  const frames: RawFrame[] = [];
  const anthropic = o.protocol === 'anthropic';
  const url = o.url ?? `${server!.url}${anthropic ? '/v1/messages' : '/v1/chat/completions'}`;
  const result = await streamChat({
    fetch,
    request: { url, method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' },
    createAdapter: anthropic ? createAnthropicAdapter : createOpenAIChatAdapter,
    signal: new AbortController().signal,
    sleep: async (ms) => {
      waits.push(ms);
    },
    onEvent: (e) => events.push(e),
    onFrame: (f) => frames.push(f),
    onResponse: (r) => responses.push(r),
    onRetry: (r) => retries.push(r),
    ...o,
  });
  return { result, events, waits, retries, responses, frames, message: applyChatEvents(emptyAssistant(), events) };
}
