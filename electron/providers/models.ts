// GET /v1/models in either shape (PROTOCOLS.md §3, case 38).

import { endpointUrl } from '../../shared/url';
import { anthropicAuthHeaders, ANTHROPIC_VERSION } from './anthropic-messages';
import { classifyApiErrorBody, ProviderError, providerError } from './errors';
import { getJson } from './http-json';
import { isRecord, nonEmptyString } from './json-util';
import type { HttpRequest } from './types';

export interface ModelsRequestInput {
  baseUrl: string;
  apiKey: string;
  /**
   * 'openai' (default): Bearer only, the OpenAI-shaped list. 'anthropic': x-api-key + anthropic-version,
   * which new-api answers in the Anthropic shape (for endpoints that speak only that protocol).
   */
  style?: 'openai' | 'anthropic';
}

export function buildModelsRequest({ baseUrl, apiKey, style = 'openai' }: ModelsRequestInput): HttpRequest {
  const headers: Record<string, string> =
    style === 'anthropic'
      ? { ...anthropicAuthHeaders(apiKey, 'x-api-key'), 'anthropic-version': ANTHROPIC_VERSION }
      : { Authorization: `Bearer ${apiKey}` };
  return { url: endpointUrl(baseUrl, '/v1/models'), method: 'GET', headers: { ...headers, Accept: 'application/json' } };
}

/**
 * OpenAI `{object:"list", data:[{id}]}` and Anthropic `{data:[{id, display_name, type:"model"}], has_more}`
 * both carry ids in data[].id. Returns them sorted and without duplicates.
 */
export function parseModelsResponse(json: unknown): string[] {
  const apiError = classifyApiErrorBody(json);
  if (apiError) throw new ProviderError(apiError);
  if (!isRecord(json) || !Array.isArray(json.data)) {
    throw providerError('protocol', 'The model list has no `data` array');
  }
  const ids = new Set<string>();
  for (const m of json.data) {
    const id = isRecord(m) ? nonEmptyString(m.id) : nonEmptyString(m);
    if (id) ids.add(id.trim());
  }
  return [...ids].sort((a, b) => a.localeCompare(b));
}

export async function fetchModels(
  fetchFn: typeof globalThis.fetch,
  input: ModelsRequestInput,
  signal?: AbortSignal,
): Promise<string[]> {
  return parseModelsResponse(await getJson(fetchFn, buildModelsRequest(input), signal));
}
