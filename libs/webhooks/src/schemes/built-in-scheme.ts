import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';

/** One delivery to sign as its sender would: the exact bytes and what the sender puts around them. */
export interface OutgoingDelivery {
  /** The exact bytes sent. */
  readonly raw: string | Buffer;
  /** When the sender signed it, in whole unix seconds. */
  readonly timestamp: number;
  /** The sender's delivery id; absent, the scheme writes a fresh one in its sender's format. */
  readonly id?: string | undefined;
  /** The event type a header carries (github, shopify); absent, the scheme's default. */
  readonly type?: string | undefined;
}

/**
 * A built-in scheme: verifies what its sender signs and signs as its sender does, both from the
 * same options (a source's `header` and `encoding` are the signer's too), as the standard-webhooks
 * libraries keep `sign` and `verify` in one class. One file per scheme owns all of it.
 */
export interface BuiltInScheme extends WebhookScheme {
  /** Every header (lower-case names) the real sender sends with `delivery.raw`, signed with `secret`. */
  sign(secret: string, delivery: OutgoingDelivery): Record<string, string>;
}

/** Builds a built-in scheme from a source's options; throws `WebhookConfigurationError` for bad ones. */
export type BuiltInSchemeFactory = (options?: SchemeOptions) => BuiltInScheme;
