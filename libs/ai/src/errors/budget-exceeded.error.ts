import { messages } from '../ai.messages.js';

/**
 * The provider's daily budget is spent; nothing was sent and the next provider serves.
 * @publicApi
 */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';

  constructor(
    readonly provider: string,
    readonly spentUsd: number,
    readonly budgetUsd: number,
  ) {
    super(messages.budgetExceeded(provider, spentUsd, budgetUsd));
  }
}
