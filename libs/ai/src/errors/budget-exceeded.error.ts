/** The provider's daily budget is spent; nothing was sent and the next provider serves. */
export class BudgetExceededError extends Error {
  override readonly name = 'BudgetExceededError';

  constructor(
    readonly provider: string,
    readonly spentUsd: number,
    readonly budgetUsd: number,
  ) {
    super(
      `${provider} has spent $${spentUsd.toFixed(4)} of its $${budgetUsd} daily budget (UTC day); ` +
        `the call goes to the next provider. Raise limits.${provider}.dailyBudgetUsd if this is expected.`,
    );
  }
}
