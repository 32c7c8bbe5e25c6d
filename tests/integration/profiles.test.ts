// Connection profiles: each thread's requests go to its profile's gateway, with that profile's key in
// that profile's header style; switching is explicit; deleting a profile deletes its keychain entry;
// the key-to-origin binding holds per profile.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { anthropicText, openaiText } from '../fixtures/gateway/scenarios';
import { startCore, type CoreHarness } from './core-harness';

const DEFAULT_KEY = 'sk-default-profile-aaaa1111';
const SECOND_KEY = 'sk-second-profile-bbbb2222';

let h: CoreHarness;
let other: Gateway;

beforeEach(async () => {
  h = await startCore({ key: DEFAULT_KEY });
  other = await startGateway({ demo: false });
});
afterEach(async () => {
  await h.close();
  await other.close();
});

async function secondProfile(authStyle: 'bearer' | 'x-api-key' | 'both' = 'x-api-key') {
  const p = await h.ok('profiles.save', {
    name: 'Anthropic direct',
    preset: 'anthropic',
    baseUrl: other.url,
    protocol: 'anthropic-messages',
    authStyle,
    proxyUrl: null,
  });
  await h.ok('profiles.setKey', { id: p.id, key: SECOND_KEY });
  return p;
}

async function sendAndFinish(threadId: string, text: string) {
  const sent = await h.ok('chat.send', { threadId, parts: [{ type: 'text', text }] });
  return h.finished(sent.assistantMessage.id);
}

describe('profiles', () => {
  it('lists the default profile with the presets offered and never a key', async () => {
    const { profiles, activeId } = await h.ok('profiles.list', {});
    expect(activeId).toBe('default');
    expect(profiles.map((p) => [p.id, p.name, p.baseUrl])).toEqual([['default', '一步API', h.gateway.url]]);
    expect(JSON.stringify(profiles)).not.toContain(DEFAULT_KEY);
    expect(profiles[0]!.key.hint).toBe('…1111');
  });

  it('a switched thread sends the other profile key in its header style to its gateway; the first thread keeps its own', async () => {
    const p = await secondProfile('x-api-key');
    const first = await h.ok('threads.create', { model: 'claude-sonnet-4-5' });
    const second = await h.ok('threads.create', { model: 'claude-sonnet-4-5' });
    const switched = await h.ok('profiles.assign', { threadId: second.id, profileId: p.id });
    expect(switched.protocol).toBe('anthropic-messages');

    h.gateway.queue(anthropicText('from the default gateway'));
    other.queue(anthropicText('from the second gateway'));
    expect((await sendAndFinish(first.id, 'hello')).status).toBe('done');
    expect((await sendAndFinish(second.id, 'hello')).status).toBe('done');

    const toDefault = h.gateway.requests.filter((r) => r.path === '/v1/messages');
    const toSecond = other.requests.filter((r) => r.path === '/v1/messages');
    expect(toDefault).toHaveLength(1);
    expect(toSecond).toHaveLength(1);
    // Default profile: Bearer (Settings' auth style), its own key.
    expect(toDefault[0]!.headers.authorization).toBe(`Bearer ${DEFAULT_KEY}`);
    expect(toDefault[0]!.headers['x-api-key']).toBeUndefined();
    // Second profile: x-api-key only, its own key, never the default one.
    expect(toSecond[0]!.headers['x-api-key']).toBe(SECOND_KEY);
    expect(toSecond[0]!.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.requests.map((r) => r.headers))).not.toContain(DEFAULT_KEY);

    expect((await h.ok('profiles.forThread', { threadId: first.id })).profileId).toBe('default');
    expect((await h.ok('profiles.forThread', { threadId: second.id })).profileId).toBe(p.id);
  });

  it('sends both headers when the profile says both', async () => {
    const p = await secondProfile('both');
    const t = await h.ok('threads.create', { model: 'claude-sonnet-4-5' });
    await h.ok('profiles.assign', { threadId: t.id, profileId: p.id });
    other.queue(anthropicText('ok'));
    await sendAndFinish(t.id, 'hi');
    const req = other.requests.find((r) => r.path === '/v1/messages')!;
    expect(req.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);
    expect(req.headers['x-api-key']).toBe(SECOND_KEY);
  });

  it('a thread remembers its profile when the profile for new threads changes', async () => {
    const p = await secondProfile();
    const t = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    h.gateway.queue(openaiText('one'));
    await sendAndFinish(t.id, 'first');
    await h.ok('profiles.setActive', { id: p.id });
    h.gateway.queue(openaiText('two'));
    await sendAndFinish(t.id, 'second');
    expect(h.gateway.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
    expect(other.requests).toHaveLength(0);

    // A thread first used now goes to the new active profile.
    const fresh = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    other.queue(openaiText('three'));
    await sendAndFinish(fresh.id, 'third');
    expect(other.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
  });

  it('deleting a profile deletes its keychain entry and its threads say so instead of falling back', async () => {
    const p = await secondProfile();
    const accounts = async () => (await Promise.all(['api-key', `api-key:${p.id}`, `api-key-origin:${p.id}`].map((a) => h.secrets.get(a))));
    expect((await accounts())[1]).toBe(SECOND_KEY);
    const t = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    await h.ok('profiles.assign', { threadId: t.id, profileId: p.id });
    await h.ok('profiles.delete', { id: p.id });
    const [defaultKey, secondKey, secondOrigin] = await accounts();
    expect(defaultKey).toBe(DEFAULT_KEY);
    expect(secondKey).toBeNull();
    expect(secondOrigin).toBeNull();
    const r = await h.call('chat.send', { threadId: t.id, parts: [{ type: 'text', text: 'hi' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('profile_gone');
    expect(h.gateway.requests.filter((x) => x.method === 'POST')).toHaveLength(0);
    const del = await h.call('profiles.delete', { id: 'default' });
    expect(del.ok).toBe(false);
  });

  it('the key-to-origin binding holds per profile: a profile moved to another gateway sends nothing until its key is entered again', async () => {
    const p = await secondProfile('bearer');
    const t = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    await h.ok('profiles.assign', { threadId: t.id, profileId: p.id });
    // The second profile now points at the default profile's gateway: its key was saved for `other`.
    const { key: _key, ...fields } = p;
    await h.ok('profiles.save', { ...fields, baseUrl: h.gateway.url });
    const r = await h.call('chat.send', { threadId: t.id, parts: [{ type: 'text', text: 'hi' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('key_origin');
    expect(h.gateway.requests.filter((x) => x.method === 'POST')).toHaveLength(0);
    const listed = (await h.ok('profiles.list', {})).profiles.find((x) => x.id === p.id)!;
    expect(listed.key.originMatches).toBe(false);
    // The default profile is untouched by the second one's move.
    expect((await h.ok('key.status', {})).originMatches).toBe(true);

    await h.ok('profiles.setKey', { id: p.id, key: SECOND_KEY });
    h.gateway.queue(anthropicText('now it may'));
    expect((await sendAndFinish(t.id, 'again')).status).toBe('done');
    expect(h.gateway.requests.find((x) => x.method === 'POST')!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);
  });

  it('a branch made from a traced step goes to the same profile as the answer it came from', async () => {
    const p = await secondProfile('bearer');
    const t = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    await h.ok('profiles.assign', { threadId: t.id, profileId: p.id });
    other.queue(anthropicText('first'));
    const answer = await sendAndFinish(t.id, 'hi');
    other.queue(openaiText('branched'));
    const resent = await h.ok('traces.resend', {
      messageId: answer.id,
      step: 0,
      body: JSON.stringify({ model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'Hi' }] }),
    });
    await h.finished(resent.assistantMessage.id);
    expect((await h.ok('profiles.forThread', { threadId: resent.thread.id })).profileId).toBe(p.id);
    expect(other.requests.filter((r) => r.method === 'POST')).toHaveLength(2);
    expect(h.gateway.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
  });

  it('refuses a proxy that is not an http(s) host:port', async () => {
    const r = await h.call('profiles.save', {
      name: 'x',
      preset: 'custom',
      baseUrl: other.url,
      protocol: 'openai-chat',
      authStyle: 'bearer',
      proxyUrl: 'socks5://127.0.0.1:1080',
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.reason).toBe('bad_proxy');
  });
});

describe('proxy override', () => {
  it("a profile's requests go through its proxy; other profiles' do not", async () => {
    const { startProxy } = await import('../fixtures/proxy');
    const proxy = await startProxy();
    try {
      const p = await h.ok('profiles.save', {
        name: 'Behind a proxy',
        preset: 'custom',
        baseUrl: other.url,
        protocol: 'openai-chat',
        authStyle: 'bearer',
        proxyUrl: proxy.url,
      });
      await h.ok('profiles.setKey', { id: p.id, key: SECOND_KEY });
      const viaProxy = await h.ok('threads.create', { model: 'gpt-4o-mini' });
      await h.ok('profiles.assign', { threadId: viaProxy.id, profileId: p.id });
      const direct = await h.ok('threads.create', { model: 'gpt-4o-mini' });

      other.queue(openaiText('through the tunnel, streamed'));
      const answer = await sendAndFinish(viaProxy.id, 'hi');
      expect(answer.status).toBe('done');
      expect(answer.parts).toEqual([expect.objectContaining({ type: 'text', text: 'through the tunnel, streamed' })]);
      const otherHost = new URL(other.url).host;
      expect(proxy.tunnels).toEqual([otherHost]);
      expect(other.requests.find((r) => r.method === 'POST')!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);

      h.gateway.queue(openaiText('direct'));
      expect((await sendAndFinish(direct.id, 'hi')).status).toBe('done');
      expect(proxy.tunnels).toEqual([otherHost]); // the default profile went direct

      // The model list of the proxied profile goes through the proxy too.
      expect((await h.ok('gateway.models', { profileId: p.id })).length).toBeGreaterThan(0);
      expect(proxy.tunnels).toEqual([otherHost, otherHost]);
    } finally {
      await proxy.close();
    }
  });

  it('a proxy that is down fails the answer as a network error, and nothing reaches the gateway', async () => {
    const { startProxy } = await import('../fixtures/proxy');
    const proxy = await startProxy();
    const deadUrl = proxy.url;
    await proxy.close();
    const p = await h.ok('profiles.save', {
      name: 'Dead proxy',
      preset: 'custom',
      baseUrl: other.url,
      protocol: 'openai-chat',
      authStyle: 'bearer',
      proxyUrl: deadUrl,
    });
    await h.ok('profiles.setKey', { id: p.id, key: SECOND_KEY });
    const t = await h.ok('threads.create', { model: 'gpt-4o-mini' });
    await h.ok('profiles.assign', { threadId: t.id, profileId: p.id });
    const answer = await sendAndFinish(t.id, 'hi');
    expect(answer.status).toBe('error');
    expect(answer.error?.code).toBe('network');
    expect(other.requests).toHaveLength(0);
  });
});
