import type { TokenUsage } from '../interfaces/chat.interface.js';
import type { ModelPrice } from '../interfaces/provider-options.interface.js';
import { DEFAULT_PRICES } from './default-prices.js';

/** Model prices: the defaults with the user's entries on top, matched exactly, then by longest prefix. */
export class PriceTable {
  private readonly prices: ReadonlyMap<string, ModelPrice>;
  private readonly byLength: readonly string[];

  constructor(overrides: Readonly<Record<string, ModelPrice>> = {}) {
    this.prices = new Map(Object.entries({ ...DEFAULT_PRICES, ...overrides }));
    this.byLength = [...this.prices.keys()].sort((a, b) => b.length - a.length);
  }

  price(model: string): ModelPrice | undefined {
    const exact = this.prices.get(model);
    if (exact) return exact;
    const prefix = this.byLength.find((name) => model.startsWith(name));
    return prefix === undefined ? undefined : this.prices.get(prefix);
  }

  /** Cost in USD, or undefined when the model has no price. */
  cost(model: string, usage: TokenUsage): number | undefined {
    const price = this.price(model);
    if (!price) return undefined;
    return Math.round(((usage.inputTokens * price.inputPerMTok + usage.outputTokens * price.outputPerMTok) / 1e6) * 1e9) / 1e9;
  }
}
