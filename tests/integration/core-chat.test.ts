import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageText } from '../../shared/chat-events';
import type { EventPayload } from '../../shared/contract';
import { errors, openaiLong, openaiText, anthropicText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

let h: CoreHarness;
beforeEach(async () => {
  h = await startCore();
});
afterEach(async () => {
  await h.close();
});

async function newThread(model = 'gpt-4o-mini') {
  return h.ok('threads.create', { model });
}

describe('chat through the core against the mock gateway', () => {
  it('streams an answer, stores it, and sends the OpenAI request the protocol expects', async () => {
    h.gateway.queue(openaiText('Hello from the gateway, streaming in pieces.', { chunkSize: 5, usage: { prompt: 12, completion: 9 } }));
    const thread = await newThread();
    await h.ok('threads.update', { id: thread.id, systemPrompt: 'Be brief.' });
    const { userMessage, assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'Hi there' }] });
    expect(userMessage.role).toBe('user');
    expect(assistantMessage.status).toBe('streaming');

    const final = await h.finished(assistantMessage.id);
    expect(final.status).toBe('done');
    expect(messageText(final)).toBe('Hello from the gateway, streaming in pieces.');
    expect(final.usage).toMatchObject({ inputTokens: 12, outputTokens: 9 });

    const req = h.gateway.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(req.headers.authorization).toBe('Bearer sk-test-key-1234');
    const body = req.json as Record<string, unknown>;
    expect(body).toMatchObject({ model: 'gpt-4o-mini', stream: true, stream_options: { include_usage: true } });
    expect(body.messages).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hi there' },
    ]);

    // The thread took its title from the first message, and the change was pushed.
    const threads = await h.ok('threads.list', {});
    expect(threads[0]!.title).toBe('Hi there');
    expect(h.pushed.some((p) => p.event === 'threads.changed')).toBe(true);
  });

  it('coalesces deltas into few pushes, only to the window that asked', async () => {
    h.core.clients.attach('other-window', (event) => {
      if (event === 'chat.events') throw new Error('a stream leaked to another window');
    });
    h.gateway.queue(openaiLong({ tokens: 600, tokensPerSecond: 3000 }));
    const thread = await newThread();
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'long please' }] });
    const final = await h.finished(assistantMessage.id);
    expect(final.status).toBe('done');
    const pushes = h.pushed.filter((p) => p.event === 'chat.events' && (p.payload as EventPayload<'chat.events'>).messageId === assistantMessage.id);
    const textEvents = h.chatEvents(assistantMessage.id).filter((e) => e.type === 'text');
    expect(textEvents.length).toBeGreaterThanOrEqual(600);
    expect(pushes.length).toBeLessThan(textEvents.length / 4);
  });

  it('Stop aborts the request and keeps the partial answer as stopped, also after a reopen', async () => {
    h.gateway.queue(openaiLong({ tokens: 5000, tokensPerSecond: 200 }));
    const thread = await newThread();
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'tell me a lot' }] });
    await expect.poll(() => h.chatEvents(assistantMessage.id).filter((e) => e.type === 'text').length).toBeGreaterThan(5);
    await h.ok('chat.stop', { messageId: assistantMessage.id });
    const final = await h.finished(assistantMessage.id);
    expect(final.status).toBe('stopped');
    expect(final.error).toBeNull();
    const partial = messageText(final);
    expect(partial.length).toBeGreaterThan(0);
    await expect.poll(() => h.gateway.requests.at(-1)?.outcome).toBe('aborted');

    await h.reopen();
    const { messages } = await h.ok('messages.list', { threadId: thread.id });
    expect(messages.map((m) => m.status)).toEqual(['done', 'stopped']);
    expect(messageText(messages[1]!)).toBe(partial);
  });

  it('a 500 is retried twice, then shown as a server error; Retry runs the answer again in place', async () => {
    h.gateway.queue({ ...errors.server(500), times: 3 });
    const thread = await newThread();
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hello' }] });
    const failed = await h.finished(assistantMessage.id);
    expect(failed.status).toBe('error');
    expect(failed.error?.code).toBe('server');
    expect(h.gateway.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(3);
    expect(h.waits).toHaveLength(2);

    h.gateway.queue(openaiText('Second time lucky.'));
    const again = await h.ok('chat.retry', { messageId: assistantMessage.id });
    expect(again.id).toBe(assistantMessage.id);
    const final = await h.finished(assistantMessage.id);
    expect(final.status).toBe('done');
    expect(messageText(final)).toBe('Second time lucky.');
    const { messages } = await h.ok('messages.list', { threadId: thread.id });
    expect(messages).toHaveLength(2);
  });

  it('a send without a key fails with an auth error and stores nothing', async () => {
    await h.secrets.delete('api-key');
    const thread = await newThread();
    const r = await h.call('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hello' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('auth');
    const { messages } = await h.ok('messages.list', { threadId: thread.id });
    expect(messages).toHaveLength(0);
    expect(h.gateway.requests).toHaveLength(0);
  });

  it('a 401 from the gateway is classified as auth and not retried', async () => {
    h.gateway.queue(errors.auth());
    const thread = await newThread();
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hello' }] });
    const final = await h.finished(assistantMessage.id);
    expect(final.error?.code).toBe('auth');
    expect(h.gateway.requests).toHaveLength(1);
  });

  it('claude threads use the native Messages protocol with a Bearer key', async () => {
    h.gateway.queue(anthropicText('Native hello.'));
    const thread = await newThread('claude-sonnet-4-20250514');
    expect(thread.protocol).toBe('anthropic-messages');
    const { assistantMessage } = await h.ok('chat.send', { threadId: thread.id, parts: [{ type: 'text', text: 'hi' }] });
    const final = await h.finished(assistantMessage.id);
    expect(messageText(final)).toBe('Native hello.');
    const req = h.gateway.requests[0]!;
    expect(req.path).toBe('/v1/messages');
    expect(req.headers.authorization).toBe('Bearer sk-test-key-1234');
    expect(req.headers['anthropic-version']).toBe('2023-06-01');
  });

  it('rejects bad input before a handler runs', async () => {
    const r = await h.call('threads.update', { id: '', title: 'x' });
    expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const bad = await h.core.call('chat.send', { threadId: 'x', parts: [{ type: 'script', text: 1 }] }, { clientId: 'c1' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const unknown = await h.core.call('fs.readFile', { path: '/etc/passwd' }, { clientId: 'c1' });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('opens only http(s) links in the system browser', async () => {
    expect((await h.call('shell.openExternal', { url: 'javascript:alert(1)' })).ok).toBe(false);
    expect((await h.call('shell.openExternal', { url: 'file:///etc/passwd' })).ok).toBe(false);
    expect((await h.call('shell.openExternal', { url: 'https://yibuapi.com/docs' })).ok).toBe(true);
    expect(h.opened).toEqual(['https://yibuapi.com/docs']);
  });
});

describe('threads persist in SQLite', () => {
  it('rename, delete and everything survive a reopen', async () => {
    const a = await newThread();
    const b = await newThread();
    await h.ok('threads.update', { id: a.id, title: 'Renamed' });
    await h.ok('threads.delete', { id: b.id });
    await h.reopen();
    const threads = await h.ok('threads.list', {});
    expect(threads.map((t) => [t.id, t.title])).toEqual([[a.id, 'Renamed']]);
    const files = readdirSync(h.dir);
    expect(files).toContain('yibu-chat.db');
    expect(readFileSync(path.join(h.dir, 'yibu-chat.db')).subarray(0, 15).toString()).toBe('SQLite format 3');
  });
});

describe('gateway routes', () => {
  it('test connection, models and balance', async () => {
    const t = await h.ok('gateway.test', {});
    expect(t.url).toBe(`${h.gateway.url}/v1/models`);
    expect(t.models).toContain('gpt-4o-mini');
    expect(t.modelCount).toBe(t.models.length);
    const bal = await h.ok('gateway.balance', {});
    expect(bal).toEqual({ unlimited: false, remaining: 25 - 7.34, limit: 25, used: 7.34, sessionStart: 25 - 7.34 });
  });

  it('a rejected key is an auth error on test connection', async () => {
    await h.ok('key.set', { key: 'sk-wrong-key-0000' });
    const g = await startCore({ gateway: { acceptKeys: ['sk-right'] } });
    try {
      const r = await g.call('gateway.test', {});
      expect(r).toMatchObject({ ok: false, error: { code: 'auth' } });
      const status = await g.ok('key.status', {});
      expect(status).toMatchObject({ hasKey: true, hint: '…1234' });
    } finally {
      await g.close();
    }
  });
});
