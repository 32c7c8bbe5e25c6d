// "How much the balance moved this session" is per account: each connection profile's gateway and key
// has its own starting point, so two profiles never share one number, and a profile on the same gateway
// with another key is another account.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGateway, type Gateway } from '../fixtures/gateway';
import { startCore, type CoreHarness } from './core-harness';

const DEFAULT_KEY = 'sk-default-balance-aaaa1111';
const SECOND_KEY = 'sk-second-balance-bbbb2222';
const THIRD_KEY = 'sk-third-balance-cccc3333';

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

/** The next billing/usage answer of a gateway: `cents` used so far (the limit stays $25). */
const used = (g: Gateway, cents: number) => g.queue({ match: { path: '/v1/dashboard/billing/usage' }, json: { object: 'list', total_usage: cents } });

async function profile(name: string, baseUrl: string, key: string) {
  const p = await h.ok('profiles.save', { name, preset: 'custom', baseUrl, protocol: 'openai-chat', authStyle: 'bearer', proxyUrl: null });
  await h.ok('profiles.setKey', { id: p.id, key });
  return p;
}

describe('balance moved this session, per profile', () => {
  it('each profile starts from its own first reading and moves on its own', async () => {
    const second = await profile('Second gateway', other.url, SECOND_KEY);

    used(h.gateway, 500);
    expect(await h.ok('gateway.balance', {})).toMatchObject({ remaining: 20, sessionStart: 20 });
    used(other, 1_000);
    expect(await h.ok('gateway.balance', { profileId: second.id })).toMatchObject({ remaining: 15, sessionStart: 15 });
    // The second profile's reading went to its own gateway with its own key.
    const billing = other.requests.filter((r) => r.path === '/v1/dashboard/billing/usage');
    expect(billing.at(-1)!.headers.authorization).toBe(`Bearer ${SECOND_KEY}`);

    used(other, 1_250);
    expect(await h.ok('gateway.balance', { profileId: second.id })).toMatchObject({ remaining: 12.5, sessionStart: 15 });
    used(h.gateway, 520);
    expect(await h.ok('gateway.balance', {})).toMatchObject({ remaining: 19.8, sessionStart: 20 });
    // Asking for the default profile by id is the same account as asking without one.
    used(h.gateway, 520);
    expect(await h.ok('gateway.balance', { profileId: 'default' })).toMatchObject({ remaining: 19.8, sessionStart: 20 });
  });

  it('a profile on the same gateway with another key is another account', async () => {
    used(h.gateway, 500);
    expect(await h.ok('gateway.balance', {})).toMatchObject({ sessionStart: 20 });
    const third = await profile('Same gateway, other key', h.gateway.url, THIRD_KEY);
    used(h.gateway, 2_000);
    expect(await h.ok('gateway.balance', { profileId: third.id })).toMatchObject({ remaining: 5, sessionStart: 5 });

    // A new key on the default profile: a new account, a new starting point.
    await h.ok('key.set', { key: 'sk-default-balance-dddd4444' });
    used(h.gateway, 800);
    expect(await h.ok('gateway.balance', {})).toMatchObject({ remaining: 17, sessionStart: 17 });
  });
});
