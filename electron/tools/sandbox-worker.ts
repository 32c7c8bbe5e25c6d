// The code of the sandbox's worker thread, as a string run with `new Worker(source, {eval: true})`.
// A string rather than a file, so it runs the same from TypeScript sources (tests) and from the bundled
// main process, with no separate build entry. It is plain CommonJS JavaScript, not type-checked: keep it
// small. The host (sandbox.ts) passes `workerData = {quickjsPath, wasmModule}`.
//
// Each run gets its own WebAssembly instance with its own linear memory, capped at the build's initial
// 16 MB plus the run's memory budget. QuickJS's own malloc limit is weak in this build (it cannot measure
// allocation sizes under emscripten), so the capped memory is what actually stops a memory bomb; a fresh
// instance also means a run that leaves QuickJS in a bad state (out of memory, an emscripten abort) is
// simply dropped. The compiled module is shared, so an instance costs a few milliseconds.

export const SANDBOX_WORKER_SOURCE = String.raw`'use strict';
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const q = require(workerData.quickjsPath);

const MB = 1024 * 1024;
const PAGE = 65536;
const INITIAL_PAGES = 256; // the build's INITIAL_MEMORY (16 MB)
const MAX_STACK = 256 * 1024; // below the host's own stack limit: deeper makes V8 overflow first
const MAX_LOG_LINES = 200;
const MAX_LOG_LINE = 2000;
const MAX_RESULT_CHARS = 1000000;

function fail(kind, error) { return { ok: false, kind, error }; }

async function run(job) {
  const logs = [];
  let droppedLogs = 0;
  const maxPages = INITIAL_PAGES + Math.ceil((job.memoryMb * MB) / PAGE);
  const memory = new WebAssembly.Memory({ initial: INITIAL_PAGES, maximum: maxPages });
  const handles = [];
  let runtime = null;
  let context = null;
  let outcome;
  const t0 = performance.now();
  try {
    const QuickJS = await q.newQuickJSWASMModuleFromVariant(
      q.newVariant(q.RELEASE_SYNC, {
        wasmModule: workerData.wasmModule,
        wasmMemory: memory,
        emscriptenModule: { print() {}, printErr() {} },
      }),
    );
    runtime = QuickJS.newRuntime();
    runtime.setMemoryLimit(job.memoryMb * MB);
    runtime.setMaxStackSize(MAX_STACK);
    context = runtime.newContext();
    const ctx = context;
    const keep = (h) => { handles.push(h); return h; };

    const memoryExhausted = () => memory.buffer.byteLength >= (maxPages - 1) * PAGE;
    const describe = (h) => {
      let v;
      try { v = ctx.dump(h); } catch (e) { return ''; }
      if (v && typeof v === 'object' && typeof v.message === 'string') {
        const line = /tool\.js:(\d+)/.exec(String(v.stack || ''));
        return (v.name ? v.name + ': ' : '') + v.message + (line ? ' (line ' + line[1] + ')' : '');
      }
      if (typeof v === 'string') return v;
      try { return JSON.stringify(v) ?? String(v); } catch (e) { return String(v); }
    };
    const classify = (h, stage) => {
      const message = describe(h);
      if (/^InternalError: interrupted/.test(message)) return fail('timeout', 'the script ran longer than ' + job.timeoutMs + ' ms and was stopped');
      if (/out of memory/i.test(message) || (!message && memoryExhausted())) return fail('memory', 'the script ran out of memory (limit ' + job.memoryMb + ' MB)');
      if (stage === 'compile' && /^SyntaxError/.test(message)) return fail('syntax', message);
      return fail('exception', message || 'the script threw a value with no message');
    };

    const addLog = (level, text) => {
      if (logs.length >= MAX_LOG_LINES) { droppedLogs++; return; }
      if (text.length > MAX_LOG_LINE) text = text.slice(0, MAX_LOG_LINE) + '…';
      logs.push(level === 'log' ? text : '[' + level + '] ' + text);
    };
    const formatArg = (h) => {
      const t = ctx.typeof(h);
      if (t === 'string') return ctx.getString(h);
      if (t === 'undefined' || t === 'function' || t === 'symbol') return t === 'undefined' ? 'undefined' : '[' + t + ']';
      return describe(h);
    };
    const consoleObj = keep(ctx.newObject());
    for (const level of ['log', 'info', 'warn', 'error', 'debug']) {
      const fn = ctx.newFunction(level, (...args) => { addLog(level, args.map(formatArg).join(' ')); });
      ctx.setProp(consoleObj, level, fn);
      fn.dispose();
    }
    ctx.setProp(ctx.global, 'console', consoleObj);

    // Captured before the user's code runs, so it cannot swap them out from under us.
    const JSONh = keep(ctx.getProp(ctx.global, 'JSON'));
    const parse = keep(ctx.getProp(JSONh, 'parse'));
    const stringify = keep(ctx.getProp(JSONh, 'stringify'));

    const deadline = Date.now() + job.timeoutMs;
    runtime.setInterruptHandler(() => Date.now() > deadline);

    outcome = (() => {
      const inputText = keep(ctx.newString(job.inputJson));
      const input = ctx.callFunction(parse, ctx.undefined, inputText);
      if (input.error) { keep(input.error); return fail('exception', 'the input is not valid JSON'); }
      keep(input.value);
      // Same line as the user's first line, so error line numbers match the editor.
      const compiled = ctx.evalCode('(async function (input) {' + job.code + '\n})', 'tool.js');
      if (compiled.error) return classify(keep(compiled.error), 'compile');
      const fn = keep(compiled.value);
      const called = ctx.callFunction(fn, ctx.undefined, input.value);
      if (called.error) return classify(keep(called.error), 'run');
      const promise = keep(called.value);
      for (;;) {
        const state = ctx.getPromiseState(promise);
        if (state.type === 'rejected') return classify(keep(state.error), 'run');
        if (state.type === 'fulfilled') {
          const value = state.notAPromise ? state.value : keep(state.value);
          const type = ctx.typeof(value);
          if (type === 'string') return { ok: true, type: 'string', text: ctx.getString(value) };
          if (type === 'undefined') return fail('result', 'the script returned undefined: return a string or a JSON value');
          const json = ctx.callFunction(stringify, ctx.undefined, value);
          if (json.error) return fail('result', 'the result is not JSON-serialisable: ' + describe(keep(json.error)));
          const text = keep(json.value);
          if (ctx.typeof(text) !== 'string') return fail('result', 'the result is not JSON-serialisable (a ' + type + ')');
          return { ok: true, type: 'json', text: ctx.getString(text) };
        }
        if (Date.now() > deadline) return fail('timeout', 'the script ran longer than ' + job.timeoutMs + ' ms and was stopped');
        const jobs = runtime.executePendingJobs(64);
        if (jobs.error) return classify(keep(jobs.error), 'run');
        if (jobs.value === 0) return fail('result', 'the returned promise never settles (the sandbox has no timers or I/O)');
      }
    })();
    if (outcome.ok && outcome.text.length > MAX_RESULT_CHARS) {
      outcome = fail('result', 'the result is too large (' + outcome.text.length + ' characters, at most ' + MAX_RESULT_CHARS + ')');
    }
  } catch (err) {
    // Failures outside QuickJS's own error handling: the host stack, or an emscripten abort.
    const msg = String((err && err.message) || err);
    if (/call stack/i.test(msg)) outcome = fail('exception', 'InternalError: stack overflow');
    else if (/memory|OOM|enlarge/i.test(msg)) outcome = fail('memory', 'the script ran out of memory (limit ' + job.memoryMb + ' MB)');
    else outcome = fail('exception', 'sandbox failure: ' + msg);
  } finally {
    // After an out-of-memory or an abort, disposing may itself fail; the instance is dropped either way.
    for (const h of handles.reverse()) { try { if (h.alive) h.dispose(); } catch (e) {} }
    try { if (context) context.dispose(); } catch (e) {}
    try { if (runtime) runtime.dispose(); } catch (e) {}
  }
  if (droppedLogs) logs.push('… ' + droppedLogs + ' more log lines not kept');
  return Object.assign(outcome, { logs, durationMs: performance.now() - t0 });
}

parentPort.on('message', (job) => {
  run(job).then(
    (result) => parentPort.postMessage({ id: job.id, result }),
    (err) => parentPort.postMessage({ id: job.id, result: { ok: false, kind: 'exception', error: 'sandbox failure: ' + String(err), logs: [], durationMs: 0 } }),
  );
});
parentPort.postMessage({ ready: true });
`;
