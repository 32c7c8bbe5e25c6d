// The key goes only where it was given: a key saved for gateway A is never sent to gateway B after the
// base URL moves there, until it is entered again (or, in Electron, main's dialog says yes).
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventName, EventPayload, Result, RouteInput, RouteName, RouteOutput } from '../../shared/contract';
import type { AppError, Message } from '../../shared/domain';
import { createCore, type Core } from '../../electron/core/core';
import { createFileLogger } from '../../electron/core/logger';
import { Redactor } from '../../electron/core/redact';
import { createNodePlatform } from '../../electron/platform/node';
import { createEnvironmentStore } from '../../electron/secrets/memory';
import type { SecretStore } from '../../electron/secrets/types';
import { startGateway, type Gateway, type RecordedRequest } from '../fixtures/gateway';
import { anthropicToolUse, openaiText } from '../fixtures/gateway/scenarios';
import type { ToolDefinition } from '../../shared/tools';
import { testSecrets } from './core-harness';

const KEY = 'sk-bound-to-a-9f8e7d6c5b4a';

interface TestCore {
  core: Core;
  call<N extends RouteName>(route: N, input: RouteInput<N>): Promise<Result<RouteOutput<N>>>;
  ok<N extends RouteName>(route: N, input: RouteInput<N>): Promise<RouteOutput<N>>;
  fail<N extends RouteName>(route: N, input: RouteInput<N>): Promise<AppError>;
  finished(messageId: string): Promise<void>;
}

let a: Gateway;
let b: Gateway;
let dir: string;
const cores: Core[] = [];

beforeEach(async () => {
  [a, b] = await Promise.all([startGateway({ demo: true }), startGateway({ demo: true })]);
  dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-keybind-'));
});
afterEach(async () => {
  for (const c of cores.splice(0)) await c.close();
  await Promise.all([a.close(), b.close()]);
  rmSync(dir, { recursive: true, force: true });
});

async function open(
  secrets: SecretStore,
  opts: { baseUrl?: string; confirmKeyMove?: (from: string, to: string) => Promise<boolean> } = {},
): Promise<TestCore> {
  const redactor = new Redactor();
  const platform = {
    ...createNodePlatform({ userDataDir: dir, secrets, logger: createFileLogger(path.join(dir, 'logs'), redactor), version: 'test' }),
    ...(opts.confirmKeyMove ? { confirmKeyMove: opts.confirmKeyMove } : {}),
  };
  const core = await createCore(platform, { redactor, baseUrl: opts.baseUrl });
  cores.push(core);
  const done = new Map<string, () => void>();
  core.clients.attach('c1', <E extends EventName>(event: E, payload: EventPayload<E>) => {
    if (event !== 'chat.events') return;
    const p = payload as EventPayload<'chat.events'>;
    if (p.events.some((e) => e.type === 'status')) done.get(p.messageId)?.();
  });
  const t: TestCore = {
    core,
    call: (route, input) => core.call(route, input, { clientId: 'c1' }) as Promise<Result<RouteOutput<typeof route>>>,
    async ok(route, input) {
      const r = await t.call(route, input);
      if (!r.ok) throw new Error(`${route} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    async fail(route, input) {
      const r = await t.call(route, input);
      if (r.ok) throw new Error(`${route} succeeded but should have been refused`);
      return r.error;
    },
    finished: (id) => new Promise<void>((resolve) => done.set(id, resolve)),
  };
  return t;
}

/** Any trace of the key in what a gateway received: headers, target or body. */
function sawKey(g: Gateway, key = KEY): RecordedRequest[] {
  return g.requests.filter((r) => r.url.includes(key) || r.body.includes(key) || Object.values(r.headers).some((v) => v.includes(key)));
}

async function answerOnA(t: TestCore): Promise<Message> {
  a.queue(openaiText('Hello from A.'));
  const thread = await t.ok('threads.create', { model: 'gpt-4o-mini' });
  const { assistantMessage } = await t.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hi' }] });
  await t.finished(assistantMessage.id);
  return assistantMessage;
}

describe('a stored key is bound to the origin it was saved for', () => {
  it('never sends the key to a second gateway after the base URL moves, until the key is entered again', async () => {
    const t = await open(testSecrets());
    await t.ok('settings.update', { baseUrl: a.url });
    const status = await t.ok('key.set', { key: KEY });
    expect(status).toMatchObject({ hasKey: true, origin: a.url, originMatches: true });
    const answered = await answerOnA(t);
    expect(a.requests.find((r) => r.path === '/v1/chat/completions')?.headers.authorization).toBe(`Bearer ${KEY}`);

    await t.ok('settings.update', { baseUrl: b.url });
    expect(await t.ok('key.status', {})).toMatchObject({ hasKey: true, origin: a.url, originMatches: false });

    const thread = await t.ok('threads.create', { model: 'gpt-4o-mini' });
    const refusals = [
      await t.fail('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'to B?' }] }),
      await t.fail('chat.retry', { messageId: answered.id }),
      await t.fail('gateway.models', {}),
      await t.fail('gateway.balance', {}),
      await t.fail('gateway.test', {}),
      await t.fail('traces.resend', { messageId: answered.id, step: 0, body: '{"model":"gpt-4o-mini","messages":[]}' }),
    ];
    for (const e of refusals) {
      expect(e.code).toBe('key_origin');
      expect(e.origins).toEqual({ saved: a.url, target: b.url });
      expect(e.reason).toBe('reenter'); // no dialog in plain Node: re-entry only
    }
    expect(b.requests).toEqual([]);
    // Nothing was stored for the refused send either.
    expect((await t.ok('messages.list', { threadId: thread.id })).messages).toEqual([]);

    expect(await t.ok('key.set', { key: KEY })).toMatchObject({ origin: b.url, originMatches: true });
    await t.ok('gateway.models', {});
    expect(b.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
  });

  it('checks the origin again for each request: moving back to A needs no re-entry', async () => {
    const t = await open(testSecrets(KEY), { baseUrl: a.url });
    await t.ok('settings.update', { baseUrl: b.url });
    expect((await t.fail('gateway.models', {})).code).toBe('key_origin');
    await t.ok('settings.update', { baseUrl: `${a.url}/v1` });
    await t.ok('gateway.models', {});
    expect(sawKey(a)).toHaveLength(1);
    expect(b.requests).toEqual([]);
  });

  it('checks every step of a tool loop: a move while a tool waits ends the loop without sending the key', async () => {
    const t = await open(testSecrets(KEY), { baseUrl: a.url });
    const manual: ToolDefinition = { name: 'lookup', description: 'Ask the user', inputSchema: { type: 'object' }, run: { mode: 'manual' } };
    const thread = await t.ok('threads.create', { model: 'claude-sonnet-4-20250514' });
    await t.ok('playground.update', {
      threadId: thread.id,
      config: { enabled: true, toolSet: { tools: [manual], toolChoice: { type: 'auto' } }, maxSteps: 4, pauseBeforeRun: false },
    });
    a.queue(anthropicToolUse([{ id: 'toolu_k', name: 'lookup', input: {} }]));
    await t.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'look it up' }] });
    const waiting = async () => {
      const { messages } = await t.ok('messages.list', { threadId: thread.id });
      return messages.find((m) => m.parts.some((p) => p.type === 'tool_call' && p.awaiting === 'result'));
    };
    await expect.poll(async () => Boolean(await waiting())).toBe(true);
    const asking = (await waiting())!;

    await t.ok('settings.update', { baseUrl: b.url });
    await t.ok('tools.respond', { messageId: asking.id, toolCallId: 'toolu_k', decision: { action: 'result', content: '42', isError: false } });
    await expect
      .poll(async () => {
        const { messages } = await t.ok('messages.list', { threadId: thread.id });
        const last = messages.at(-1)!;
        return last.role === 'assistant' && last.status !== 'streaming' ? last.error?.code : undefined;
      })
      .toBe('key_origin');
    expect(b.requests).toEqual([]);
    expect(a.requests).toHaveLength(1);
  });

  it('binds a key saved before origins were recorded to the base URL in use (migration)', async () => {
    const secrets = testSecrets();
    const first = await open(secrets);
    await first.ok('settings.update', { baseUrl: a.url });
    await first.core.close();
    cores.splice(0);
    await secrets.set('api-key', KEY); // a key with no origin beside it, as older versions stored it
    const t = await open(secrets);
    expect(await t.ok('key.status', {})).toMatchObject({ origin: a.url, originMatches: true });
    await t.ok('settings.update', { baseUrl: b.url });
    expect((await t.fail('gateway.balance', {})).code).toBe('key_origin');
    expect(sawKey(b)).toEqual([]);
  });

  it('sends nothing when the key’s origin cannot be read (never taken for "not bound yet")', async () => {
    const inner = testSecrets(KEY);
    await inner.set('api-key-origin', b.url); // bound elsewhere, but the keychain will not say so
    const secrets: SecretStore = {
      ...inner,
      get: async (account) => {
        if (account === 'api-key-origin') throw new Error('keychain locked');
        return inner.get(account);
      },
    };
    const t = await open(secrets, { baseUrl: a.url });
    expect((await t.fail('gateway.models', {})).code).toBe('storage');
    expect(await t.ok('key.status', {})).toMatchObject({ hasKey: true, originMatches: false });
    expect(a.requests).toEqual([]);
  });

  it('binds a YIBU_API_KEY from the environment to the --base-url origin', async () => {
    const t = await open(createEnvironmentStore(KEY, 'api-key'), { baseUrl: a.url });
    expect(await t.ok('key.status', {})).toMatchObject({ backend: 'environment', origin: a.url, originMatches: true });
    await t.ok('settings.update', { baseUrl: b.url });
    expect((await t.fail('gateway.models', {})).code).toBe('key_origin');
    expect(b.requests).toEqual([]);
  });
});

describe('Electron: main may confirm the move in its own dialog', () => {
  it('rebinds the key when the dialog says yes', async () => {
    const asked: Array<[string, string]> = [];
    const t = await open(testSecrets(KEY), {
      baseUrl: a.url,
      confirmKeyMove: async (from, to) => {
        asked.push([from, to]);
        return true;
      },
    });
    await t.ok('settings.update', { baseUrl: b.url });
    const e = await t.fail('gateway.models', {});
    expect(e).toMatchObject({ code: 'key_origin', reason: 'reenter_or_confirm' });
    expect(b.requests).toEqual([]);
    expect(await t.ok('key.confirmMove', {})).toMatchObject({ origin: b.url, originMatches: true });
    expect(asked).toEqual([[a.url, b.url]]);
    await t.ok('gateway.models', {});
    expect(b.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${KEY}`]);
  });

  it('keeps refusing when the dialog says no', async () => {
    const t = await open(testSecrets(KEY), { baseUrl: a.url, confirmKeyMove: async () => false });
    await t.ok('settings.update', { baseUrl: b.url });
    expect(await t.ok('key.confirmMove', {})).toMatchObject({ origin: a.url, originMatches: false });
    expect((await t.fail('gateway.models', {})).code).toBe('key_origin');
    const thread = await t.ok('threads.create', { model: 'gpt-4o-mini' });
    expect((await t.fail('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'x' }] })).code).toBe('key_origin');
    expect(b.requests).toEqual([]);
  });

  it('is never asked in browser mode: key.confirmMove changes nothing', async () => {
    const t = await open(testSecrets(KEY), { baseUrl: a.url });
    await t.ok('settings.update', { baseUrl: b.url });
    expect(await t.ok('key.confirmMove', {})).toMatchObject({ origin: a.url, originMatches: false });
    expect((await t.fail('gateway.models', {})).code).toBe('key_origin');
  });
});

describe('plain http only for this computer and private networks', () => {
  it('refuses http to a public host and keeps the stored URL', async () => {
    const t = await open(testSecrets(KEY), { baseUrl: a.url });
    for (const url of ['http://example.com', 'http://8.8.8.8:8080', 'http://172.32.0.1', 'http://[2001:db8::1]']) {
      const e = await t.fail('settings.update', { baseUrl: url });
      expect(e).toMatchObject({ code: 'invalid_input', reason: 'insecure_http' });
    }
    expect((await t.ok('settings.get', {})).baseUrl).toBe(a.url);
  });

  it('accepts http to loopback and private addresses, and https anywhere', async () => {
    const t = await open(testSecrets(KEY));
    for (const url of ['http://127.0.0.1:8080', 'http://192.168.1.20:3000', 'http://10.0.0.5', 'http://172.16.4.2', 'http://localhost:3000', 'http://[::1]:8080', 'http://[fd12::1]', 'https://example.com']) {
      expect((await t.ok('settings.update', { baseUrl: url })).baseUrl).toBe(url);
    }
  });
});

describe('--base-url is an override for this run only', () => {
  it('shows the override while it runs and never stores it', async () => {
    const first = await open(testSecrets());
    await first.ok('settings.update', { baseUrl: 'https://stored.example' });
    await first.core.close();
    cores.splice(0);

    const overridden = await open(testSecrets(), { baseUrl: `${a.url}/v1/` });
    expect((await overridden.ok('settings.get', {})).baseUrl).toBe(a.url);
    await overridden.ok('settings.update', { model: 'gpt-4.1' }); // another setting saved meanwhile
    expect((await overridden.ok('settings.get', {})).baseUrl).toBe(a.url);
    await overridden.core.close();
    cores.splice(0);

    const plain = await open(testSecrets());
    expect(await plain.ok('settings.get', {})).toMatchObject({ baseUrl: 'https://stored.example', model: 'gpt-4.1' });
  });

  it('refuses to start on an override that is plain http to a public host', async () => {
    await expect(open(testSecrets(), { baseUrl: 'http://example.com' })).rejects.toThrow(/base-url/);
  });
});
