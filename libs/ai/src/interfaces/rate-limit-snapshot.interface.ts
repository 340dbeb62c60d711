/**
 * One limit as a provider reported it in its response headers.
 * @publicApi
 */
export interface ReportedLimit {
  /** The limit per minute the provider applies, when it says (`x-ratelimit-limit-*`, `anthropic-ratelimit-*-limit`). */
  limit?: number;
  /** Units left now. */
  remaining: number;
  /** When the limit is fully replenished, in epoch ms. */
  resetAtMs: number;
}

/**
 * What a provider's rate-limit headers said, normalised across OpenAI and Anthropic.
 * @publicApi
 */
export interface RateLimitSnapshot {
  requests?: ReportedLimit;
  tokens?: ReportedLimit;
}
