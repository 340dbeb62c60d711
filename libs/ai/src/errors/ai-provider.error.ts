import type { RateLimitSnapshot } from '../interfaces/rate-limit-snapshot.interface.js';
import { messages } from '../ai.messages.js';

/**
 * A provider answered with an error status. `message` holds the provider's own error text (it
 * never contains the API key); `retryable` says whether our retry loop tries again.
 * @publicApi
 */
export class AiProviderError extends Error {
  override readonly name = 'AiProviderError';
  /** The rate-limit headers of the error answer, used to tighten the shared limiter. */
  rateLimits?: RateLimitSnapshot;

  constructor(
    /** The configured provider name. */
    readonly provider: string,
    readonly status: number,
    /** The provider's error type (`rate_limit_error`, `insufficient_quota`, `server_error`, ...). */
    readonly type: string | undefined,
    /** The provider's error code (`rate_limit_exceeded`, `insufficient_quota`, `invalid_api_key`, ...). */
    readonly code: string | undefined,
    providerMessage: string,
    readonly retryable: boolean,
    /** What the server asked us to wait (`retry-after-ms` / `retry-after`), in ms. */
    readonly retryAfterMs: number | undefined,
    /** The provider's request id, for its support. */
    readonly requestId: string | undefined,
    /** True when the account itself is out of money (`insufficient_quota`, spend limits, credit balance). */
    readonly quotaExhausted = false,
  ) {
    super(messages.providerAnswered(provider, status, code ?? type, providerMessage, quotaExhausted));
  }
}
