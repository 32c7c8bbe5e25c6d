// createCore(platform) → a handler for every contract route plus event delivery. No Electron here:
// the same core runs inside Electron's main process and behind browser mode in plain Node.
import path from 'node:path';
import type { Result } from '../../shared/contract';
import { defaultProtocolFor } from '../../shared/domain';
import { isSafeExternalUrl } from '../../shared/url';
import type { Platform } from '../platform/types';
import { ensurePrivateDir } from '../platform/private-fs';
import { createAttachmentStore, disposeHeifDecoder } from '../attachments';
import { interruptUnfinished, openStorage } from '../storage';
import { UsageQueries } from '../storage/usage';
import { AttachmentService } from './attachments';
import { checkBaseUrl, checkOverride } from './base-url';
import { ChatService } from './chat';
import { CompareRunner } from './compare';
import { Clients } from './clients';
import type { CoreContext } from './context';
import { dispatch, type CallContext, type Handlers } from './dispatch';
import { AppFailure } from './failure';
import { GatewayService } from './gateway';
import { KeyAccess } from './key-access';
import { ProfileService } from './profiles';
import { Exporter } from './export/exporter';
import { Importer } from './export/importer';
import { ProfilesRepo } from '../storage/profiles';
import { PlaygroundService } from './playground';
import { errorDetails } from './logger';
import { Redactor } from './redact';
import { SearchService } from './search';
import { BatchService } from './batch/service';
import { BatchesRepo } from '../storage/batches';
import { SuiteService } from './suite/service';
import type { McpHook } from './suite/mcp-hook';
import { SuitesRepo } from '../storage/suites';
import { McpFailure, McpHub } from '../mcp/hub';
import { createSuiteMcp } from '../mcp/suite';
import { McpRepo } from '../storage/mcp';

export interface CoreOptions {
  redactor: Redactor;
  /** demo mode: the UI says plainly that the gateway is a mock, not a model */
  demo?: boolean;
  /** --base-url of an unpackaged run: the base URL for this run only, never stored */
  baseUrl?: string;
  idleTimeoutMs?: number;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  /** MCP servers as tool sources for suites (electron/core/suite/mcp-hook.ts); absent: suites naming servers error */
  mcp?: McpHook;
}

export interface Core {
  readonly clients: Clients;
  call(route: string, input: unknown, ctx: CallContext): Promise<Result<unknown>>;
  clientGone(clientId: string): void;
  close(): Promise<void>;
}

export async function createCore(platform: Platform, opts: CoreOptions): Promise<Core> {
  // In memory for this run only: a flag must never rewrite where the stored key goes next time.
  const baseUrlOverride = opts.baseUrl ? checkOverride(opts.baseUrl) : null;
  ensurePrivateDir(platform.userDataDir);
  const storage = openStorage(path.join(platform.userDataDir, 'yibu-chat.db'), {
    onCorrupt: (row) => platform.logger.warn('corrupt row skipped', { ...row }),
    writer: { intervalMs: 250 },
  });
  const { settings, threads, messages, writer, traces, playgrounds } = storage;
  const usage = new UsageQueries(storage.db);
  // Nothing runs yet: whatever the database still calls `streaming` was cut off when the last run died.
  const interrupted = interruptUnfinished(storage.db, (row) => platform.logger.warn('corrupt row skipped', { ...row }));
  if (interrupted.length > 0) platform.logger.warn('answers interrupted by the last exit', { count: interrupted.length });
  // "New thread" is lazy: one opened and never used is not kept to the next run.
  threads.deleteEmptyUntitled();
  const redactor = opts.redactor;
  settings.overrideBaseUrl(baseUrlOverride);
  const keys = new KeyAccess(platform, redactor, () => settings.getSettings());
  await keys.init();
  const profiles = new ProfileService(platform, redactor, settings, new ProfilesRepo(storage.db, (row) => platform.logger.warn('corrupt row skipped', { ...row })), keys);
  await profiles.init();
  const requireBaseUrl = () => checkBaseUrl(settings.getSettings().baseUrl);

  const ctx: CoreContext = {
    threads,
    messages,
    settings,
    writer,
    traces,
    playgrounds,
    fetch: platform.fetch,
    logger: platform.logger,
    redactor,
    idleTimeoutMs: opts.idleTimeoutMs ?? 60_000,
    sleep: opts.sleep,
    requireKey() {
      return keys.keyFor(requireBaseUrl());
    },
    requireBaseUrl,
    async requireTarget() {
      const baseUrl = requireBaseUrl();
      return { baseUrl, apiKey: await keys.keyFor(baseUrl) };
    },
    threadTarget: (threadId) => profiles.target(profiles.forThread(threadId)),
    profileTarget: (profileId) => profiles.target(profileId),
    pinThread: (threadId, profileId) => void profiles.assign(threadId, profileId),
    attachments: new AttachmentService(
      createAttachmentStore({ dir: path.join(platform.userDataDir, 'attachments'), logger: platform.logger }),
    ),
  };

  const clients = new Clients();
  const playground = new PlaygroundService(ctx);
  const mcp = new McpHub({
    repo: new McpRepo(storage.db, (row) => platform.logger.warn('corrupt row skipped', { ...row })),
    secrets: platform.secrets,
    addSecret: (v) => redactor.add(v),
    onChange: (servers) => clients.broadcast('mcp.changed', { servers }),
  });
  mcp.init();
  const mcpCall = async <T>(fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof McpFailure) throw AppFailure.of('invalid_input', err.message, { reason: 'mcp_config' });
      throw err;
    }
  };
  const chat = new ChatService(ctx, clients, playground, mcp);
  const compare = new CompareRunner(ctx, chat, playground);
  const gateway = new GatewayService(ctx);
  const search = new SearchService(storage.search, storage.windows, threads);
  const batchRepo = new BatchesRepo(storage.db, (row) => platform.logger.warn('corrupt row skipped', { ...row }));
  batchRepo.sweep(); // rows queued or running when the last run ended are stopped (§ Batches)
  const batches = new BatchService(ctx, clients, batchRepo);
  // Batches' threads are theirs (exported from the batch view), not conversations: "Export all" leaves them out.
  const exporter = new Exporter(ctx, platform.version, () => batches.hidden());
  const importer = new Importer({ ctx, transaction: (fn) => storage.db.transaction(fn)() });
  const suites = new SuiteService(ctx, new SuitesRepo(storage.db, (row) => platform.logger.warn('corrupt row skipped', { ...row })), clients, opts.mcp ?? createSuiteMcp());

  const mustThread = (id: string) => {
    const t = threads.get(id);
    if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
    return t;
  };

  const handlers: Handlers = {
    'app.info': () => ({
      mode: platform.mode,
      demo: !!opts.demo,
      version: platform.version,
      systemLocale: platform.systemLocale(),
    }),
    'settings.get': () => settings.getSettings(),
    'settings.update': async (patch) => {
      if (patch.baseUrl !== undefined) checkBaseUrl(patch.baseUrl);
      const before = settings.getSettings().baseUrl;
      const next = settings.updateSettings(patch);
      if (patch.baseUrl !== undefined) await keys.baseUrlMoved(before, next.baseUrl);
      return next;
    },
    'key.status': () => keys.status(),
    'key.set': ({ key }) => keys.set(key),
    'key.remove': () => keys.remove(),
    'key.confirmMove': () => keys.confirmMove(),
    'gateway.test': ({ profileId }) => gateway.test(profileId),
    'gateway.models': ({ profileId }) => gateway.models(profileId),
    'gateway.balance': ({ profileId }) => gateway.balance(profileId),
    'threads.list': ({ query }) => {
      const hidden = batches.hidden();
      return threads.list({ query }).filter((t) => !hidden.has(t.id));
    },
    'threads.create': ({ model, protocol }) => {
      const defaults = settings.getSettings();
      const m = model?.trim() || defaults.model;
      // A new thread starts from the default system prompt; its other parameters follow the defaults live.
      return threads.create({ model: m, protocol: protocol ?? defaultProtocolFor(m), systemPrompt: defaults.systemPrompt });
    },
    'threads.update': ({ id, ...patch }) => {
      mustThread(id);
      const withProtocol =
        patch.model !== undefined && patch.protocol === undefined
          ? { ...patch, protocol: defaultProtocolFor(patch.model) }
          : patch;
      const t = threads.update(id, withProtocol);
      if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
      return t;
    },
    'threads.usage': ({ id }) => {
      mustThread(id);
      return usage.byThread(id);
    },
    'threads.discard': ({ id }) => ({ discarded: threads.deleteEmptyUntitled(id) > 0 }),
    'threads.delete': ({ id }) => {
      threads.delete(id);
      return null;
    },
    'messages.list': ({ threadId, before, limit }) => {
      mustThread(threadId);
      return messages.listByThread(threadId, { before, limit: limit ?? 100 });
    },
    'chat.send': ({ threadId, parts }, c) => chat.send(threadId, parts, c.clientId),
    'chat.stop': ({ messageId }) => {
      chat.stop(messageId);
      return null;
    },
    'chat.retry': ({ messageId }, c) => chat.retry(messageId, c.clientId),
    'chat.attach': ({ threadId }, c) => chat.attach(threadId, c.clientId),
    'chat.regenerate': ({ messageId }, c) => chat.regenerate(messageId, c.clientId),
    'chat.edit': ({ messageId, text }, c) => chat.edit(messageId, text, c.clientId),
    'chat.compare': ({ threadId, parts, models }, c) => compare.send(threadId, parts, models, c.clientId),
    'messages.select': ({ messageId, limit }) => {
      const m = messages.get(messageId);
      if (!m) throw AppFailure.of('not_found', 'That message no longer exists.');
      messages.select(messageId);
      return messages.listByThread(m.threadId, { limit: limit ?? 100 });
    },
    'messages.delete': ({ messageId, limit }) => {
      const m = messages.get(messageId);
      if (!m) throw AppFailure.of('not_found', 'That message no longer exists.');
      if (m.status === 'streaming') throw AppFailure.of('invalid_input', 'Stop the answer before deleting it.');
      messages.deleteKeepingChildren(messageId);
      return messages.listByThread(m.threadId, { limit: limit ?? 100 });
    },
    'attachments.add': (input) => ctx.attachments.add(input),
    'attachments.get': ({ ids }) => ctx.attachments.get(ids),
    'attachments.preview': ({ id }) => ctx.attachments.preview(id),
    'attachments.edit': ({ id, rotate, crop }) => ctx.attachments.edit(id, { rotate, crop }),
    'playground.get': ({ threadId }) => playground.get(threadId),
    'playground.update': ({ threadId, config }) => playground.update(threadId, config),
    'playground.validate': ({ toolSet, protocol }) => playground.validate(toolSet, protocol),
    'playground.presets': () => playground.presets(),
    'playground.import': ({ json }) => playground.import(json),
    'playground.export': ({ threadId }) => playground.export(threadId),
    'tools.respond': ({ messageId, toolCallId, decision }) => {
      chat.respond(messageId, toolCallId, decision);
      return null;
    },
    'traces.get': ({ messageId }) => playground.trace(messageId) ?? suites.trace(messageId),
    'traces.curl': ({ messageId, step }) => (suites.trace(messageId) ? suites.curl(messageId, step) : playground.curl(messageId, step)),
    'traces.export': ({ messageId }) => (suites.trace(messageId) ? suites.exportTrace(messageId) : playground.exportTrace(messageId)),
    'traces.resend': (input, c) => chat.resend(input, c.clientId),
    'search.messages': ({ query, limit }) => {
      const hidden = batches.hidden();
      return search.messages(query, limit).filter((h) => !hidden.has(h.threadId));
    },
    'search.inThread': ({ threadId, query, limit }) => search.inThread(threadId, query, limit),
    'messages.around': ({ threadId, messageId, limit }) => search.around(threadId, messageId, limit),
    'messages.newer': ({ threadId, after, limit }) => search.newer(threadId, after, limit),
    'profiles.list': () => profiles.list(),
    'profiles.save': (input) => profiles.save(input),
    'profiles.delete': async ({ id }) => {
      await profiles.delete(id);
      return null;
    },
    'profiles.setKey': ({ id, key }) => profiles.setKey(id, key),
    'profiles.removeKey': ({ id }) => profiles.removeKey(id),
    'profiles.setActive': ({ id }) => {
      profiles.setActive(id);
      return null;
    },
    'profiles.forThread': ({ threadId }) => {
      mustThread(threadId);
      return { profileId: profiles.peekThread(threadId) };
    },
    'profiles.assign': ({ threadId, profileId }) => {
      mustThread(threadId);
      const p = profiles.assign(threadId, profileId);
      const t = threads.update(threadId, { protocol: p.protocol });
      if (!t) throw AppFailure.of('not_found', 'This thread no longer exists.');
      return t;
    },
    'export.threads': (input) => exporter.export(input),
    'import.threads': async ({ text }) => {
      const imported = await importer.import(text);
      for (const thread of imported) clients.broadcast('threads.changed', { thread });
      return { threads: imported };
    },
    'batches.create': (input, c) => batches.create(input, c.clientId),
    'batches.list': () => batches.list(),
    'batches.get': ({ id }, c) => batches.get(id, c.clientId),
    'batches.update': ({ id, ...patch }) => batches.update(id, patch),
    'batches.stop': ({ id }) => {
      batches.stop(id);
      return null;
    },
    'batches.retry': ({ id, rowIds }, c) => batches.retry(id, rowIds, c.clientId),
    'batches.export': ({ id, format }) => batches.export(id, format),
    'batches.delete': async ({ id }) => {
      await batches.delete(id);
      return null;
    },
    'suites.get': ({ threadId }) => suites.get(threadId),
    'suites.save': ({ threadId, suite }) => suites.save(threadId, suite),
    'suites.saveCase': ({ threadId }) => suites.saveCase(threadId),
    'suites.import': ({ threadId, text }) => suites.import(threadId, text),
    'suites.export': ({ threadId }) => suites.export(threadId),
    'suites.run': ({ threadId, models }) => suites.run(threadId, models),
    'mcp.list': () => ({ servers: mcp.list() }),
    'mcp.save': async ({ json }) => ({ servers: await mcpCall(() => mcp.save(json)) }),
    'mcp.remove': async ({ name }) => ({ servers: await mcpCall(() => mcp.remove(name)) }),
    'mcp.restart': async ({ name }) => ({ servers: await mcpCall(() => mcp.restart(name)) }),
    'mcp.threadTools': ({ threadId }) => {
      mustThread(threadId);
      return { tools: mcp.threadTools(threadId) };
    },
    'mcp.setThreadTool': ({ threadId, server, tool, enabled }) => {
      mustThread(threadId);
      return { tools: mcp.setThreadTool(threadId, { server, tool }, enabled) };
    },
    'shell.openExternal': async ({ url }) => {
      if (!isSafeExternalUrl(url)) throw AppFailure.of('invalid_input', 'Only http and https links can be opened.');
      await platform.openExternal(url);
      return null;
    },
  };

  return {
    clients,
    call: (route, input, c) =>
      dispatch(handlers, route, input, c, (r, err) => platform.logger.error(`route ${r} failed`, errorDetails(err))),
    clientGone: (clientId) => {
      // Streams keep running and are stored; a window that comes back gets them with chat.attach.
      chat.clientGone(clientId);
      batches.clientGone(clientId);
    },
    async close() {
      await chat.shutdown();
      await batches.shutdown();
      await suites.shutdown();
      await mcp.dispose(); // every stdio server's process ends with the app
      storage.close();
      await disposeHeifDecoder(); // a HEIC decode still running ends with the app
    },
  };
}
