// Regular expressions from tool schemas, run in linear time. JSON Schema `pattern`s are ECMA-262
// regexes, and a backtracking engine takes exponential time on `^(a+)+$` against "aaaa…!"; tool
// inputs come from a model (or a user editing a trace) and are validated on main's thread. RE2 (re2js)
// matches in time linear in the input, at the price of no lookaround and no backreferences: a pattern
// using them fails to compile, which ajv reports as an invalid schema with the message below.
import type { RegExpEngine, RegExpLike } from 'ajv/dist/types';
import { RE2JS } from 're2js';

/** What a schema's author reads when a pattern cannot run here. */
export class UnsupportedPatternError extends Error {
  constructor(pattern: string, cause: unknown) {
    const shown = pattern.length > 80 ? `${pattern.slice(0, 77)}…` : pattern;
    const why = cause instanceof Error ? cause.message.replace(/^error parsing regexp:\s*/, '') : String(cause);
    super(
      `pattern "${shown}" is not supported (${why}); patterns run on a linear-time engine (RE2) ` +
        'without lookahead, lookbehind or backreferences',
    );
    this.name = 'UnsupportedPatternError';
  }
}

/** Compiles an ECMA-262 pattern for RE2; throws UnsupportedPatternError when it cannot. */
export function compileLinear(pattern: string): RE2JS {
  try {
    return RE2JS.compile(RE2JS.translateRegExp(pattern));
  } catch (err) {
    throw new UnsupportedPatternError(pattern, err);
  }
}

/**
 * ajv's `code.regExp` option. ajv passes "u" (unicodeRegExp), which RE2 always is. ajv shares compiled
 * patterns by `toString()`, so it must name the pattern.
 */
export const linearRegExp: RegExpEngine = Object.assign(
  (pattern: string): RegExpLike => {
    const re = compileLinear(pattern);
    return { test: (s: string) => re.test(s), toString: () => `re2:${pattern}` } as RegExpLike;
  },
  // only read by ajv's standalone code generation, which the app does not use
  { code: 'linearRegExp' },
);

/** A format check from one of our own RegExps, run on RE2 too (e.g. email's is polynomial in V8). */
export function linearFormat(re: RegExp): (s: string) => boolean {
  const compiled = compileLinear(re.source);
  return (s) => compiled.test(s);
}
