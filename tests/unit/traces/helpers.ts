import { Redactor } from '../../../electron/core/redact';
import { createTraceRecorder, type TraceRecorderOptions } from '../../../electron/core/trace-recorder';
import type { HttpRequest } from '../../../electron/providers/types';

/** A clock the test moves by hand. */
export function manualClock(start = 1_000) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

export function recorder(extra: Partial<TraceRecorderOptions> = {}) {
  const clock = manualClock();
  const redactor = extra.redactor ?? new Redactor();
  const rec = createTraceRecorder({
    messageId: 'm1',
    threadId: 't1',
    protocol: 'anthropic-messages',
    model: 'claude-sonnet-4-20250514',
    now: clock.now,
    id: 'trace-1',
    ...extra,
    redactor,
  });
  return { rec, clock, redactor };
}

export function anthropicRequest(body: unknown, key = 'sk-test-0123456789abcd'): HttpRequest {
  return {
    url: 'https://yibuapi.com/v1/messages',
    method: 'POST',
    headers: {
      Authorization: `Bearer ${key}`,
      'anthropic-version': '2023-06-01',
      'content-type': 'application/json',
      accept: 'text/event-stream',
    },
    body: JSON.stringify(body),
  };
}

export const weatherBody = {
  model: 'claude-sonnet-4-20250514',
  max_tokens: 1024,
  stream: true,
  tools: [
    {
      name: 'get_weather',
      description: 'Get the current weather in a given location',
      input_schema: { type: 'object', properties: { location: { type: 'string' } }, required: ['location'] },
    },
  ],
  messages: [{ role: 'user', content: 'What is the weather like in San Francisco?' }],
};
