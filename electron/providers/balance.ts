// Balance from the OpenAI-style billing endpoints new-api and one-api serve (PROTOCOLS.md §3, case 39).

import type { Balance } from '../../shared/domain';
import { endpointUrl } from '../../shared/url';
import { classifyApiErrorBody, ProviderError, providerError } from './errors';
import { getJson } from './http-json';
import { asRecord } from './json-util';
import type { HttpRequest } from './types';

/** new-api's hard_limit_usd for a key with unlimited quota. */
export const UNLIMITED_HARD_LIMIT = 100_000_000;

export interface BalanceRequests {
  subscription: HttpRequest;
  usage: HttpRequest;
}

export function buildBalanceRequests({ baseUrl, apiKey }: { baseUrl: string; apiKey: string }): BalanceRequests {
  const headers = { Authorization: `Bearer ${apiKey}`, Accept: 'application/json' };
  return {
    subscription: { url: endpointUrl(baseUrl, '/v1/dashboard/billing/subscription'), method: 'GET', headers },
    usage: { url: endpointUrl(baseUrl, '/v1/dashboard/billing/usage'), method: 'GET', headers },
  };
}

function finiteNumber(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
}

/** Amounts are money-like: drop binary floating-point noise (0.1 + 0.2) without losing real digits. */
function tidy(n: number): number {
  return Math.round(n * 1e6) / 1e6;
}

/**
 * remaining = hard_limit_usd − total_usage / 100 (total_usage is in cents), in the site's display unit.
 * hard_limit_usd 100000000 means unlimited. Throws a ProviderError when either body is an error.
 */
export function computeBalance(subscription: unknown, usage: unknown): Balance {
  for (const body of [subscription, usage]) {
    const apiError = classifyApiErrorBody(body);
    if (apiError) throw new ProviderError(apiError);
  }
  const hard = finiteNumber(asRecord(subscription).hard_limit_usd);
  if (hard === undefined) throw providerError('protocol', 'The billing subscription has no hard_limit_usd');
  const cents = finiteNumber(asRecord(usage).total_usage);
  const used = cents === undefined ? null : tidy(cents / 100);
  if (hard >= UNLIMITED_HARD_LIMIT) return { unlimited: true, remaining: null, limit: null, used };
  // Without the usage figure the remaining amount would be a guess; say so instead.
  if (used === null) throw providerError('protocol', 'The billing usage has no total_usage');
  return { unlimited: false, remaining: tidy(hard - used), limit: tidy(hard), used };
}

export async function fetchBalance(
  fetchFn: typeof globalThis.fetch,
  input: { baseUrl: string; apiKey: string },
  signal?: AbortSignal,
): Promise<Balance> {
  const req = buildBalanceRequests(input);
  const [sub, use] = await Promise.all([getJson(fetchFn, req.subscription, signal), getJson(fetchFn, req.usage, signal)]);
  return computeBalance(sub, use);
}
