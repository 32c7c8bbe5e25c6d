// The contract (shared/contract.ts) is what the renderer is typed against; these tests hold the core to
// it. The harness parses every route result and pushed event with its schema; here every route is called
// once on real data, so a handler that returns a field the contract does not declare (or lacks one it
// does) fails here and not in a window.
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { routes } from '../../shared/contract';
import { Clients } from '../../electron/core/clients';
import type { Core } from '../../electron/core/core';
import { openaiText } from '../fixtures/gateway/scenarios';
import { checkContract, contractDrift, startCore, type CoreHarness } from './core-harness';

describe('contractDrift', () => {
  const Item = z.object({ id: z.string(), size: z.number().optional() });

  it('passes a value that is exactly what the schema declares', () => {
    expect(contractDrift(Item, { id: 'a', size: 1 })).toBeNull();
    expect(contractDrift(Item, { id: 'a', size: undefined })).toBeNull();
  });

  it('names a field the schema does not declare, even deep in an array', () => {
    expect(contractDrift(Item, { id: 'a', secret: 'x' })).toBe('secret is not in the contract');
    expect(contractDrift(z.object({ items: z.array(Item) }), { items: [{ id: 'a' }, { id: 'b', extra: 1 }] })).toBe(
      'items[1].extra is not in the contract',
    );
  });

  it('names a field of the wrong type or missing', () => {
    expect(contractDrift(Item, { size: 'big' })).toMatch(/^id: .*; size: /);
  });
});

describe('checkContract', () => {
  it('records route outputs and events that drift, and still delivers them', async () => {
    const drift: string[] = [];
    const stub: Core = {
      clients: new Clients(0),
      call: async () => ({
        ok: true,
        value: { mode: 'browser', demo: false, version: '1', systemLocale: 'en', extra: true },
      }),
      clientGone: () => {},
      close: async () => {},
    };
    const core = checkContract(stub, drift);
    const seen: string[] = [];
    core.clients.attach('w', (event) => seen.push(event));
    core.clients.broadcast('threads.changed', { thread: { id: 't' } } as never);
    await core.call('app.info', {}, { clientId: 'w' });
    expect(seen).toEqual(['threads.changed']);
    expect(drift).toHaveLength(2);
    expect(drift[0]).toMatch(/^event threads\.changed: /);
    expect(drift[1]).toMatch(/^app\.info output: /);
  });
});

describe('every route, on real data', () => {
  let h: CoreHarness;
  beforeEach(async () => {
    h = await startCore();
  });
  afterEach(async () => {
    await h.close();
  });

  it('answers in the shape shared/contract.ts declares', async () => {
    const called = new Set<string>();
    const call: CoreHarness['call'] = (route, input) => {
      called.add(route);
      return h.call(route, input);
    };
    const ok: CoreHarness['ok'] = (route, input) => {
      called.add(route);
      return h.ok(route, input);
    };

    await ok('app.info', {});
    await ok('settings.get', {});
    await ok('settings.update', { locale: 'en' });
    await ok('key.status', {});
    await ok('gateway.test', {});
    await ok('gateway.models', {});
    await ok('gateway.balance', {});

    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#36c' } }).png().toBuffer();
    const att = await ok('attachments.add', { name: 'a.png', mime: 'image/png', data: png.toString('base64') });
    await ok('attachments.get', { ids: [att.id] });
    await ok('attachments.preview', { id: att.id });
    await ok('attachments.edit', { id: att.id, rotate: 90, crop: { x: 0, y: 0, w: 0.5, h: 1 } });

    const thread = await ok('threads.create', { model: 'gpt-4o-mini' });
    await ok('threads.update', { id: thread.id, title: 'Contract tour', systemPrompt: 'Be brief.' });
    h.gateway.queue(openaiText('An answer for the contract tour.'));
    const sent = await ok('chat.send', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Describe this.' }, { type: 'attachment', attachmentId: att.id }],
    });
    const answer = sent.assistantMessage.id;
    // A window that (re)attaches mid-answer gets the running answers' state.
    await ok('chat.attach', { threadId: thread.id });
    await h.finished(answer);
    await ok('threads.list', {});
    await ok('threads.list', { query: 'tour' });
    await ok('messages.list', { threadId: thread.id, limit: 10 });
    const hits = await ok('search.messages', { query: 'contract tour' });
    expect(hits.map((x) => x.messageId)).toContain(answer);
    await ok('search.inThread', { threadId: thread.id, query: 'tour' });
    const around = await ok('messages.around', { threadId: thread.id, messageId: answer, limit: 10 });
    await ok('messages.newer', { threadId: thread.id, after: around.messages[0]!.createdAt });

    // "Describe each" (§ Batches): a one-image batch through every batch route.
    h.gateway.queue(openaiText('A batch description.'), openaiText('Again.'));
    const batch = await ok('batches.create', { threadId: thread.id, images: [{ attachmentId: att.id, name: 'a.png' }], prompt: 'Describe {name}.' });
    await ok('batches.update', { id: batch.batch.id, concurrency: 2, prompt: 'Alt text for {name}.' });
    await ok('batches.list', {});
    await ok('batches.get', { id: batch.batch.id });
    await ok('batches.stop', { id: batch.batch.id });
    await ok('batches.retry', { id: batch.batch.id, rowIds: [batch.rows[0]!.id] });
    await ok('batches.export', { id: batch.batch.id, format: 'csv' });
    await ok('batches.delete', { id: batch.batch.id });
    await ok('threads.update', { id: thread.id, params: { temperature: 0.3, reasoningEffort: 'low' } });
    await ok('threads.usage', { id: thread.id });
    expect(await ok('threads.discard', { id: thread.id })).toEqual({ discarded: false }); // it has messages
    const unused = await ok('threads.create', {});
    expect(await ok('threads.discard', { id: unused.id })).toEqual({ discarded: true });
    expect((await ok('threads.list', {})).map((t) => t.id)).not.toContain(unused.id);
    // MCP routes (a real server: tests/fixtures/mcp/server.ts)
    await ok('mcp.save', { json: JSON.stringify({ mcpServers: { contract: { command: process.execPath, args: ['--import', 'tsx', 'tests/fixtures/mcp/server.ts'] } } }) });
    await ok('mcp.list', {});
    await ok('mcp.setThreadTool', { threadId: thread.id, server: 'contract', tool: 'weather', enabled: true });
    await ok('mcp.threadTools', { threadId: thread.id });
    await ok('mcp.setThreadTool', { threadId: thread.id, server: 'contract', tool: 'weather', enabled: false });
    await ok('mcp.restart', { name: 'contract' });
    await ok('mcp.remove', { name: 'contract' });

    await ok('traces.get', { messageId: answer });
    await ok('traces.curl', { messageId: answer, step: 0 });
    await ok('traces.export', { messageId: answer });
    h.gateway.queue(openaiText('Again.'));
    const resent = await ok('traces.resend', {
      messageId: answer,
      step: 0,
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    await h.finished(resent.assistantMessage.id);

    h.gateway.queue(openaiText('Once more.'));
    const retried = await ok('chat.retry', { messageId: answer });
    await h.finished(retried.id);
    await ok('chat.stop', { messageId: retried.id });

    h.gateway.queue(openaiText('Another take.'));
    const regenerated = await ok('chat.regenerate', { messageId: answer });
    await h.finished(regenerated.message.id);
    h.gateway.queue(openaiText('Edited answer.'));
    const edited = await ok('chat.edit', { messageId: sent.userMessage.id, text: 'Describe this, briefly.' });
    await h.finished(edited.assistantMessage.id);
    await ok('messages.select', { messageId: sent.userMessage.id });
    await ok('messages.delete', { messageId: regenerated.message.id });
    h.gateway.queue(openaiText('One.'), openaiText('Two.'));
    const compared = await ok('chat.compare', {
      threadId: thread.id,
      parts: [{ type: 'text', text: 'Both of you, please.' }],
      models: [{ model: 'gpt-4o-mini' }, { model: 'gpt-4o', protocol: 'openai-chat' }],
    });
    await h.finished(compared.assistantMessages[0]!.id);

    const presets = await ok('playground.presets', {});
    const config = await ok('playground.get', { threadId: thread.id });
    await ok('playground.update', { threadId: thread.id, config });
    await ok('playground.validate', { toolSet: { tools: presets, toolChoice: { type: 'auto' } } });
    const exported = await ok('playground.export', { threadId: thread.id });
    await ok('playground.import', { json: exported.json });
    // No loop waits on this call: the error is the answer, and it must be a contract-shaped AppError.
    await call('tools.respond', { messageId: answer, toolCallId: 'none', decision: { action: 'error' } });

    await ok('suites.get', { threadId: thread.id });
    const saved = await ok('suites.saveCase', { threadId: thread.id });
    await ok('suites.save', { threadId: thread.id, suite: saved.suite });
    const suiteFile = await ok('suites.export', { threadId: thread.id });
    await ok('suites.import', { threadId: thread.id, text: suiteFile.json });
    h.gateway.queue(openaiText('A suite answer.'));
    const run = await ok('suites.run', { threadId: thread.id });
    await vi.waitFor(() => {
      const settled = h.pushed.filter((p) => p.event === 'suites.cell' && (p.payload as { cell: { status: string } }).cell.status === 'pass');
      expect(settled).toHaveLength(run.cells.length);
    }, { timeout: 30_000, interval: 20 });

    const second = await ok('profiles.save', {
      name: 'Second',
      preset: 'custom',
      baseUrl: h.gateway.url,
      protocol: 'anthropic-messages',
      authStyle: 'x-api-key',
      proxyUrl: null,
    });
    await ok('profiles.setKey', { id: second.id, key: 'sk-second-profile-4321' });
    await ok('profiles.list', {});
    await ok('profiles.setActive', { id: second.id });
    await ok('profiles.forThread', { threadId: thread.id });
    await ok('profiles.assign', { threadId: thread.id, profileId: second.id });
    await ok('gateway.models', { profileId: second.id });
    await ok('profiles.removeKey', { id: second.id });
    await ok('profiles.delete', { id: second.id });

    const file = await ok('export.threads', { threadIds: [thread.id], format: 'json', includeTraces: true });
    // The thread is still here: the import is refused whole, as a contract-shaped AppError.
    const again = await call('import.threads', { text: Buffer.from(file.data, 'base64').toString('utf8') });
    expect(again.ok).toBe(false);

    await ok('shell.openExternal', { url: 'https://example.com/' });
    await ok('key.set', { key: 'sk-contract-tour-5678' });
    // Browser mode has no dialog: confirming a move changes nothing and says where the key stands.
    await ok('key.confirmMove', {});
    await ok('key.remove', {});
    await ok('threads.delete', { id: thread.id });

    expect(Object.keys(routes).filter((r) => !called.has(r))).toEqual([]);
    expect(h.drift).toEqual([]);
  });
});
