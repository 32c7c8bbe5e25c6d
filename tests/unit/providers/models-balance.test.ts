import { afterEach, describe, expect, it } from 'vitest';
import { computeBalance, buildBalanceRequests, fetchBalance } from '../../../electron/providers/balance';
import { getJson } from '../../../electron/providers/http-json';
import { buildModelsRequest, fetchModels, parseModelsResponse } from '../../../electron/providers/models';
import { startServer, unusedPort, type TestServer } from './http-helper';

let server: TestServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});
const json = (body: unknown, status = 200) => ({ status, headers: { 'content-type': 'application/json' }, steps: [JSON.stringify(body)] });

describe('models', () => {
  it('case 38: the OpenAI shape gives a sorted, unique list of ids', () => {
    expect(
      parseModelsResponse({
        success: true,
        object: 'list',
        data: [
          { id: 'gpt-4o', object: 'model', created: 1, owned_by: 'x', supported_endpoint_types: ['openai'] },
          { id: 'claude-sonnet-4-5', object: 'model' },
          { id: 'gpt-4o', object: 'model' },
        ],
      }),
    ).toEqual(['claude-sonnet-4-5', 'gpt-4o']);
  });

  it('case 38: the Anthropic shape gives the same kind of list', () => {
    expect(
      parseModelsResponse({
        data: [
          { id: 'claude-opus-4-1', created_at: '2025-08-05T00:00:00Z', display_name: 'Claude Opus 4.1', type: 'model' },
          { id: 'claude-haiku-4-5', display_name: 'Claude Haiku 4.5', type: 'model' },
        ],
        first_id: 'claude-opus-4-1',
        has_more: false,
        last_id: 'claude-haiku-4-5',
      }),
    ).toEqual(['claude-haiku-4-5', 'claude-opus-4-1']);
  });

  it('a 200 with `error` is a classified error; a body without data is a protocol error', () => {
    expect(() => parseModelsResponse({ error: { message: 'invalid token', type: 'authentication_error' } })).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ code: 'auth', message: 'invalid token' }) }),
    );
    expect(() => parseModelsResponse({ object: 'list' })).toThrowError(expect.objectContaining({ code: 'protocol' }));
  });

  it('builds Bearer or Anthropic-style requests', () => {
    expect(buildModelsRequest({ baseUrl: 'yibuapi.com', apiKey: 'k' })).toMatchObject({
      url: 'https://yibuapi.com/v1/models',
      method: 'GET',
      headers: { Authorization: 'Bearer k' },
    });
    expect(buildModelsRequest({ baseUrl: 'https://yibuapi.com', apiKey: 'k', style: 'anthropic' }).headers).toMatchObject({
      'x-api-key': 'k',
      'anthropic-version': '2023-06-01',
    });
  });

  it('fetchModels over HTTP, and a 401 comes back classified', async () => {
    server = await startServer([json({ object: 'list', data: [{ id: 'b' }, { id: 'a' }] }), json({ error: { message: 'bad key', type: 'new_api_error' } }, 401)]);
    expect(await fetchModels(fetch, { baseUrl: server.url, apiKey: 'sk-x' })).toEqual(['a', 'b']);
    expect(server.requests[0]!.headers.authorization).toBe('Bearer sk-x');
    await expect(fetchModels(fetch, { baseUrl: server.url, apiKey: 'sk-x' })).rejects.toMatchObject({
      appError: { code: 'auth', message: 'bad key', status: 401 },
    });
  });
});

describe('balance', () => {
  it('case 39: hard_limit_usd 100000000 is unlimited', () => {
    expect(computeBalance({ object: 'billing_subscription', hard_limit_usd: 100000000 }, { object: 'list', total_usage: 1234 })).toEqual({
      unlimited: true,
      remaining: null,
      limit: null,
      used: 12.34,
    });
  });

  it('case 39: remaining = hard_limit_usd − total_usage/100', () => {
    expect(computeBalance({ hard_limit_usd: 50, soft_limit_usd: 50 }, { total_usage: 1234.5 })).toEqual({
      unlimited: false,
      remaining: 37.655,
      limit: 50,
      used: 12.345,
    });
    expect(computeBalance({ hard_limit_usd: 0.3 }, { total_usage: 10 }).remaining).toBe(0.2);
  });

  it('case 39: a 200 with `error` on either endpoint is a balance error', () => {
    expect(() => computeBalance({ error: { message: 'quota unavailable', type: 'upstream_error' } }, { total_usage: 0 })).toThrowError(
      expect.objectContaining({ appError: expect.objectContaining({ message: 'quota unavailable' }) }),
    );
    expect(() => computeBalance({ hard_limit_usd: 5 }, { error: { message: 'nope' } })).toThrow('nope');
    expect(() => computeBalance({ object: 'billing_subscription' }, { total_usage: 0 })).toThrowError(expect.objectContaining({ code: 'protocol' }));
  });

  it('fetchBalance asks both endpoints with the key and combines them', async () => {
    const req = buildBalanceRequests({ baseUrl: 'https://gw.test/v1', apiKey: 'sk-b' });
    expect(req.subscription.url).toBe('https://gw.test/v1/dashboard/billing/subscription');
    expect(req.usage.url).toBe('https://gw.test/v1/dashboard/billing/usage');
    // Answer by path: the two requests run in parallel, so a replay-in-order server could swap them.
    const answers: Record<string, unknown> = {
      '/v1/dashboard/billing/subscription': { hard_limit_usd: 10 },
      '/v1/dashboard/billing/usage': { total_usage: 250 },
    };
    const auth: string[] = [];
    const byPath: typeof fetch = async (input, init) => {
      auth.push(new Headers(init?.headers).get('authorization') ?? '');
      const body = JSON.stringify(answers[new URL(String(input)).pathname]);
      return new Response(body, { status: 200, headers: { 'content-type': 'application/json' } });
    };
    expect(await fetchBalance(byPath, { baseUrl: 'https://gw.test', apiKey: 'sk-b' })).toEqual({
      unlimited: false,
      remaining: 7.5,
      limit: 10,
      used: 2.5,
    });
    expect(auth).toEqual(['Bearer sk-b', 'Bearer sk-b']);
  });
});

describe('getJson', () => {
  it('classifies 200-with-error, non-JSON bodies and refused connections', async () => {
    server = await startServer([json({ error: { message: 'token quota is not enough', type: 'new_api_error' } }), { status: 200, steps: ['<html>'] }]);
    const req = { url: `${server.url}/x`, method: 'GET' as const, headers: {} };
    await expect(getJson(fetch, req)).rejects.toMatchObject({ appError: { code: 'quota', status: 200 } });
    await expect(getJson(fetch, req)).rejects.toMatchObject({ appError: { code: 'protocol' } });
    const port = await unusedPort();
    await expect(getJson(fetch, { ...req, url: `http://127.0.0.1:${port}/x` })).rejects.toMatchObject({ appError: { code: 'network' } });
  });
});
