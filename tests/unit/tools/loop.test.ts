import { describe, expect, it, vi } from 'vitest';
import type { Part } from '../../../shared/domain';
import { createToolExecutor } from '../../../electron/tools/executor';
import {
  runToolLoop,
  type LoopToolCall,
  type LoopTurn,
  type StepOutcome,
  type ToolCallPart,
  type ToolResult,
} from '../../../electron/tools/loop';
import { presetTool } from '../../../electron/tools/presets';
import { createInputValidator } from '../../../electron/tools/validation';

const text = (t: string): Part => ({ type: 'text', text: t });
const call = (id: string, name: string, input: unknown): ToolCallPart => ({
  type: 'tool_call',
  id,
  name,
  inputJson: JSON.stringify(input),
  input,
  status: 'waiting',
});
const toolUse = (...parts: Part[]): StepOutcome => ({ parts, stopReason: 'tool_use' });
const endTurn = (t = 'Done.'): StepOutcome => ({ parts: [text(t)], stopReason: 'end_turn' });

/** A fake model: answers each step from the list, recording the history it was given. */
function scripted(...outcomes: StepOutcome[]) {
  const seen: LoopTurn[][] = [];
  const runStep = vi.fn(async (history: readonly LoopTurn[]) => {
    seen.push(structuredClone([...history]));
    const next = outcomes[seen.length - 1];
    if (!next) throw new Error('no more scripted steps');
    return next;
  });
  return { runStep, seen };
}

const echo = async (c: LoopToolCall): Promise<ToolResult> => ({ content: `${c.name}:${JSON.stringify(c.input)}`, isError: false });
const user = (history: readonly LoopTurn[]) => history.filter((t) => t.role === 'user');

describe('runToolLoop', () => {
  it('runs a single call and sends its result with the matching tool_use_id', async () => {
    const { runStep, seen } = scripted(toolUse(text('Let me check.'), call('toolu_1', 'get_weather', { location: 'Paris' })), endTurn('Sunny.'));
    const r = await runToolLoop({ history: [{ role: 'user', parts: [text('Weather?')] }], runStep, execute: echo });
    expect(r).toMatchObject({ reason: 'done', stopReason: 'end_turn', steps: 2 });
    expect(seen[1]!.at(-1)).toEqual({
      role: 'user',
      parts: [{ type: 'tool_result', toolCallId: 'toolu_1', content: 'get_weather:{"location":"Paris"}', isError: false }],
    });
    expect(r.turns.map((t) => t.role)).toEqual(['assistant', 'user', 'assistant']);
    expect(r.history).toHaveLength(4);
    expect(r.turns[0]!.parts[1]).toMatchObject({ type: 'tool_call', status: 'done' });
    expect(r.runs).toEqual([expect.objectContaining({ step: 1, callId: 'toolu_1', source: 'executed', isError: false })]);
    expect(r.runs[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('answers two parallel calls in one user turn, in order of appearance, each with its own run', async () => {
    const { runStep, seen } = scripted(
      toolUse(call('a', 'get_weather', { location: 'Oslo' }), call('b', 'current_time', {})),
      endTurn(),
    );
    const order: string[] = [];
    const execute = async (c: LoopToolCall) => (order.push(c.id), { content: c.id.toUpperCase(), isError: false });
    const r = await runToolLoop({ runStep, execute });
    expect(order).toEqual(['a', 'b']);
    expect(user(seen[1]!)).toEqual([
      {
        role: 'user',
        parts: [
          { type: 'tool_result', toolCallId: 'a', content: 'A', isError: false },
          { type: 'tool_result', toolCallId: 'b', content: 'B', isError: false },
        ],
      },
    ]);
    expect(r.runs.map((x) => x.callId)).toEqual(['a', 'b']);
    for (const run of r.runs) expect(run.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('sends is_error results for failing tools, and one for a tool that throws', async () => {
    const { runStep, seen } = scripted(toolUse(call('x', 'bad', {}), call('y', 'throws', {}), call('z', 'fine', {})), endTurn());
    const execute = async (c: LoopToolCall): Promise<ToolResult> => {
      if (c.name === 'throws') throw new Error('kaput');
      return c.name === 'bad' ? { content: 'city not found', isError: true } : { content: 'ok', isError: false };
    };
    const r = await runToolLoop({ runStep, execute });
    expect(r.reason).toBe('done');
    expect(seen[1]!.at(-1)!.parts).toEqual([
      { type: 'tool_result', toolCallId: 'x', content: 'city not found', isError: true },
      { type: 'tool_result', toolCallId: 'y', content: 'the tool failed: kaput', isError: true },
      { type: 'tool_result', toolCallId: 'z', content: 'ok', isError: false },
    ]);
    expect(r.turns[0]!.parts.map((p) => (p.type === 'tool_call' ? p.status : null))).toEqual(['error', 'error', 'done']);
  });

  it('stops at the step limit (8 by default), leaving the last calls pending, and can resume', async () => {
    let n = 0;
    const runStep = vi.fn(async () => toolUse(call(`t${++n}`, 'again', { n })));
    const r = await runToolLoop({ runStep, execute: echo });
    expect(r).toMatchObject({ reason: 'step_limit', steps: 8 });
    expect(runStep).toHaveBeenCalledTimes(8);
    expect(r.runs).toHaveLength(7);
    if (r.reason === 'step_limit') expect(r.pendingCalls.map((c) => c.id)).toEqual(['t8']);
    expect(r.history.at(-1)!.role).toBe('assistant');

    const { runStep: finish, seen } = scripted(endTurn());
    const resumed = await runToolLoop({ history: r.history, runStep: finish, execute: echo });
    expect(resumed).toMatchObject({ reason: 'done', steps: 1 });
    expect(seen[0]!.at(-1)!.parts).toEqual([expect.objectContaining({ type: 'tool_result', toolCallId: 't8' })]);
  });

  it('honours a smaller step limit', async () => {
    const runStep = vi.fn(async () => toolUse(call('t', 'again', {})));
    expect(await runToolLoop({ runStep, execute: echo, maxSteps: 2 })).toMatchObject({ reason: 'step_limit', steps: 2 });
  });

  it('stops cleanly when aborted during a tool run, even if the tool ignores the signal', async () => {
    const ac = new AbortController();
    const { runStep } = scripted(toolUse(call('a', 'slow', {}), call('b', 'never', {})), endTurn());
    const execute = vi.fn((c: LoopToolCall) => {
      if (c.id === 'a') setTimeout(() => ac.abort(), 10);
      return new Promise<ToolResult>(() => {}); // never settles
    });
    const r = await runToolLoop({ runStep, execute, signal: ac.signal });
    expect(r).toMatchObject({ reason: 'aborted', steps: 1 });
    expect(execute).toHaveBeenCalledTimes(1);
    expect(runStep).toHaveBeenCalledTimes(1);
    expect(r.history.at(-1)!.role).toBe('assistant'); // no half-answered user turn
    expect(r.turns[0]!.parts[0]).toMatchObject({ status: 'error' });
  });

  it('ends as aborted when the model step is stopped', async () => {
    const runStep = async () => ({ parts: [text('partial')], stopReason: null, status: 'stopped' as const });
    expect(await runToolLoop({ runStep, execute: echo })).toMatchObject({ reason: 'aborted', steps: 1 });
  });

  it('ends with an error when a step fails', async () => {
    const runStep = async (): Promise<StepOutcome> => {
      throw new Error('overloaded');
    };
    expect(await runToolLoop({ runStep, execute: echo })).toMatchObject({ reason: 'error', error: 'overloaded' });
    const truncated = async () => ({ parts: [], stopReason: null, status: 'truncated' as const });
    expect(await runToolLoop({ runStep: truncated, execute: echo })).toMatchObject({ reason: 'error' });
  });

  it('continues after pause_turn without a user turn', async () => {
    const { runStep, seen } = scripted({ parts: [text('thinking…')], stopReason: 'pause_turn' }, endTurn());
    const r = await runToolLoop({ runStep, execute: echo });
    expect(r).toMatchObject({ reason: 'done', steps: 2 });
    expect(seen[1]!.at(-1)!.role).toBe('assistant');
  });
});

describe('runToolLoop: invalid inputs', () => {
  const tools = [presetTool('get_weather')];
  const validate = createInputValidator(tools);

  it('does not run a call whose input JSON did not parse; sends an error result by default', async () => {
    const broken: ToolCallPart = { ...call('j', 'get_weather', undefined), inputJson: '{"loc', input: undefined, inputError: 'Unexpected end of JSON input', status: 'error' };
    const { runStep, seen } = scripted(toolUse(broken), endTurn());
    const execute = vi.fn(echo);
    const r = await runToolLoop({ runStep, execute, validate });
    expect(execute).not.toHaveBeenCalled();
    expect(seen[1]!.at(-1)!.parts).toEqual([
      { type: 'tool_result', toolCallId: 'j', content: expect.stringContaining('not valid JSON'), isError: true },
    ]);
    expect(r.runs[0]).toMatchObject({ source: 'invalid', isError: true });
  });

  it('does not run a call that fails the schema; the default result carries the validation message', async () => {
    const { runStep, seen } = scripted(toolUse(call('v', 'get_weather', { city: 'Paris' })), endTurn());
    const execute = vi.fn(echo);
    const events: string[] = [];
    await runToolLoop({ runStep, execute, validate, onEvent: (e) => events.push(e.type) });
    expect(execute).not.toHaveBeenCalled();
    expect(seen[1]!.at(-1)!.parts[0]).toEqual({
      type: 'tool_result',
      toolCallId: 'v',
      content: `Invalid input for tool "get_weather": must have required property 'location'`,
      isError: true,
    });
    expect(events).toContain('invalid-input');
  });

  it('runs the fixed input the user supplies, or sends the user\'s error text', async () => {
    const { runStep } = scripted(toolUse(call('v', 'get_weather', { city: 'Paris' })), endTurn());
    const execute = vi.fn(echo);
    const r = await runToolLoop({
      runStep,
      execute,
      validate,
      onInvalidInput: async () => ({ action: 'run', input: { location: 'Paris, FR' } }),
    });
    expect(execute).toHaveBeenCalledWith(expect.objectContaining({ id: 'v', input: { location: 'Paris, FR' } }), expect.anything());
    expect(r.runs[0]).toMatchObject({ source: 'executed', input: { location: 'Paris, FR' } });

    const second = scripted(toolUse(call('v', 'get_weather', {})), endTurn());
    await runToolLoop({
      runStep: second.runStep,
      execute,
      validate,
      onInvalidInput: async () => ({ action: 'error', content: 'Please give a city.' }),
    });
    expect(second.seen[1]!.at(-1)!.parts[0]).toMatchObject({ content: 'Please give a city.', isError: true });
  });

  it('gives up after repeated invalid fixes', async () => {
    const { runStep } = scripted(toolUse(call('v', 'get_weather', {})), endTurn());
    const onInvalidInput = vi.fn(async () => ({ action: 'run' as const, input: { still: 'wrong' } }));
    const execute = vi.fn(echo);
    const r = await runToolLoop({ runStep, execute, validate, onInvalidInput });
    expect(execute).not.toHaveBeenCalled();
    expect(onInvalidInput).toHaveBeenCalledTimes(3);
    expect(r.runs[0]).toMatchObject({ source: 'invalid', isError: true });
  });

  it('treats a call of an unknown tool as invalid', async () => {
    const { runStep, seen } = scripted(toolUse(call('u', 'teleport', {})), endTurn());
    await runToolLoop({ runStep, execute: echo, validate });
    expect(seen[1]!.at(-1)!.parts[0]).toMatchObject({ isError: true, content: expect.stringContaining('no tool named "teleport"') });
  });
});

describe('runToolLoop: pausing before a run', () => {
  it('runs an edited input, or takes the user\'s result without running', async () => {
    const { runStep, seen } = scripted(toolUse(call('a', 'get_weather', { location: 'Paris' }), call('b', 'get_weather', { location: 'Rome' })), endTurn());
    const execute = vi.fn(echo);
    const r = await runToolLoop({
      runStep,
      execute,
      beforeRun: async (c) =>
        c.id === 'a' ? { action: 'edit', input: { location: 'Lyon' } } : { action: 'result', content: 'typed by hand', isError: false },
    });
    expect(execute).toHaveBeenCalledTimes(1);
    expect(seen[1]!.at(-1)!.parts).toEqual([
      { type: 'tool_result', toolCallId: 'a', content: 'get_weather:{"location":"Lyon"}', isError: false },
      { type: 'tool_result', toolCallId: 'b', content: 'typed by hand', isError: false },
    ]);
    expect(r.runs.map((x) => x.source)).toEqual(['executed', 'user']);
  });
});

describe('runToolLoop with the real executor', () => {
  it('answers get_weather from its mock', async () => {
    const tools = [presetTool('get_weather')];
    const { runStep, seen } = scripted(toolUse(call('toolu_w', 'get_weather', { location: 'San Francisco, CA' })), endTurn());
    const execute = createToolExecutor(tools, { askResult: async () => ({ content: '', isError: false }) });
    const r = await runToolLoop({ runStep, execute, validate: createInputValidator(tools) });
    expect(r.reason).toBe('done');
    const result = seen[1]!.at(-1)!.parts[0] as Extract<Part, { type: 'tool_result' }>;
    expect(result.toolCallId).toBe('toolu_w');
    expect(JSON.parse(result.content)).toMatchObject({ location: 'San Francisco, CA' });
  });
});
