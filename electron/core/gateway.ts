// Gateway calls outside chat: test connection, the model list, the balance.
import { createHash } from 'node:crypto';
import type { Balance, ConnectionResult } from '../../shared/domain';
import { DEFAULT_PROFILE_ID } from '../../shared/profiles';
import { endpointUrl } from '../../shared/url';
import { fetchBalance } from '../providers/balance';
import { fetchModels } from '../providers/models';
import { ProviderError } from '../providers/errors';
import type { CoreContext } from './context';
import { AppFailure } from './failure';

export class GatewayService {
  /**
   * the first remaining balance this run read, per account: profile, base URL and key (Settings shows how
   * much it moved since). Two profiles on one gateway with different keys are two accounts, and a new
   * key is a new account; the key is held only as a digest, in memory.
   */
  private readonly sessionStart = new Map<string, number | null>();

  constructor(private readonly ctx: CoreContext) {}

  /** `profileId`: a connection profile's gateway instead of the default one (Settings' own fields). */
  async test(profileId?: string): Promise<ConnectionResult> {
    const models = await this.models(profileId);
    const baseUrl = profileId ? (await this.ctx.profileTarget(profileId)).baseUrl : this.ctx.requireBaseUrl();
    return { url: endpointUrl(baseUrl, '/v1/models'), modelCount: models.length, models };
  }

  async models(profileId?: string): Promise<string[]> {
    if (profileId) {
      const t = await this.ctx.profileTarget(profileId);
      return this.guard(() => fetchModels(t.fetch, { baseUrl: t.baseUrl, apiKey: t.apiKey, style: t.authStyle === 'x-api-key' ? 'anthropic' : 'openai' }, AbortSignal.timeout(30_000)));
    }
    const { baseUrl, apiKey } = await this.target();
    return this.guard(() => fetchModels(this.ctx.fetch, { baseUrl, apiKey }, AbortSignal.timeout(30_000)));
  }

  /** `profileId`: that profile's gateway and key instead of the default one. */
  async balance(profileId?: string): Promise<Balance> {
    const t = profileId ? await this.ctx.profileTarget(profileId) : { ...(await this.target()), fetch: this.ctx.fetch };
    const balance = await this.guard(() => fetchBalance(t.fetch, { baseUrl: t.baseUrl, apiKey: t.apiKey }, AbortSignal.timeout(30_000)));
    const account = [profileId ?? DEFAULT_PROFILE_ID, t.baseUrl, createHash('sha256').update(t.apiKey).digest('hex')].join('\n');
    if (!this.sessionStart.has(account)) this.sessionStart.set(account, balance.remaining);
    return { ...balance, sessionStart: this.sessionStart.get(account) ?? null };
  }

  private target(): Promise<{ baseUrl: string; apiKey: string }> {
    return this.ctx.requireTarget();
  }

  private async guard<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof ProviderError) throw new AppFailure(this.ctx.redactor.value(err.appError));
      throw err;
    }
  }
}
