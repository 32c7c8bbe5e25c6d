// Evaluates a case's assertions against what one cell observed. Expected and actual are short, mostly
// language-neutral text (names, JSON, numbers, "—" for nothing) that the UI shows as data under translated
// labels and the CLI prints as is. `textMatches` patterns come from suite files, so they run on RE2 (linear
// time), never on a backtracking RegExp.
import { assertionKind, type Assertion, type AssertionResult } from '../../../shared/suite';
import { compileLinear } from '../../tools/re2-regexp';

export interface ObservedCall {
  name: string;
  input: unknown;
  isError: boolean;
  content: string;
}

/** What a cell's tool loop did, in the terms the assertions speak. */
export interface Observed {
  /** every tool call the model made, in order (runs included: invalid inputs count as calls with errors) */
  calls: ObservedCall[];
  /** the assistant's text over every step, joined by newlines */
  text: string;
  steps: number;
  tokens: number;
  ms: number;
}

const NONE = '—';
const MAX_SHOWN = 200;

function clip(s: string): string {
  return s.length > MAX_SHOWN ? `${s.slice(0, MAX_SHOWN - 1)}…` : s;
}

function json(v: unknown): string {
  try {
    return clip(JSON.stringify(v) ?? String(v));
  } catch {
    return String(v);
  }
}

/**
 * `actual` contains `expected`: objects by the expected keys (recursively), arrays element by element
 * with the same length, everything else by equality.
 */
export function subsetMatch(expected: unknown, actual: unknown): boolean {
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => subsetMatch(e, actual[i]));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const a = actual as Record<string, unknown>;
    return Object.entries(expected as Record<string, unknown>).every(([k, v]) => Object.hasOwn(a, k) && subsetMatch(v, a[k]));
  }
  return Object.is(expected, actual);
}

function result(passed: boolean, expected: string, actual: string): AssertionResult {
  return { passed, expected, actual };
}

function atMost(limit: number, value: number): AssertionResult {
  return result(value <= limit, `≤ ${limit}`, String(Math.round(value)));
}

export function evaluateAssertion(a: Assertion, o: Observed): AssertionResult {
  const named = (name: string) => o.calls.filter((c) => c.name === name);
  switch (assertionKind(a)) {
    case 'toolCalled': {
      const { name, input } = (a as Extract<Assertion, { toolCalled: unknown }>).toolCalled;
      const expected = input === undefined ? `${name}(…)` : `${name}(${json(input)})`;
      const first = named(name)[0];
      if (!first) {
        const others = [...new Set(o.calls.map((c) => c.name))];
        return result(false, expected, others.length ? `${NONE} (${others.join(', ')})` : NONE);
      }
      const ok = input === undefined || subsetMatch(input, first.input);
      return result(ok, expected, `${name}(${json(first.input)})`);
    }
    case 'toolNotCalled': {
      const name = (a as Extract<Assertion, { toolNotCalled: unknown }>).toolNotCalled;
      const n = named(name).length;
      return result(n === 0, `${name} ×0`, `${name} ×${n}`);
    }
    case 'firstToolCalled': {
      const name = (a as Extract<Assertion, { firstToolCalled: unknown }>).firstToolCalled;
      const first = o.calls[0];
      return result(first?.name === name, name, first ? first.name : NONE);
    }
    case 'textMatches': {
      const pattern = (a as Extract<Assertion, { textMatches: unknown }>).textMatches;
      const expected = `/${pattern}/`;
      try {
        const re = compileLinear(pattern);
        return result(re.test(o.text), expected, o.text ? json(o.text) : NONE);
      } catch (err) {
        return result(false, expected, (err as Error).message);
      }
    }
    case 'noToolErrors': {
      const bad = o.calls.filter((c) => c.isError);
      const shown = bad.map((c) => `${c.name}: ${clip(c.content)}`).join('; ');
      return result(bad.length === 0, 'is_error ×0', bad.length ? `is_error ×${bad.length}: ${clip(shown)}` : 'is_error ×0');
    }
    case 'maxSteps':
      return atMost((a as Extract<Assertion, { maxSteps: unknown }>).maxSteps, o.steps);
    case 'maxTokens':
      return atMost((a as Extract<Assertion, { maxTokens: unknown }>).maxTokens, o.tokens);
    case 'maxMs':
      return atMost((a as Extract<Assertion, { maxMs: unknown }>).maxMs, o.ms);
  }
}

export function evaluateAll(list: readonly Assertion[], o: Observed): AssertionResult[] {
  return list.map((a) => evaluateAssertion(a, o));
}

/** "toolCalled get_weather" — how the CLI names an assertion. */
export function describeAssertion(a: Assertion): string {
  const kind = assertionKind(a);
  const value = (a as Record<string, unknown>)[kind];
  if (kind === 'toolCalled') {
    const v = value as { name: string; input?: unknown };
    return v.input === undefined ? `toolCalled ${v.name}` : `toolCalled ${v.name} ${json(v.input)}`;
  }
  if (kind === 'noToolErrors') return kind;
  return `${kind} ${typeof value === 'string' ? value : json(value)}`;
}
