import type { Secret } from '../secrets/secret.js';

/**
 * One webhook subscription to keep in place with a Shopify, Stripe or GitHub connector.
 * @publicApi
 */
export interface WebhookSubscription {
  /** Name of a `shopify`, `stripe` or `github` connector in `connectors`. */
  connector: string;
  /** Shopify topics (`orders/create`), Stripe event types (`payment_intent.succeeded`, `*`) or GitHub events (`issues`, `push`). */
  topics: readonly string[];
  /**
   * Full URL the provider delivers to.
   * @default `${publicUrl}/${source}`
   */
  url?: string;
  /**
   * Path segment after `publicUrl` (the `@aiwire/webhooks` source name).
   * @default the connector's kind: 'shopify', 'stripe' or 'github'
   */
  source?: string;
  /**
   * GitHub only: the repository, `owner/name`.
   * @default undefined
   */
  repository?: string;
  /**
   * GitHub only: the signing secret to set on the hook, or `env('NAME')`.
   * @default a random secret, generated once and kept in Redis
   */
  secret?: Secret;
  /**
   * Stripe only: when an endpoint for the URL exists but its secret was never seen here
   * (Stripe shows it only at creation), delete and recreate it to obtain one.
   * @default false
   */
  recreateIfSecretUnknown?: boolean;
}

/**
 * Webhook registration with the providers; see `WebhookRegistrar`.
 * @publicApi
 */
export interface WebhookRegistrationOptions {
  /** Public base URL of the webhook intake, e.g. `https://api.example.com/webhooks`. */
  publicUrl: string;
  /** Subscriptions to ensure. */
  subscriptions: readonly WebhookSubscription[];
  /**
   * Ensure them when the application starts.
   * @default true
   */
  registerOnStartup?: boolean;
  /**
   * A failure at startup fails the application start (`true`) or is logged (`false`).
   * @default false
   */
  failOnStartupError?: boolean;
}

/**
 * What `WebhookRegistrar.ensure` found or did for one subscription.
 * @publicApi
 */
export interface WebhookRegistration {
  readonly connector: string;
  readonly provider: 'shopify' | 'stripe' | 'github';
  readonly url: string;
  readonly topics: readonly string[];
  /** The provider's ids of the subscription(s): one per topic on Shopify, one endpoint/hook otherwise. */
  readonly ids: readonly string[];
  /** True when anything was created or changed by this run. */
  readonly changed: boolean;
  /**
   * The signing secret, where the provider issues one (Stripe `whsec_…`) or we set it (GitHub).
   * Shopify signs with the app's API secret key, so it is undefined there.
   */
  readonly secret?: string;
}
