// A real core (SQLite on disk, real HTTP to the mock gateway) with a recording client, for
// integration tests in plain Node.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { z } from 'zod';
import type { ChatEvent } from '../../shared/chat-events';
import { events, routes } from '../../shared/contract';
import type { EventName, EventPayload, Result, RouteInput, RouteName, RouteOutput } from '../../shared/contract';
import { AppError, type Message } from '../../shared/domain';
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

/**
 * Where `value` breaks `schema`, or carries something the schema would strip (a field the contract does
 * not declare still crosses IPC as sent): null when it matches exactly.
 */
export function contractDrift(schema: z.ZodType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
  }
  return firstDifference(value, parsed.data, '');
}

function firstDifference(sent: unknown, declared: unknown, at: string): string | null {
  if (isDeepStrictEqual(sent, declared)) return null;
  if (Array.isArray(sent) && Array.isArray(declared) && sent.length === declared.length) {
    for (let i = 0; i < sent.length; i++) {
      const d = firstDifference(sent[i], declared[i], `${at}[${i}]`);
      if (d !== null) return d;
    }
  }
  if (sent && declared && typeof sent === 'object' && typeof declared === 'object') {
    const a = sent as Record<string, unknown>;
    const b = declared as Record<string, unknown>;
    for (const key of Object.keys(a)) {
      // An explicit `undefined` does not survive JSON or structured clone: nothing crosses.
      if (!(key in b) && a[key] !== undefined) return `${at ? `${at}.${key}` : key} is not in the contract`;
      const d = key in b ? firstDifference(a[key], b[key], at ? `${at}.${key}` : key) : null;
      if (d !== null) return d;
    }
    return null;
  }
  return `${at || '(root)'} differs from what the contract parses it to`;
}

/** Checks every route result and pushed event against shared/contract.ts (patching `core` in place: a window
 * or socket attached later is checked too); what drifts lands in `drift`. */
export function checkContract(core: Core, drift: string[]): Core {
  const attach = core.clients.attach.bind(core.clients);
  core.clients.attach = (clientId, sink) =>
    attach(clientId, (event, payload) => {
      const d = contractDrift(events[event], payload);
      if (d) drift.push(`event ${event}: ${d}`);
      sink(event, payload);
    });
  const call = core.call.bind(core);
  core.call = async (route, input, ctx) => {
    const r = await call(route, input, ctx);
    const schema = r.ok ? (Object.hasOwn(routes, route) ? routes[route as RouteName].output : null) : AppError;
    const d = schema ? contractDrift(schema, r.ok ? r.value : r.error) : `unknown route ${route} answered ok`;
    if (d) drift.push(`${route} ${r.ok ? 'output' : 'error'}: ${d}`);
    return r;
  };
  return core;
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
  /** route outputs and event payloads that did not match shared/contract.ts; `close()` fails on any */
  drift: string[];
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
  const drift: string[] = [];
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
    const raw = await createCore(platform, {
      redactor,
      baseUrl: gateway.url,
      idleTimeoutMs: opts.idleTimeoutMs,
      // Retries wait for real in the app; here the wait is recorded and skipped.
      sleep: async (ms) => void waits.push(ms),
    });
    const core = checkContract(raw, drift);
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
    drift,
    waits,
    opened,
    async call(route, input, clientId = 'c1') {
      const r = (await h.core.call(route, input, { clientId })) as Result<RouteOutput<typeof route>>;
      if (drift.length > 0) throw new Error(`Contract drift (shared/contract.ts): ${drift.join(' | ')}`);
      return r;
    },
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
      if (drift.length > 0) throw new Error(`Contract drift (shared/contract.ts): ${drift.join(' | ')}`);
    },
  };
  return h;
}
