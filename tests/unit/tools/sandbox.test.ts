import { afterAll, describe, expect, it } from 'vitest';
import { Sandbox, type RunScriptResult } from '../../../electron/tools/sandbox';

const sandbox = new Sandbox();
afterAll(() => sandbox.dispose());

function expectFailure(r: RunScriptResult, kind: string) {
  expect(r.ok).toBe(false);
  if (r.ok) return;
  expect(r.kind).toBe(kind);
  expect(r.durationMs).toBeGreaterThanOrEqual(0);
}

/** The sandbox still works after whatever happened before. */
async function expectHealthy() {
  const r = await sandbox.run({ code: 'return input.n + 1', input: { n: 41 } });
  expect(r).toMatchObject({ ok: true, result: 42 });
}

/** Runs a script while a host timer is pending: the timer must fire before the script's result arrives. */
async function runBesideTimer(opts: Parameters<Sandbox['run']>[0]) {
  const order: string[] = [];
  const timer = new Promise<void>((resolve) => setTimeout(() => (order.push('host timer'), resolve()), 20));
  const result = await sandbox.run(opts).then((r) => (order.push('script'), r));
  await timer;
  return { result, order };
}

describe('sandbox: results', () => {
  it('returns the computed value using the input (a deep copy)', async () => {
    const input = { a: 2, b: { c: 3 } };
    const r = await sandbox.run({ code: 'input.b.c = 100; return { sum: input.a + input.b.c }', input });
    expect(r).toMatchObject({ ok: true, result: { sum: 102 }, logs: [] });
    expect(input.b.c).toBe(3);
    if (r.ok) expect(r.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('passes a string result as is', async () => {
    expect(await sandbox.run({ code: 'return "plain " + input.w', input: { w: 'text' } })).toMatchObject({
      ok: true,
      result: 'plain text',
    });
  });

  it('awaits async results and promise chains', async () => {
    const r1 = await sandbox.run({ code: 'const v = await Promise.resolve(input.x); return v * 2', input: { x: 21 } });
    expect(r1).toMatchObject({ ok: true, result: 42 });
    const r2 = await sandbox.run({ code: 'return (async () => { await null; return ["a", "b"]; })()' });
    expect(r2).toMatchObject({ ok: true, result: ['a', 'b'] });
    const r3 = await sandbox.run({ code: 'await null; throw new RangeError("late")' });
    expectFailure(r3, 'exception');
    if (!r3.ok) expect(r3.error).toContain('RangeError: late');
  });

  it('captures console output, and caps it', async () => {
    const r = await sandbox.run({ code: 'console.log("hi", {a: 1}, 2); console.warn("careful"); return 1' });
    expect(r).toMatchObject({ ok: true, logs: ['hi {"a":1} 2', '[warn] careful'] });
    const many = await sandbox.run({ code: 'for (let i = 0; i < 1000; i++) console.log(i); return 1' });
    expect(many.logs.length).toBeLessThanOrEqual(201);
    expect(many.logs.at(-1)).toMatch(/more log lines not kept/);
  });

  it('reports results that cannot be sent', async () => {
    expectFailure(await sandbox.run({ code: 'return undefined' }), 'result');
    expectFailure(await sandbox.run({ code: 'const o = {}; o.o = o; return o' }), 'result');
    expectFailure(await sandbox.run({ code: 'return new Promise(() => {})' }), 'result');
  });
});

describe('sandbox: isolation', () => {
  it('has no require, process, fetch, timers or other host objects', async () => {
    const r = await sandbox.run({
      code: `return {
        require: typeof require, process: typeof process, fetch: typeof fetch, setTimeout: typeof setTimeout,
        module: typeof module, Buffer: typeof Buffer, globals: Object.getOwnPropertyNames(globalThis),
      }`,
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const v = r.result as Record<string, unknown> & { globals: string[] };
    expect([v.require, v.process, v.fetch, v.setTimeout, v.module, v.Buffer]).toEqual(Array(6).fill('undefined'));
    for (const name of ['require', 'process', 'fetch', 'setTimeout', 'global', 'Buffer', 'std', 'os', 'WebAssembly']) {
      expect(v.globals).not.toContain(name);
    }
  });

  it('turns a thrown error into an exception result', async () => {
    const r = await sandbox.run({ code: 'throw new TypeError("boom")' });
    expectFailure(r, 'exception');
    if (!r.ok) expect(r.error).toBe('TypeError: boom');
    await expectHealthy();
  });

  it('reports a syntax error with its line', async () => {
    const r = await sandbox.run({ code: 'const a = 1;\nconst b = ;' });
    expectFailure(r, 'syntax');
    if (!r.ok) expect(r.error).toMatch(/SyntaxError.*line 2/);
  });

  it('stops deep recursion', async () => {
    const r = await sandbox.run({ code: 'function f() { return f() + 1 } return f()' });
    expectFailure(r, 'exception');
    if (!r.ok) expect(r.error).toMatch(/stack overflow/);
    await expectHealthy();
  });
});

describe('sandbox: limits keep the app running', () => {
  it('stops an infinite loop at the time limit', async () => {
    const { result, order } = await runBesideTimer({ code: 'while (true) {}', timeoutMs: 300 });
    expectFailure(result, 'timeout');
    expect(order).toEqual(['host timer', 'script']);
    await expectHealthy();
  });

  it('stops an infinite loop after an await too', async () => {
    expectFailure(await sandbox.run({ code: 'await null; for (;;) {}', timeoutMs: 200 }), 'timeout');
    await expectHealthy();
  });

  it('stops a memory bomb at the memory limit', async () => {
    const { result, order } = await runBesideTimer({
      code: 'let a = []; while (true) a.push(new Array(1e6).fill(1))',
      // a generous time limit, so it is the memory limit that stops it
      timeoutMs: 20_000,
    });
    expectFailure(result, 'memory');
    expect(order).toEqual(['host timer', 'script']);
    await expectHealthy();
  });

  it('stops a string-doubling bomb at the memory limit', async () => {
    expectFailure(await sandbox.run({ code: 'let s = "x"; while (true) s += s', timeoutMs: 20_000 }), 'memory');
    await expectHealthy();
  });

  it('terminates a worker stuck in native code (catastrophic regex) at the backstop', async () => {
    const { result, order } = await runBesideTimer({ code: "return /^(a+)+$/.test('a'.repeat(40) + 'b')", timeoutMs: 100 });
    expectFailure(result, 'timeout');
    expect(order).toEqual(['host timer', 'script']);
    await expectHealthy();
  });

  it('aborts a running script at once', async () => {
    const ac = new AbortController();
    const run = sandbox.run({ code: 'while (true) {}', timeoutMs: 30_000, signal: ac.signal });
    setTimeout(() => ac.abort(), 50);
    expectFailure(await run, 'aborted');
    await expectHealthy();
  });

  it('queues runs and aborts a queued one without running it', async () => {
    const ac = new AbortController();
    const first = sandbox.run({ code: 'return 1' });
    const second = sandbox.run({ code: 'return 2', signal: ac.signal });
    const third = sandbox.run({ code: 'return 3' });
    ac.abort();
    expect(await first).toMatchObject({ ok: true, result: 1 });
    expectFailure(await second, 'aborted');
    expect(await third).toMatchObject({ ok: true, result: 3 });
  });
});
