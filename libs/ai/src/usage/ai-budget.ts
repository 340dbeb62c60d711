import { RedisScript, type RedisClient } from '@aiwire/core';
import { BudgetExceededError } from '../errors/budget-exceeded.error.js';
import type { ProviderLimits } from '../interfaces/provider-options.interface.js';

/** What one call reserved of a provider's daily budget, to settle once its real cost is known. */
export interface BudgetHold {
  readonly provider: string;
  /** The UTC day's key the reservation went to (a call that crosses midnight settles where it reserved). */
  readonly key: string;
  readonly reservedUsd: number;
}

/** Two days: the key outlives its UTC day wherever the process's clock is. */
const KEY_TTL_SECONDS = 172_800;

/**
 * KEYS[1] = the day's spend, ARGV = budget, estimate, ttl → {1|0, spend before}. Checking and
 * reserving in one step is what keeps concurrent calls (of every process) from all passing the
 * check on the same spend. Floats travel as strings: Redis would truncate a Lua number reply.
 */
const RESERVE = new RedisScript(`
local spent = tonumber(redis.call('GET', KEYS[1]) or '0')
if spent >= tonumber(ARGV[1]) then return {0, tostring(spent)} end
if tonumber(ARGV[2]) > 0 then redis.call('INCRBYFLOAT', KEYS[1], ARGV[2]) end
redis.call('EXPIRE', KEYS[1], ARGV[3])
return {1, tostring(spent)}
`);

/** Daily spend per provider (UTC days), shared through Redis: reserve the estimated cost, settle with the real one. */
export class AiBudget {
  constructor(
    private readonly redis: RedisClient,
    private readonly limits: Readonly<Record<string, ProviderLimits>>,
    private readonly keyPrefix: string,
  ) {}

  isLimited(provider: string): boolean {
    return this.limits[provider]?.dailyBudgetUsd !== undefined;
  }

  /**
   * Adds `estimateUsd` to today's spend unless the spend has reached the budget already, in
   * which case it throws BudgetExceededError; undefined when the provider has no budget.
   */
  async reserve(provider: string, estimateUsd: number): Promise<BudgetHold | undefined> {
    const budget = this.limits[provider]?.dailyBudgetUsd;
    if (budget === undefined) return undefined;
    const key = this.key(provider);
    const reservedUsd = Math.max(0, estimateUsd);
    const [granted, spent] = (await RESERVE.run(this.redis, [key], [usd(budget), usd(reservedUsd), KEY_TTL_SECONDS])) as [number, string];
    if (granted !== 1) throw new BudgetExceededError(provider, Number(spent), budget);
    return { provider, key, reservedUsd };
  }

  /** Replaces a reservation with what the call really cost (0 when nothing was served). */
  async settle(hold: BudgetHold, costUsd: number): Promise<void> {
    const delta = Math.max(0, costUsd) - hold.reservedUsd;
    if (delta === 0) return;
    await this.redis.multi().incrbyfloat(hold.key, usd(delta)).expire(hold.key, KEY_TTL_SECONDS).exec();
  }

  /** Today's spend in USD (reservations of calls still running included). */
  async spent(provider: string): Promise<number> {
    return Number((await this.redis.get(this.key(provider))) ?? 0);
  }

  private key(provider: string): string {
    return `${this.keyPrefix}:budget:${provider}:${new Date().toISOString().slice(0, 10)}`;
  }
}

/** Fixed notation: `1e-7` is not a float every Redis command parses. */
function usd(value: number): string {
  return value.toFixed(12);
}
