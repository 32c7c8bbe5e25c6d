// HEIC/HEIF decoding for what this build's sharp cannot read (its libheif has AV1 only, no HEVC): phone
// photos. libheif-js (libheif + libde265 compiled to WebAssembly) runs in a worker thread, because a decode
// is synchronous CPU work of a second or more that would otherwise freeze the app's event loop.
//
// Limits, as for electron/tools/sandbox.ts: one worker, jobs queued one at a time; each job has a deadline
// after which the worker is terminated (a hostile file that makes the decoder spin) and a fresh one starts
// for the next job; the worker's JS heap is capped by resourceLimits; the pixel cap is checked in the worker
// from the parsed header before any pixel is decoded. WebAssembly memory grows and never shrinks, so a
// worker that grew past RETIRE_HEAP_BYTES (a large photo) is ended after its job, and an idle one after
// IDLE_SHUTDOWN_MS.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { AttachmentError } from './errors';
import { HEIF_WORKER_SOURCE } from './heif-worker';
import type { RawImage } from './pipeline';

export const DEFAULT_HEIF_TIMEOUT_MS = 10_000;
const IDLE_SHUTDOWN_MS = 30_000;
const RETIRE_HEAP_BYTES = 256 * 1024 * 1024;

export interface HeifOptions {
  maxPixels: number;
  /** per decode, default 10 s; then the worker is terminated and the file refused as heic_corrupt */
  timeoutMs?: number;
}

type Reply =
  | { id: number; ok: true; width: number; height: number; channels: 3 | 4; data?: Uint8Array; heapBytes: number }
  | { id: number; ok: false; kind: 'corrupt' | 'too_many_pixels'; error: string; width?: number; height?: number; heapBytes: number };

interface Job {
  id: number;
  bytes: Uint8Array<ArrayBuffer>;
  maxPixels: number;
  timeoutMs: number;
  resolve: (r: Reply) => void;
  reject: (e: AttachmentError) => void;
  timer?: ReturnType<typeof setTimeout>;
}

// Where libheif-js lives, from this file (ESM under vitest/tsx, CommonJS once bundled). The worker requires
// it by that path, so a bundle keeps libheif-js external (electron/scripts/build-main.mjs).
let located: { libheifPath: string; wasmPath: string } | null = null;
function locate() {
  if (!located) {
    const req = createRequire(typeof __filename === 'string' ? __filename : import.meta.url);
    const root = dirname(req.resolve('libheif-js/package.json'));
    located = { libheifPath: join(root, 'libheif-wasm', 'libheif.js'), wasmPath: join(root, 'libheif-wasm', 'libheif.wasm') };
  }
  return located;
}

// Compiled once per process and handed to every worker (the global is typed by hand: no DOM lib here).
const wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> } })
  .WebAssembly;
let compiled: Promise<WebAssembly.Module> | null = null;
function loadWasmModule(): Promise<WebAssembly.Module> {
  if (!compiled) {
    compiled = readFile(locate().wasmPath).then((bytes) => wasm.compile(bytes));
    compiled.catch(() => (compiled = null));
  }
  return compiled;
}

const corrupt = (message: string, cause?: unknown) =>
  new AttachmentError('heic_corrupt', message, { format: 'heic' }, cause === undefined ? undefined : { cause });

export class HeifDecoder {
  private worker: Promise<Worker> | null = null;
  /** the worker that has booted and not been ended: replies and crashes of any other are ignored */
  private live: Worker | null = null;
  private generation = 0;
  private queue: Job[] = [];
  private current: Job | null = null;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  /** Upright pixels of the primary image (RGB, or RGBA when it has an alpha channel). */
  async decode(bytes: Uint8Array, opts: HeifOptions): Promise<RawImage> {
    const r = await this.submit(bytes, opts);
    if (!r.data) throw corrupt('the decoder returned no pixels');
    return { data: Buffer.from(r.data.buffer, r.data.byteOffset, r.data.byteLength), width: r.width, height: r.height, channels: r.channels };
  }

  async dispose(): Promise<void> {
    const jobs = [...this.queue, ...(this.current ? [this.current] : [])];
    this.queue = [];
    this.current = null;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    await this.kill();
    for (const job of jobs) {
      if (job.timer) clearTimeout(job.timer);
      job.reject(corrupt('the decoder was shut down'));
    }
  }

  private async submit(bytes: Uint8Array, opts: HeifOptions) {
    const reply = await new Promise<Reply>((resolve, reject) => {
      // a copy: the worker gets its own bytes, the caller's buffer stays usable
      const job: Job = {
        id: this.nextId++,
        bytes: new Uint8Array(bytes),
        maxPixels: opts.maxPixels,
        timeoutMs: opts.timeoutMs ?? DEFAULT_HEIF_TIMEOUT_MS,
        resolve,
        reject,
      };
      this.queue.push(job);
      void this.pump();
    });
    if (reply.ok) return reply;
    if (reply.kind === 'too_many_pixels') {
      throw new AttachmentError('too_many_pixels', reply.error, { width: reply.width, height: reply.height, maxPixels: opts.maxPixels });
    }
    throw corrupt(`cannot decode the HEIF image: ${reply.error}`);
  }

  private async pump(): Promise<void> {
    if (this.current) return;
    const job = this.queue.shift();
    if (!job) return this.scheduleIdle();
    this.current = job;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    let worker: Worker;
    try {
      worker = await this.ensureWorker();
    } catch (e) {
      this.settle(job, () => job.reject(corrupt(`the HEIF decoder could not start: ${String(e)}`, e)));
      return;
    }
    if (this.current !== job) return;
    worker.ref(); // a pending decode keeps the process alive; an idle worker does not
    job.timer = setTimeout(() => {
      void this.kill(); // the decoder cannot be interrupted from outside: replace the worker
      this.settle(job, () => job.reject(corrupt(`decoding took longer than ${job.timeoutMs} ms and was stopped`)));
    }, job.timeoutMs);
    worker.postMessage({ id: job.id, bytes: job.bytes, maxPixels: job.maxPixels }, [job.bytes.buffer]);
  }

  private settle(job: Job, done: () => void): void {
    if (this.current !== job) return;
    if (job.timer) clearTimeout(job.timer);
    this.current = null;
    done();
    void this.pump();
  }

  private onReply(w: Worker, reply: Reply): void {
    if (this.live !== w) return;
    const job = this.current;
    if (!job || job.id !== reply.id) return;
    if (reply.heapBytes > RETIRE_HEAP_BYTES) void this.kill(w);
    this.settle(job, () => job.resolve(reply));
  }

  private onCrash(w: Worker, err: Error & { code?: string }): void {
    if (this.live !== w) return;
    void this.kill(w);
    const job = this.current;
    if (!job) return;
    const memory = err.code === 'ERR_WORKER_OUT_OF_MEMORY';
    this.settle(job, () => job.reject(corrupt(memory ? 'the decoder ran out of memory' : `the decoder crashed: ${err.message}`, err)));
  }

  private scheduleIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    void this.worker?.then((w) => w.unref()).catch(() => undefined);
    this.idleTimer = setTimeout(() => void this.kill(), IDLE_SHUTDOWN_MS);
    this.idleTimer.unref();
  }

  /** Ends the current worker (booted or booting), or only `which` if that is still the live one. */
  private async kill(which?: Worker): Promise<void> {
    if (which && this.live !== which) return;
    const booting = this.worker;
    this.worker = null;
    this.live = null;
    this.generation++;
    const w = await booting?.catch(() => null);
    if (w) {
      w.on('error', () => {}); // its listeners ignore a worker that is no longer live
      await w.terminate();
    }
  }

  private ensureWorker(): Promise<Worker> {
    if (!this.worker) {
      const booting = this.boot(this.generation);
      booting.catch(() => {
        if (this.worker === booting) this.worker = null;
      });
      this.worker = booting;
    }
    return this.worker;
  }

  private async boot(generation: number): Promise<Worker> {
    const { libheifPath } = locate();
    const wasmModule = await loadWasmModule();
    const w = new Worker(HEIF_WORKER_SOURCE, {
      eval: true,
      workerData: { libheifPath, wasmModule },
      // The pixels live in WebAssembly memory (bounded by the pixel cap); this bounds the worker's JS heap.
      resourceLimits: { maxOldGenerationSizeMb: 256, maxYoungGenerationSizeMb: 32 },
    });
    await new Promise<void>((resolve, reject) => {
      const onReady = () => {
        w.off('error', reject);
        w.off('exit', onExit);
        resolve();
      };
      const onExit = (code: number) => reject(new Error(`the HEIF worker exited (${code})`));
      w.once('message', onReady).once('error', reject).once('exit', onExit);
    }).catch((e: unknown) => {
      void w.terminate();
      throw e;
    });
    if (generation !== this.generation) {
      void w.terminate(); // ended while it was starting
      throw new Error('the HEIF decoder was restarted');
    }
    w.on('message', (m: Reply) => this.onReply(w, m));
    w.on('error', (err) => this.onCrash(w, err));
    w.on('exit', (code) => this.onCrash(w, new Error(`the HEIF worker exited (${code})`)));
    this.live = w;
    return w;
  }
}

let shared: HeifDecoder | null = null;

/** The process's HEIF decoder (one worker, decodes queued). */
export function heifDecoder(): HeifDecoder {
  return (shared ??= new HeifDecoder());
}

/** Stops the shared decoder (app shutdown, tests); a later decode starts a new one. */
export async function disposeHeifDecoder(): Promise<void> {
  const d = shared;
  shared = null;
  await d?.dispose();
}
