// A real core (SQLite on disk, real HTTP to the mock gateway) with a recording client, for
// integration tests in plain Node.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ChatEvent } from '../../shared/chat-events';
import type { EventName, EventPayload, Result, RouteInput, RouteName, RouteOutput } from '../../shared/contract';
import type { Message } from '../../shared/domain';
import { createCore, type Core } from '../../electron/core/core';
import { createFileLogger } from '../../electron/core/logger';
import { Redactor } from '../../electron/core/redact';
import { createNodePlatform } from '../../electron/platform/node';
import type { SecretStore } from '../../electron/secrets/types';
import { startGateway, type Gateway } from '../fixtures/gateway';
import type { GatewayOptions } from '../fixtures/gateway/types';

/** An in-memory SecretStore for tests that are not about the keychain. */
export function testSecrets(initial?: string): SecretStore {
  const map = new Map<string, string>();
  if (initial) map.set('api-key', initial);
  return {
    backend: 'memory',
    persistent: false,
    get: async (a) => map.get(a) ?? null,
    set: async (a, v) => void map.set(a, v),
    delete: async (a) => void map.delete(a),
  };
}

export interface Pushed {
  event: EventName;
  payload: unknown;
}

export interface CoreHarness {
  core: Core;
  gateway: Gateway;
  dir: string;
  secrets: SecretStore;
  pushed: Pushed[];
  waits: number[];
  opened: string[];
  call<N extends RouteName>(route: N, input: RouteInput<N>, clientId?: string): Promise<Result<RouteOutput<N>>>;
  ok<N extends RouteName>(route: N, input: RouteInput<N>, clientId?: string): Promise<RouteOutput<N>>;
  /** resolves with the final message once its `status` event was pushed */
  finished(messageId: string): Promise<Message>;
  chatEvents(messageId: string): ChatEvent[];
  reopen(): Promise<void>;
  close(): Promise<void>;
}

export async function startCore(
  opts: { key?: string | null; gateway?: GatewayOptions; idleTimeoutMs?: number } = {},
): Promise<CoreHarness> {
  const gateway = await startGateway({ demo: false, ...opts.gateway });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'yibu-core-'));
  const secrets = testSecrets(opts.key === null ? undefined : (opts.key ?? 'sk-test-key-1234'));
  const pushed: Pushed[] = [];
  const waits: number[] = [];
  const opened: string[] = [];
  const waiters = new Map<string, (m: Message) => void>();
  const done = new Map<string, Message>();

  const build = async () => {
    const redactor = new Redactor();
    const logger = createFileLogger(path.join(dir, 'logs'), redactor);
    const platform = createNodePlatform({
      userDataDir: dir,
      secrets,
      logger,
      version: 'test',
      openExternal: async (url) => void opened.push(url),
    });
    const core = await createCore(platform, {
      redactor,
      baseUrl: gateway.url,
      idleTimeoutMs: opts.idleTimeoutMs,
      // Retries wait for real in the app; here the wait is recorded and skipped.
      sleep: async (ms) => void waits.push(ms),
    });
    core.clients.attach('c1', <E extends EventName>(event: E, payload: EventPayload<E>) => {
      pushed.push({ event, payload });
      if (event === 'chat.events') {
        const p = payload as EventPayload<'chat.events'>;
        if (p.events.some((e) => e.type === 'status')) {
          void core.call('messages.list', { threadId: p.threadId, limit: 500 }, { clientId: 'c1' }).then((r) => {
            if (!r.ok) return;
            const m = (r.value as { messages: Message[] }).messages.find((x) => x.id === p.messageId);
            if (!m) return;
            done.set(m.id, m);
            waiters.get(m.id)?.(m);
          });
        }
      }
    });
    return core;
  };

  const h: CoreHarness = {
    core: await build(),
    gateway,
    dir,
    secrets,
    pushed,
    waits,
    opened,
    call: (route, input, clientId = 'c1') =>
      h.core.call(route, input, { clientId }) as Promise<Result<RouteOutput<typeof route>>>,
    async ok(route, input, clientId) {
      const r = await h.call(route, input, clientId);
      if (!r.ok) throw new Error(`${route} failed: ${r.error.code} ${r.error.message}`);
      return r.value;
    },
    finished: (messageId) =>
      new Promise((resolve) => {
        const m = done.get(messageId);
        done.delete(messageId);
        if (m) resolve(m);
        else
          waiters.set(messageId, (x) => {
            done.delete(messageId);
            waiters.delete(messageId);
            resolve(x);
          });
      }),
    chatEvents: (messageId) =>
      pushed
        .filter((p) => p.event === 'chat.events' && (p.payload as EventPayload<'chat.events'>).messageId === messageId)
        .flatMap((p) => (p.payload as EventPayload<'chat.events'>).events),
    async reopen() {
      await h.core.close();
      h.core = await build();
    },
    async close() {
      await h.core.close();
      await gateway.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}
