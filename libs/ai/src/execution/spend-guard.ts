import { Logger } from '@nestjs/common';
import { messages } from '../ai.messages.js';
import { BudgetExceededError } from '../errors/budget-exceeded.error.js';
import type { TokenUsage } from '../interfaces/chat.interface.js';
import { worstCaseUsage } from '../limits/token-estimator.js';
import { RedisFailureWarning } from './redis-failure-warning.js';
import type { AiBudget, BudgetHold } from '../usage/ai-budget.js';
import type { PriceTable } from '../usage/price-table.js';
import { ProviderGaveUp } from './attempt-runner.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderEntry } from './provider-registry.js';
import { judge } from './retry-policy.js';

/**
 * Cost and daily budget around one provider's turn at a call: before it, the most the call may
 * cost is reserved (atomically, so concurrent calls cannot all spend the last dollar); after it,
 * the reservation becomes the real cost, or goes back when nothing was served.
 */
export class SpendGuard {
  private readonly logger = new Logger(SpendGuard.name);
  private readonly unpriced = new Set<string>();
  private readonly redisFailure = new RedisFailureWarning(this.logger);

  constructor(
    private readonly prices: PriceTable,
    private readonly budget: AiBudget,
  ) {}

  /** Reserves the call's estimated cost; ProviderGaveUp (`budget_exceeded`) when today's budget is spent. */
  async hold(entry: ProviderEntry, request: PreparedRequest, model: string): Promise<BudgetHold | undefined> {
    const { provider } = entry;
    if (provider.kind === 'local' || !this.budget.isLimited(provider.name)) return undefined;
    const usage = worstCaseUsage(request, provider.reservedOutputTokens);
    try {
      return await this.budget.reserve(provider.name, this.prices.cost(model, usage) ?? 0);
    } catch (error) {
      if (error instanceof BudgetExceededError) throw new ProviderGaveUp(error, judge(error, false), 0);
      this.redisFailure.warn('budget check', error);
      return undefined;
    }
  }

  /** What an answer cost by the price table; 0 (with a warning once per model) when the model has no price. */
  cost(entry: ProviderEntry, model: string, usage: TokenUsage): number {
    if (entry.provider.kind === 'local') return 0;
    const cost = this.prices.cost(model, usage);
    if (cost === undefined && !this.unpriced.has(model)) {
      this.unpriced.add(model);
      this.logger.warn(messages.noPrice(model));
    }
    return cost ?? 0;
  }

  /** Turns the reservation into the real cost (0 when the provider did not serve). */
  async settle(hold: BudgetHold | undefined, costUsd: number): Promise<void> {
    if (!hold) return;
    try {
      await this.budget.settle(hold, costUsd);
    } catch (error) {
      this.redisFailure.warn('budget accounting', error);
    }
  }

}
