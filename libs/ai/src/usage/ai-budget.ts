import type { Redis } from 'ioredis';
import { BudgetExceededError } from '../errors/budget-exceeded.error.js';
import type { ProviderLimits } from '../interfaces/provider-options.interface.js';

/** Daily spend per provider (UTC days), shared through Redis. */
export class AiBudget {
  constructor(
    private readonly redis: Redis,
    private readonly limits: Readonly<Record<string, ProviderLimits>>,
    private readonly keyPrefix: string,
  ) {}

  /** Throws BudgetExceededError when today's spend has reached the provider's budget. */
  async check(provider: string): Promise<void> {
    const budget = this.limits[provider]?.dailyBudgetUsd;
    if (budget === undefined) return;
    const spent = Number((await this.redis.get(this.key(provider))) ?? 0);
    if (spent >= budget) throw new BudgetExceededError(provider, spent, budget);
  }

  /** Adds a call's cost to today's spend. */
  async record(provider: string, costUsd: number): Promise<void> {
    if (this.limits[provider]?.dailyBudgetUsd === undefined || !(costUsd > 0)) return;
    const key = this.key(provider);
    // Two days: the key outlives its UTC day wherever the process's clock is.
    await this.redis.multi().incrbyfloat(key, costUsd).expire(key, 172_800).exec();
  }

  /** Today's spend in USD. */
  async spent(provider: string): Promise<number> {
    return Number((await this.redis.get(this.key(provider))) ?? 0);
  }

  private key(provider: string): string {
    return `${this.keyPrefix}:budget:${provider}:${new Date().toISOString().slice(0, 10)}`;
  }
}
