// A stdio transport for MCP servers whose child sees EXACTLY the environment given plus PATH. The SDK's
// StdioClientTransport adds HOME, USER, SHELL… on top (its getDefaultEnvironment), which would leak the
// user's environment into any server pasted from the web; this one spawns with `env` as given, pipes
// stderr to the caller line by line with timestamps, and kills the process group's leader for sure.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { ReadBuffer, serializeMessage } from '@modelcontextprotocol/sdk/shared/stdio.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { JSONRPCMessage } from '@modelcontextprotocol/sdk/types.js';

export interface StdioOptions {
  command: string;
  args: readonly string[];
  /** the child's whole environment, PATH added from main's own when not given */
  env: Readonly<Record<string, string>>;
  cwd?: string;
  onStderrLine?: (line: string, at: number) => void;
  /** the process ended (crash or exit); `code` null when killed by a signal */
  onExit?: (code: number | null, signal: NodeJS.Signals | null) => void;
}

/** The environment a server child gets: what the config says, and PATH so `npx`/`uvx` resolve. */
export function childEnv(env: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = { ...env };
  if (out.PATH === undefined && process.env.PATH !== undefined) out.PATH = process.env.PATH;
  return out;
}

export class IsolatedStdioTransport implements Transport {
  onclose?: () => void;
  onerror?: (error: Error) => void;
  onmessage?: (message: JSONRPCMessage) => void;
  private child: ChildProcess | null = null;
  private readonly buffer = new ReadBuffer();

  constructor(private readonly opts: StdioOptions) {}

  get pid(): number | null {
    return this.child?.pid ?? null;
  }

  start(): Promise<void> {
    if (this.child) throw new Error('already started');
    return new Promise((resolve, reject) => {
      const child = spawn(this.opts.command, [...this.opts.args], {
        env: childEnv(this.opts.env),
        stdio: ['pipe', 'pipe', 'pipe'],
        shell: false,
        windowsHide: true,
        cwd: this.opts.cwd,
      });
      this.child = child;
      child.once('error', (err) => {
        reject(err);
        this.onerror?.(err);
      });
      child.once('spawn', () => resolve());
      child.once('exit', (code, signal) => this.opts.onExit?.(code, signal));
      child.once('close', () => {
        this.child = null;
        this.onclose?.();
      });
      child.stdin?.on('error', (err) => this.onerror?.(err));
      child.stdout?.on('data', (chunk: Buffer) => {
        try {
          this.buffer.append(chunk); // throws past 10 MB without a newline
        } catch (err) {
          this.onerror?.(err instanceof Error ? err : new Error(String(err)));
          return;
        }
        this.drain();
      });
      if (child.stderr) {
        const lines = createInterface({ input: child.stderr, crlfDelay: Infinity });
        lines.on('line', (line) => this.opts.onStderrLine?.(line, Date.now()));
      }
    });
  }

  /** Every complete line from stdout; a line that is not JSON-RPC is the server answering garbage. */
  private drain(): void {
    for (;;) {
      let message: JSONRPCMessage | null;
      try {
        message = this.buffer.readMessage();
      } catch (err) {
        this.onerror?.(err instanceof Error ? err : new Error(String(err)));
        continue;
      }
      if (message === null) return;
      this.onmessage?.(message);
    }
  }

  send(message: JSONRPCMessage): Promise<void> {
    return new Promise((resolve, reject) => {
      const stdin = this.child?.stdin;
      if (!stdin || stdin.destroyed) return reject(new Error('the server process is not running'));
      if (stdin.write(serializeMessage(message))) resolve();
      else stdin.once('drain', () => resolve());
    });
  }

  /** Ends stdin, then SIGTERM after 1 s, then SIGKILL after another: the child never outlives this. */
  async close(): Promise<void> {
    const child = this.child;
    if (!child) return;
    const closed = new Promise<void>((r) => child.once('close', () => r()));
    const wait = (ms: number) => Promise.race([closed, new Promise<void>((r) => setTimeout(r, ms).unref())]);
    try {
      child.stdin?.end();
    } catch {
      // already gone
    }
    await wait(1000);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await wait(1000);
    }
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGKILL');
      await wait(1000);
    }
    this.buffer.clear();
  }
}
