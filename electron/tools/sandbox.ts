// Runs a tool's JavaScript function body in QuickJS (quickjs-emscripten), off the main thread.
//
// QuickJS runs synchronously on the thread that calls it, so the sandbox lives in a worker thread: the
// app's event loop stays free while a script runs. Limits, innermost first: QuickJS's interrupt handler
// stops the script at its deadline, a capped WebAssembly memory stops a memory bomb, and if the worker does
// not answer within the deadline plus a margin (a long native call that never reaches an interrupt check)
// the host terminates it and starts a new one for the next run. Runs are queued: one at a time.
//
// Inside: only the ECMAScript built-ins and a `console` whose output is captured. No require, process,
// fetch, timers or any host object. The input crosses as JSON; the result comes back as JSON (a string
// result as is).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import {
  DEFAULT_SCRIPT_MEMORY_MB,
  DEFAULT_SCRIPT_TIMEOUT_MS,
  MAX_SCRIPT_MEMORY_MB,
  MAX_SCRIPT_TIMEOUT_MS,
  MIN_SCRIPT_MEMORY_MB,
} from './schema';
import { SANDBOX_WORKER_SOURCE } from './sandbox-worker';

export type ScriptErrorKind = 'timeout' | 'memory' | 'exception' | 'syntax' | 'result' | 'aborted';

export interface RunScriptOptions {
  /** a function body; `input` is in scope; may use await */
  code: string;
  input?: unknown;
  timeoutMs?: number;
  memoryMb?: number;
  /** aborting ends the run at once (the worker is replaced) with kind 'aborted' */
  signal?: AbortSignal;
}

export type RunScriptResult =
  | { ok: true; result: unknown; logs: string[]; durationMs: number }
  | { ok: false; error: string; kind: ScriptErrorKind; logs: string[]; durationMs: number };

/** How long past its deadline a silent worker gets before it is terminated. */
export const BACKSTOP_MARGIN_MS = 1000;
const IDLE_SHUTDOWN_MS = 30_000;

type WorkerReply =
  | { ok: true; type: 'string' | 'json'; text: string; logs: string[]; durationMs: number }
  | { ok: false; kind: ScriptErrorKind; error: string; logs: string[]; durationMs: number };

interface Job {
  id: number;
  code: string;
  inputJson: string;
  timeoutMs: number;
  memoryMb: number;
  signal?: AbortSignal;
  onAbort?: () => void;
  resolve: (r: RunScriptResult) => void;
  settled: boolean;
  startedAt?: number;
  backstop?: ReturnType<typeof setTimeout>;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, Math.round(v)));

function failure(kind: ScriptErrorKind, error: string, durationMs = 0): RunScriptResult {
  return { ok: false, kind, error, logs: [], durationMs };
}

// Where quickjs-emscripten lives, from this file (ESM under vitest/tsx, CommonJS once bundled). The worker
// requires it by that path, so a bundle must keep quickjs-emscripten and @jitl/quickjs-wasmfile-* external
// (and, in a packaged app, outside the asar archive or unpacked).
let located: { quickjsPath: string; wasmPath: string } | null = null;
function locateQuickJs() {
  if (!located) {
    const req = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    const quickjsPath = req.resolve('quickjs-emscripten');
    const wasmPath = createRequire(quickjsPath).resolve('@jitl/quickjs-wasmfile-release-sync/wasm');
    located = { quickjsPath, wasmPath };
  }
  return located;
}

// The WebAssembly module is compiled once per process and handed to every worker. (The global is typed
// by hand: this project's lib has no DOM, and @types/node declares WebAssembly's types only.)
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } })
  .WebAssembly;
let compiled: Promise<WebAssembly.Module> | null = null;
function loadWasmModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    compiled = readFile(locateQuickJs().wasmPath).then((bytes) => wasm.compile(bytes));
    compiled.catch(() => (compiled = null)); // let a later run retry
  }
  return compiled;
}

export class Sandbox {
  private worker: Worker | null = null;
  private booting: Promise<Worker> | null = null;
  private generation = 0;
  private queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  run(opts: RunScriptOptions): Promise<RunScriptResult> {
    const timeoutMs = clamp(opts.timeoutMs ?? DEFAULT_SCRIPT_TIMEOUT_MS, 1, MAX_SCRIPT_TIMEOUT_MS);
    const memoryMb = clamp(opts.memoryMb ?? DEFAULT_SCRIPT_MEMORY_MB, MIN_SCRIPT_MEMORY_MB, MAX_SCRIPT_MEMORY_MB);
    let inputJson: string;
    try {
      inputJson = JSON.stringify(opts.input ?? null) ?? 'null';
    } catch (err) {
      return Promise.resolve(failure('exception', `the input is not JSON-serialisable: ${(err as Error).message}`));
    }
    if (opts.signal?.aborted) return Promise.resolve(failure('aborted', 'stopped'));
    return new Promise((resolve) => {
      const job: Job = { id: this.nextId++, code: opts.code, inputJson, timeoutMs, memoryMb, resolve, settled: false };
      if (opts.signal) {
        job.signal = opts.signal;
        job.onAbort = () => this.abort(job);
        opts.signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      void this.pump();
    });
  }

  /** Starts the worker ahead of the first run (e.g. when the playground opens). */
  async warmUp(): Promise<void> {
    await this.ensureWorker();
    if (!this.current) this.scheduleIdle();
  }

  /** Ends the worker; queued and running scripts end as 'aborted'. */
  async dispose(): Promise<void> {
    const jobs = [...this.queue, ...(this.current ? [this.current] : [])];
    this.queue = [];
    await this.kill();
    for (const job of jobs) this.finish(job, failure('aborted', 'the sandbox was shut down'));
    if (this.idleTimer) clearTimeout(this.idleTimer);
  }

  private async pump(): Promise<void> {
    if (this.current) return;
    let job = this.queue.shift();
    while (job?.settled) job = this.queue.shift();
    if (!job) return this.scheduleIdle();
    this.current = job;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    let worker: Worker;
    try {
      worker = await this.ensureWorker();
    } catch (err) {
      this.finish(job, failure('exception', `the sandbox could not start: ${(err as Error).message}`));
      return;
    }
    if (this.current !== job) return; // aborted while the worker was starting
    worker.ref(); // a pending run keeps the process alive; an idle worker does not
    job.startedAt = performance.now();
    job.backstop = setTimeout(() => {
      void this.kill();
      this.finish(job, failure('timeout', `the script ran longer than ${job.timeoutMs} ms and was stopped`, this.elapsed(job)));
    }, job.timeoutMs + BACKSTOP_MARGIN_MS);
    const { id, code, inputJson, timeoutMs, memoryMb } = job;
    worker.postMessage({ id, code, inputJson, timeoutMs, memoryMb });
  }

  private elapsed(job: Job): number {
    return job.startedAt === undefined ? 0 : performance.now() - job.startedAt;
  }

  private abort(job: Job): void {
    if (job.settled) return;
    const idx = this.queue.indexOf(job);
    if (idx >= 0) this.queue.splice(idx, 1);
    else if (this.current === job) void this.kill(); // QuickJS cannot be interrupted from outside: replace the worker
    this.finish(job, failure('aborted', 'stopped', this.elapsed(job)));
  }

  private finish(job: Job, result: RunScriptResult): void {
    if (job.settled) return;
    job.settled = true;
    if (job.backstop) clearTimeout(job.backstop);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (this.current === job) this.current = null;
    job.resolve(result);
    void this.pump();
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.worker?.unref();
    this.idleTimer = setTimeout(() => void this.kill(), IDLE_SHUTDOWN_MS);
    this.idleTimer.unref();
  }

  private async kill(): Promise<void> {
    this.generation++;
    this.booting = null;
    const w = this.worker;
    this.worker = null;
    if (w) {
      w.on('error', () => {}); // its listeners ignore a worker that is no longer this.worker
      await w.terminate();
    }
  }

  private ensureWorker(): Promise<Worker> {
    if (this.worker) return Promise.resolve(this.worker);
    if (!this.booting) this.booting = this.boot(this.generation);
    return this.booting;
  }

  private async boot(generation: number): Promise<Worker> {
    const { quickjsPath } = locateQuickJs();
    const wasmModule = await loadWasmModule();
    const w = new Worker(SANDBOX_WORKER_SOURCE, {
      eval: true,
      workerData: { quickjsPath, wasmModule },
      // The scripts' memory is WebAssembly memory, capped per run; this bounds the worker's own JS heap.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    // Only the boot listeners are removed afterwards: removeAllListeners() on a Worker also drops Node's
    // own listeners, and messages then stop arriving.
    let onReady!: (m: { ready?: boolean }) => void;
    let onError!: (err: Error) => void;
    let onExit!: (code: number) => void;
    try {
      await new Promise<void>((resolve, reject) => {
        onReady = (m) => (m.ready ? resolve() : reject(new Error('unexpected message from the sandbox worker')));
        onError = reject;
        onExit = (code) => reject(new Error(`the sandbox worker exited (${code})`));
        w.once('message', onReady).once('error', onError).once('exit', onExit);
      });
    } catch (err) {
      void w.terminate();
      if (generation === this.generation) this.booting = null;
      throw err;
    } finally {
      w.off('message', onReady).off('error', onError).off('exit', onExit);
    }
    if (generation !== this.generation) {
      void w.terminate();
      throw new Error('the sandbox was restarted');
    }
    w.on('message', (m: { id: number; result: WorkerReply }) => {
      if (this.worker === w) this.onReply(m);
    });
    w.on('error', (err) => this.onCrash(w, err));
    w.on('exit', (code) => this.onCrash(w, new Error(`the sandbox worker exited (${code})`)));
    this.worker = w;
    this.booting = null;
    return w;
  }

  private onReply({ id, result }: { id: number; result: WorkerReply }): void {
    const job = this.current;
    if (!job || job.id !== id) return;
    if (!result.ok) {
      this.finish(job, { ok: false, kind: result.kind, error: result.error, logs: result.logs, durationMs: result.durationMs });
      return;
    }
    let value: unknown = result.text;
    if (result.type === 'json') {
      try {
        value = JSON.parse(result.text);
      } catch {
        this.finish(job, { ok: false, kind: 'result', error: 'the result is not valid JSON', logs: result.logs, durationMs: result.durationMs });
        return;
      }
    }
    this.finish(job, { ok: true, result: value, logs: result.logs, durationMs: result.durationMs });
  }

  private onCrash(w: Worker, err: Error & { code?: string }): void {
    if (this.worker !== w) return;
    this.worker = null;
    const job = this.current;
    if (!job) return;
    const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.finish(
      job,
      failure(memory ? 'memory' : 'exception', memory ? 'the sandbox ran out of memory' : `the sandbox crashed: ${err.message}`, this.elapsed(job)),
    );
  }
}

let shared: Sandbox | null = null;

/** Runs a script in the app's shared sandbox (one worker, runs queued). */
export function runScript(opts: RunScriptOptions): Promise<RunScriptResult> {
  shared ??= new Sandbox();
  return shared.run(opts);
}

/** Starts the shared sandbox's worker ahead of time. */
export function warmUpSandbox(): Promise<void> {
  shared ??= new Sandbox();
  return shared.warmUp();
}

/** Stops the shared sandbox (app shutdown, tests). A later runScript starts a new one. */
export async function disposeSandbox(): Promise<void> {
  const s = shared;
  shared = null;
  await s?.dispose();
}
