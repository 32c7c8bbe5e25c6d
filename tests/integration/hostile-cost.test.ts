// "The event loop stays responsive": hostile bytes that used to pin main's thread for seconds to
// minutes (a quadratic page-count regex, backtracking `pattern`s in tool schemas) now cost little.
// The work runs on this thread, as in main; a timer ticking from the start must never be held up
// for 100 ms or more while it runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countPdfPages } from '../../electron/attachments/pdf';
import { checkInputSchema } from '../../electron/tools/json-schema';
import { createInputValidator } from '../../electron/tools/validation';
import type { ToolDefinition } from '../../shared/tools';
import { startCore, type CoreHarness } from './core-harness';

/**
 * The longest wait between ticks of a 1 ms interval timer started just before `work`, until `work` is
 * done (for async work, the timer also fires at each of its pauses). The window is the work itself and
 * no longer, so a busy machine's scheduling hiccups rarely fall into it.
 */
async function stallOnce(work: () => unknown): Promise<number> {
  let last = performance.now();
  let worst = 0;
  const tick = setInterval(() => {
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
  }, 1);
  try {
    await work();
    // a tick the work held up is due now and fires before this 0 ms timer
    await new Promise((r) => setTimeout(r, 0));
    worst = Math.max(worst, performance.now() - last);
  } finally {
    clearInterval(tick);
  }
  return worst;
}

/**
 * The least of up to three `stallOnce` measurements. Work that really holds the thread (the bugs these
 * tests guard against cost seconds) stalls every attempt; a loaded machine's scheduling hiccup, which can
 * exceed 100 ms on its own, does not land in all three.
 */
async function longestStall(work: () => unknown): Promise<number> {
  let best = Infinity;
  for (let attempt = 0; attempt < 3 && best >= 50; attempt++) best = Math.min(best, await stallOnce(work));
  return best;
}

const digitsPdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(400 * 1024, '1')]);

describe('PDF page counting', () => {
  let h: CoreHarness;
  beforeAll(async () => {
    h = await startCore();
  });
  afterAll(() => h.close());

  it('a 400 KB "PDF" of digits leaves the event loop responsive', async () => {
    expect(await longestStall(() => countPdfPages(digitsPdf))).toBeLessThan(100);
  });

  it('and so does adding it as an attachment through the route main runs', async () => {
    let result: unknown;
    const stall = await longestStall(async () => {
      result = await h.call('attachments.add', { name: 'digits.pdf', mime: 'application/pdf', data: digitsPdf.toString('base64') });
    });
    expect(stall).toBeLessThan(100);
    // no page tree found: accepted without a count, the API has the last word
    expect(result).toMatchObject({ ok: true, value: { kind: 'document', name: 'digits.pdf' } });
  });
});

const tool = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}): ToolDefinition => ({
  name: 'probe',
  description: 'a tool with a hostile schema',
  inputSchema: { type: 'object', properties, ...extra },
  run: { mode: 'manual' },
});

describe('tool input validation', () => {
  it.each([
    ['^(a+)+$', 'a'.repeat(26) + '!'],
    ['^(\\w+\\s?)*$', 'a'.repeat(26) + '!'],
    ['^(a|a?)+$', 'a'.repeat(24) + 'b'],
  ])('a pattern %s against a crafted input leaves the event loop responsive', async (pattern, value) => {
    const validate = createInputValidator([tool({ s: { type: 'string', pattern } })]);
    // compiling (and ajv's first start) is not what is measured: the validator is cached from here on
    expect(validate({ name: 'probe', input: { s: value.slice(0, -1) } }).ok).toBe(true);
    let verdict: ReturnType<typeof validate> | undefined;
    expect(await longestStall(() => (verdict = validate({ name: 'probe', input: { s: value } })))).toBeLessThan(100);
    expect(verdict).toMatchObject({ ok: false, errors: [{ path: '/s', message: expect.stringMatching(/must match pattern/) }] });
  });

  it('patternProperties and a format check are bounded too', async () => {
    const validate = createInputValidator([
      tool({ email: { type: 'string', format: 'email' } }, { patternProperties: { '^(x+x+)+y$': { type: 'number' } } }),
    ]);
    expect(validate({ name: 'probe', input: { email: 'a@b.c', xxy: 1 } }).ok).toBe(true);
    const input = { email: `a@${'.'.repeat(20_000)} `, [`${'x'.repeat(24)}z`]: 'not checked' };
    let verdict: ReturnType<typeof validate> | undefined;
    expect(await longestStall(() => (verdict = validate({ name: 'probe', input })))).toBeLessThan(100);
    expect(verdict).toMatchObject({ ok: false, errors: [{ path: '/email' }] });
  });

  it('uniqueItems over a long array of objects is refused rather than compared pair by pair', async () => {
    const validate = createInputValidator([tool({ a: { type: 'array', uniqueItems: true } })]);
    expect(validate({ name: 'probe', input: { a: [{ x: 1 }, { x: 1 }] } }).ok).toBe(false); // warm, and still checked
    const input = { a: Array.from({ length: 20_000 }, (_, i) => ({ x: i, y: [i, 'z'] })) };
    let verdict: ReturnType<typeof validate> | undefined;
    expect(await longestStall(() => (verdict = validate({ name: 'probe', input })))).toBeLessThan(100);
    expect(verdict).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/too long to check "uniqueItems"/) }] });
    expect(validate({ name: 'probe', input: { a: input.a.slice(0, 500) } }).ok).toBe(true);
  });

  it('checking a schema (import, live validation) runs no backtracking pattern either', async () => {
    checkInputSchema({ type: 'object', properties: { warm: { type: 'string' } } }, []); // ajv's first start is not measured
    // ajv's strict mode used to test each property name against each patternProperties pattern, in JS
    const schema = { type: 'object', properties: { [`${'a'.repeat(26)}!`]: {} }, patternProperties: { '^(a+)+$': { type: 'number' } } };
    let check: ReturnType<typeof checkInputSchema> | undefined;
    expect(await longestStall(() => (check = checkInputSchema(schema, [])))).toBeLessThan(100);
    expect(check?.ok).toBe(true);
  });

  it('a schema nested thousands of levels deep is refused, not a stack overflow', () => {
    const deep = JSON.parse(`${'{"type":"object","properties":{"a":'.repeat(20_000)}{}${'}}'.repeat(20_000)}`) as Record<string, unknown>;
    expect(checkInputSchema(deep, [])).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/nests deeper than/) }] });
    // a recursive schema meeting a deep input: the input is refused
    const validate = createInputValidator([tool({ a: { $ref: '#' } })]);
    const input = JSON.parse(`${'{"a":'.repeat(20_000)}{}${'}'.repeat(20_000)}`) as unknown;
    expect(validate({ name: 'probe', input })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/cannot be checked/) }] });
  });

  it('a pattern the linear-time engine cannot run is a clear schema error, not a crash', () => {
    const check = checkInputSchema({ type: 'object', properties: { s: { type: 'string', pattern: '^(?=a)\\1$' } } }, ['tools', 0, 'inputSchema']);
    expect(check).toMatchObject({ ok: false, errors: [{ path: '/tools/0/inputSchema', message: expect.stringMatching(/not supported.*RE2/) }] });
    const validate = createInputValidator([tool({ s: { type: 'string', pattern: '(?<=x)y' } })]);
    expect(validate({ name: 'probe', input: { s: 'xy' } })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/input_schema is invalid/) }] });
  });
});
