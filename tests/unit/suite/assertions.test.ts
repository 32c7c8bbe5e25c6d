// Every assertion kind, passing and failing, with the expected/actual text a user reads in the matrix
// and the CLI. `textMatches` runs on RE2: a pattern that would backtrack exponentially is still linear.
import { describe, expect, it } from 'vitest';
import { describeAssertion, evaluateAssertion, subsetMatch, type Observed } from '../../../electron/core/suite/assertions';

const run: Observed = {
  calls: [
    { name: 'get_weather', input: { city: 'Paris', units: 'c', days: [1, 2] }, isError: false, content: '{"temp":21}' },
    { name: 'search', input: { q: 'x' }, isError: true, content: 'search is down' },
    { name: 'get_weather', input: { city: 'Rome' }, isError: false, content: '{}' },
  ],
  text: 'It is 21°C in Paris.',
  steps: 3,
  tokens: 420,
  ms: 1200,
};
const none: Observed = { calls: [], text: '', steps: 1, tokens: 10, ms: 5 };

describe('toolCalled', () => {
  it('passes on a name alone, or a subset of the FIRST call with that name', () => {
    expect(evaluateAssertion({ toolCalled: { name: 'get_weather' } }, run)).toEqual({ passed: true, expected: 'get_weather(…)', actual: expect.stringContaining('"city":"Paris"') });
    expect(evaluateAssertion({ toolCalled: { name: 'get_weather', input: { city: 'Paris' } } }, run).passed).toBe(true);
  });
  it('fails when only a later call matches, saying what the first one had', () => {
    const r = evaluateAssertion({ toolCalled: { name: 'get_weather', input: { city: 'Rome' } } }, run);
    expect(r).toEqual({ passed: false, expected: 'get_weather({"city":"Rome"})', actual: 'get_weather({"city":"Paris","units":"c","days":[1,2]})' });
  });
  it('fails when the tool was never called, listing what was', () => {
    expect(evaluateAssertion({ toolCalled: { name: 'book' } }, run)).toEqual({ passed: false, expected: 'book(…)', actual: '— (get_weather, search)' });
    expect(evaluateAssertion({ toolCalled: { name: 'book' } }, none).actual).toBe('—');
  });
});

describe('subset match', () => {
  it('matches nested objects by the expected keys and arrays element by element', () => {
    expect(subsetMatch({ a: { b: 1 } }, { a: { b: 1, c: 2 }, d: 3 })).toBe(true);
    expect(subsetMatch({ days: [1, 2] }, { days: [1, 2] })).toBe(true);
    expect(subsetMatch({ days: [1] }, { days: [1, 2] })).toBe(false);
    expect(subsetMatch({ a: 1 }, { a: '1' })).toBe(false);
    expect(subsetMatch({ a: undefined }, {})).toBe(false);
    expect(subsetMatch({ a: {} }, { a: [] })).toBe(false);
  });
});

describe('toolNotCalled and firstToolCalled', () => {
  it('counts the calls of the named tool', () => {
    expect(evaluateAssertion({ toolNotCalled: 'book' }, run)).toEqual({ passed: true, expected: 'book ×0', actual: 'book ×0' });
    expect(evaluateAssertion({ toolNotCalled: 'get_weather' }, run)).toEqual({ passed: false, expected: 'get_weather ×0', actual: 'get_weather ×2' });
  });
  it('looks only at the first call', () => {
    expect(evaluateAssertion({ firstToolCalled: 'get_weather' }, run).passed).toBe(true);
    expect(evaluateAssertion({ firstToolCalled: 'search' }, run)).toEqual({ passed: false, expected: 'search', actual: 'get_weather' });
    expect(evaluateAssertion({ firstToolCalled: 'search' }, none)).toEqual({ passed: false, expected: 'search', actual: '—' });
  });
});

describe('textMatches', () => {
  it('matches the answer text with a regex', () => {
    expect(evaluateAssertion({ textMatches: '\\d+°C' }, run).passed).toBe(true);
    expect(evaluateAssertion({ textMatches: '^Sunny' }, run)).toEqual({ passed: false, expected: '/^Sunny/', actual: '"It is 21°C in Paris."' });
  });
  it('fails clearly on a pattern RE2 cannot run, and stays linear on a catastrophic one', () => {
    const r = evaluateAssertion({ textMatches: '(a)\\1' }, run);
    expect(r.passed).toBe(false);
    expect(r.actual).toMatch(/not supported/);
    const evil = { ...none, text: 'a'.repeat(50_000) + '!' };
    expect(evaluateAssertion({ textMatches: '^(a+)+$' }, evil).passed).toBe(false);
  });
});

describe('noToolErrors and the limits', () => {
  it('names the tool results that were errors', () => {
    expect(evaluateAssertion({ noToolErrors: true }, run)).toEqual({ passed: false, expected: 'is_error ×0', actual: 'is_error ×1: search: search is down' });
    expect(evaluateAssertion({ noToolErrors: true }, none).passed).toBe(true);
  });
  it('compares steps, tokens and ms with their maximum (inclusive)', () => {
    expect(evaluateAssertion({ maxSteps: 3 }, run)).toEqual({ passed: true, expected: '≤ 3', actual: '3' });
    expect(evaluateAssertion({ maxSteps: 2 }, run)).toEqual({ passed: false, expected: '≤ 2', actual: '3' });
    expect(evaluateAssertion({ maxTokens: 400 }, run)).toEqual({ passed: false, expected: '≤ 400', actual: '420' });
    expect(evaluateAssertion({ maxMs: 5000 }, run).passed).toBe(true);
    expect(evaluateAssertion({ maxMs: 1000 }, run)).toEqual({ passed: false, expected: '≤ 1000', actual: '1200' });
  });
});

it('names each assertion for the CLI', () => {
  expect(describeAssertion({ toolCalled: { name: 'get_weather', input: { city: 'Paris' } } })).toBe('toolCalled get_weather {"city":"Paris"}');
  expect(describeAssertion({ toolNotCalled: 'x' })).toBe('toolNotCalled x');
  expect(describeAssertion({ noToolErrors: true })).toBe('noToolErrors');
  expect(describeAssertion({ maxSteps: 2 })).toBe('maxSteps 2');
});
