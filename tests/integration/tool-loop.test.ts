// The tool loop through the real core: the model calls tools, main runs them by their mode, and
// the next request carries every tool_result with the right id — recorded by the mock gateway.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../shared/chat-events';
import type { EventPayload } from '../../shared/contract';
import type { Message } from '../../shared/domain';
import type { PlaygroundConfig, ToolDefinition } from '../../shared/tools';
import { anthropicText, anthropicToolUse, openaiText, openaiToolCalls } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore({ key: 'sk-canary-toolloop-8d2f91' });
});
afterEach(async () => {
  await h.close();
});

const CLAUDE = 'claude-sonnet-4-20250514';

async function presets(): Promise<Record<string, ToolDefinition>> {
  return Object.fromEntries((await h.ok('playground.presets', {})).map((t) => [t.name, t]));
}

async function playgroundThread(tools: ToolDefinition[], opts: Partial<PlaygroundConfig> = {}, model = CLAUDE) {
  const thread = await h.ok('threads.create', { model });
  const { check } = await h.ok('playground.update', {
    threadId: thread.id,
    config: { enabled: true, toolSet: { tools, toolChoice: { type: 'auto' } }, maxSteps: 8, pauseBeforeRun: false, ...opts },
  });
  expect(check.ok).toBe(true);
  return thread;
}

/** Every message of the thread once the last assistant message has finished. */
async function settle(threadId: string, assistants: number): Promise<Message[]> {
  await expect
    .poll(async () => {
      const { messages } = await h.ok('messages.list', { threadId });
      const done = messages.filter((m) => m.role === 'assistant' && m.status !== 'streaming');
      return done.length;
    }, { timeout: 20_000 })
    .toBeGreaterThanOrEqual(assistants);
  return (await h.ok('messages.list', { threadId })).messages;
}

function toolCall(threadId: string, toolCallId: string) {
  return async () => {
    const { messages } = await h.ok('messages.list', { threadId });
    for (const m of messages) for (const p of m.parts) if (p.type === 'tool_call' && p.id === toolCallId) return p;
    return undefined;
  };
}
const toolCallStatus = (threadId: string, id: string) => async () => (await toolCall(threadId, id)())?.status;
const toolCallAwaiting = (threadId: string, id: string) => async () => (await toolCall(threadId, id)())?.awaiting;

describe('Claude tool use through the playground', () => {
  it('the seed request: get_weather called, run as a mock, result sent back with its tool_use_id', async () => {
    const { get_weather } = await presets();
    await h.ok('settings.update', { maxTokens: 1024 });
    const thread = await playgroundThread([get_weather!]);
    h.gateway.queue(
      anthropicToolUse([{ id: 'toolu_01', name: 'get_weather', input: { location: 'San Francisco, CA' } }], { pieces: 5 }),
      anthropicText('It is sunny in San Francisco.'),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'What is the weather like in San Francisco?' }] });
    const messages = await settle(thread.id, 2);
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(messageText(messages[3]!)).toBe('It is sunny in San Francisco.');
    const call = messages[1]!.parts.find((p) => p.type === 'tool_call');
    expect(call).toMatchObject({ id: 'toolu_01', name: 'get_weather', status: 'done', input: { location: 'San Francisco, CA' } });

    const [first, second] = h.gateway.requests.map((r) => r.json as Record<string, unknown>);
    expect(first).toMatchObject({
      model: CLAUDE,
      max_tokens: 1024,
      stream: true,
      tools: [{ name: 'get_weather', description: 'Get the current weather in a given location', input_schema: get_weather!.inputSchema }],
      messages: [{ role: 'user', content: [{ type: 'text', text: 'What is the weather like in San Francisco?' }] }],
    });
    const turns = second!.messages as { role: string; content: { type: string; tool_use_id?: string; content?: unknown; id?: string }[] }[];
    expect(turns.map((t) => t.role)).toEqual(['user', 'assistant', 'user']);
    expect(turns[1]!.content.find((b) => b.type === 'tool_use')).toMatchObject({ id: 'toolu_01', input: { location: 'San Francisco, CA' } });
    const result = turns[2]!.content[0]!;
    expect(result).toMatchObject({ type: 'tool_result', tool_use_id: 'toolu_01' });
    expect(JSON.stringify(result.content)).toContain('San Francisco');
    // The renderer learned of the loop's new messages.
    expect(h.pushed.filter((p) => p.event === 'message.created')).toHaveLength(2);
  });

  it('parallel calls run in order and go back as one user turn; a failing script is is_error', async () => {
    const tools: ToolDefinition[] = [
      { name: 'add', description: 'Adds', inputSchema: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } } }, run: { mode: 'script', code: 'return input.a + input.b;' } },
      { name: 'boom', description: 'Fails', inputSchema: { type: 'object' }, run: { mode: 'script', code: 'throw new Error("tool exploded")' } },
    ];
    const thread = await playgroundThread(tools);
    h.gateway.queue(
      anthropicToolUse([
        { id: 'toolu_a', name: 'add', input: { a: 2, b: 40 } },
        { id: 'toolu_b', name: 'boom', input: {} },
      ]),
      anthropicText('Done.'),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'go' }] });
    await settle(thread.id, 2);
    const turns = (h.gateway.requests[1]!.json as { messages: { role: string; content: { type: string; tool_use_id: string; content: string; is_error?: boolean }[] }[] }).messages;
    const results = turns.at(-1)!.content;
    expect(results.map((r) => [r.tool_use_id, r.is_error ?? false])).toEqual([
      ['toolu_a', false],
      ['toolu_b', true],
    ]);
    expect(results[0]!.content).toContain('42');
    expect(results[1]!.content).toContain('tool exploded');
  });

  it('stops at the step limit and says so', async () => {
    const { get_weather } = await presets();
    const thread = await playgroundThread([get_weather!], { maxSteps: 2 });
    h.gateway.queue({ ...anthropicToolUse([{ id: 'toolu_x', name: 'get_weather', input: { location: 'Paris' } }]), times: 5 });
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'loop forever' }] });
    await expect.poll(async () => (await h.ok('messages.list', { threadId: thread.id })).messages.at(-1)?.finishReason).toBe('step_limit');
    expect(h.gateway.requests).toHaveLength(2);
  });

  it('manual tools wait for the user; Stop during the wait ends the loop without another request', async () => {
    const manual: ToolDefinition = { name: 'lookup', description: 'Ask the user', inputSchema: { type: 'object' }, run: { mode: 'manual' } };
    const thread = await playgroundThread([manual]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_m', name: 'lookup', input: {} }]), anthropicText('Thanks for the answer.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'first' }] });
    await expect.poll(toolCallAwaiting(thread.id, 'toolu_m')).toBe('result');
    const waiting = (await h.ok('messages.list', { threadId: thread.id })).messages[1]!;
    expect(waiting.parts.find((p) => p.type === 'tool_call')).toMatchObject({ resultDraft: expect.stringContaining('result') });

    await h.ok('tools.respond', { messageId: waiting.id, toolCallId: 'toolu_m', decision: { action: 'result', content: '{"answer":"blue"}', isError: false } });
    const messages = await settle(thread.id, 2);
    expect(messageText(messages.at(-1)!)).toBe('Thanks for the answer.');
    const turns = (h.gateway.requests[1]!.json as { messages: { content: { content: string }[] }[] }).messages;
    expect(turns.at(-1)!.content[0]!.content).toContain('blue');

    // Second round: stop while the tool waits.
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_n', name: 'lookup', input: {} }]));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'second' }] });
    await expect.poll(toolCallAwaiting(thread.id, 'toolu_n')).toBe('result');
    const last = (await h.ok('messages.list', { threadId: thread.id })).messages.at(-1)!;
    await h.ok('chat.stop', { messageId: last.id });
    await expect.poll(toolCallStatus(thread.id, 'toolu_n')).toBe('error');
    expect(await toolCallAwaiting(thread.id, 'toolu_n')()).toBeUndefined();
    expect(h.gateway.requests).toHaveLength(3);
  });

  it('an input that fails the schema is shown as invalid and, on the user’s word, answered with an error', async () => {
    const { get_weather } = await presets();
    const thread = await playgroundThread([get_weather!]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_bad', name: 'get_weather', input: { city: 'Rome' } }]), anthropicText('Sorry.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'weather?' }] });
    await expect.poll(toolCallAwaiting(thread.id, 'toolu_bad')).toBe('fix');
    expect(await toolCallStatus(thread.id, 'toolu_bad')()).toBe('error');
    const msg = (await h.ok('messages.list', { threadId: thread.id })).messages[1]!;
    const part = msg.parts.find((p) => p.type === 'tool_call');
    expect(part && 'inputError' in part ? part.inputError : '').toContain('location');
    await h.ok('tools.respond', { messageId: msg.id, toolCallId: 'toolu_bad', decision: { action: 'error' } });
    await settle(thread.id, 2);
    const turns = (h.gateway.requests[1]!.json as { messages: { content: { is_error?: boolean }[] }[] }).messages;
    expect(turns.at(-1)!.content[0]!.is_error).toBe(true);
  });
});

describe('OpenAI function calling in the playground', () => {
  it('tool_calls run and go back as role:"tool" messages', async () => {
    const { get_weather } = await presets();
    const thread = await playgroundThread([get_weather!], {}, 'gpt-4o-mini');
    h.gateway.queue(
      openaiToolCalls([{ id: 'call_1', name: 'get_weather', args: '{"location":"Boston, MA"}' }], { pieces: 4 }),
      openaiText('Boston is mild.'),
    );
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Boston?' }] });
    await settle(thread.id, 2);
    const first = h.gateway.requests[0]!.json as { tools: unknown[]; tool_choice: unknown };
    expect(first.tools).toEqual([{ type: 'function', function: { name: 'get_weather', description: get_weather!.description, parameters: get_weather!.inputSchema } }]);
    const msgs = (h.gateway.requests[1]!.json as { messages: { role: string; tool_call_id?: string; tool_calls?: { id: string }[] }[] }).messages;
    expect(msgs.map((m) => m.role)).toEqual(['user', 'assistant', 'tool']);
    expect(msgs[1]!.tool_calls![0]!.id).toBe('call_1');
    expect(msgs[2]!.tool_call_id).toBe('call_1');
  });
});

describe('traces', () => {
  it('every step is traced with timings and tool runs; curl and export carry no key', async () => {
    const { get_weather } = await presets();
    const thread = await playgroundThread([get_weather!]);
    h.gateway.queue(anthropicToolUse([{ id: 'toolu_t', name: 'get_weather', input: { location: 'Oslo' } }]), anthropicText('Cold.'));
    await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Oslo weather' }] });
    const messages = await settle(thread.id, 2);
    const firstAnswer = messages[1]!;
    const lastAnswer = messages[3]!;
    await expect.poll(async () => (await h.ok('traces.get', { messageId: lastAnswer.id }))?.steps.length).toBe(2);
    const trace = (await h.ok('traces.get', { messageId: firstAnswer.id }))!;
    expect(trace.steps).toHaveLength(2);
    const [s0, s1] = trace.steps;
    expect(s0!.request.headers.authorization).toBe('Bearer …2f91');
    expect(s0!.response?.status).toBe(200);
    expect(s0!.frames.length).toBeGreaterThan(3);
    expect(s0!.blocks.some((b) => b.type === 'tool_use' && b.name === 'get_weather')).toBe(true);
    expect(s0!.toolRuns).toMatchObject([{ toolCallId: 'toolu_t', name: 'get_weather' }]);
    expect(s0!.stopReason).toBe('tool_use');
    expect(s1!.stopReason).toBe('end_turn');
    for (const s of trace.steps) expect(s.timings.firstByteMs).toBeLessThanOrEqual(s.timings.totalMs!);

    const { curl } = await h.ok('traces.curl', { messageId: firstAnswer.id, step: 1 });
    expect(curl).toContain('$YIBU_API_KEY');
    expect(curl).toContain(`${h.gateway.url}/v1/messages`);
    const { json } = await h.ok('traces.export', { messageId: firstAnswer.id });
    for (const text of [JSON.stringify(trace), curl, json]) expect(text).not.toContain('sk-canary-toolloop-8d2f91');
  });

  it('edit and resend runs the edited body into a new branch thread', async () => {
    const thread = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    h.gateway.queue(openaiText('Original.'));
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hi' }] });
    await h.finished(assistantMessage.id);
    const trace = (await h.ok('traces.get', { messageId: assistantMessage.id }))!;
    const body = { ...(trace.steps[0]!.request.body as Record<string, unknown>), temperature: 0.1 };
    h.gateway.queue(openaiText('Branched.'));
    const branch = await h.ok('traces.resend', { messageId: assistantMessage.id, step: 0, body: JSON.stringify(body) });
    expect(branch.thread.id).not.toBe(thread.id);
    const final = await h.finished(branch.assistantMessage.id);
    expect(messageText(final)).toBe('Branched.');
    expect((h.gateway.requests[1]!.json as { temperature: number }).temperature).toBe(0.1);
    const { messages } = await h.ok('messages.list', { threadId: branch.thread.id });
    expect(messages.map((m) => m.role)).toEqual(['user', 'assistant']);
    const changed = h.pushed.filter((p) => p.event === 'threads.changed').map((p) => (p.payload as EventPayload<'threads.changed'>).thread.id);
    expect(changed).toContain(branch.thread.id);
  });
});
