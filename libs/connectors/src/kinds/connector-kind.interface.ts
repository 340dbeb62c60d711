import type { Connector } from '../connectors/connector.js';
import type { ProviderDialect } from '../dialects/provider-dialect.interface.js';
import type { HttpClient } from '../http/http-client.js';
import type { ConnectorKind, ConnectorOptions } from '../interfaces/connector-options.interface.js';
import type { IdempotencyOptions, RateLimitOptions } from '../interfaces/resilience-options.interface.js';
import type { WebhookRegistration, WebhookSubscription } from '../interfaces/webhook-subscription.interface.js';
import type { RegistrationContext } from '../webhooks/registration-context.js';

/** The options of connector kind `K`. */
export type OptionsOf<K extends ConnectorKind> = Extract<ConnectorOptions, { kind: K }>;

/** What a base-URL rule makes of a base path (no trailing `/`): the prefix to keep, or why it is refused and what to write. */
export type BaseUrlOutcome = { readonly prefix: string; readonly apiVersion?: string } | { readonly why: string; readonly write: string };

/** A kind's own option that is wrong: the option, and what it must be. */
export interface KindOptionProblem {
  readonly option: string;
  readonly why: string;
  /** The option is absent (the message says it is needed) rather than wrong. */
  readonly missing?: boolean;
}

/** How a kind keeps its webhook subscriptions in place with the provider. */
export interface KindWebhooks<C extends Connector> {
  /** What a subscription of this kind lacks (GitHub's repository), as a message; undefined when it is complete. */
  check?(subscription: WebhookSubscription): string | undefined;
  /** Creates or updates the provider's subscription; runs under the registrar's Redis lock. */
  ensure(connector: C, ctx: RegistrationContext): Promise<WebhookRegistration>;
}

/**
 * Everything one connector kind knows, in one file (`kinds/<kind>.kind.ts`): its defaults (origin,
 * published rate limit, idempotency, headers), its dialect, its base-URL rule, the class it builds
 * and how it registers webhooks. Adding a provider is one more descriptor in `kinds.ts`.
 */
export interface ConnectorKindDescriptor<K extends ConnectorKind = ConnectorKind, C extends Connector = Connector> {
  readonly kind: K;
  /** The provider's API origin when `baseUrl` is not given; undefined when it must be (rest). */
  defaultBaseUrl(options: OptionsOf<K>): string | undefined;
  /** The kind's own options checked before anything else (Shopify's `shop`, `apiVersion`). */
  validate?(options: OptionsOf<K>): KindOptionProblem | undefined;
  /**
   * `baseUrl`'s path as the connector's prefix: the API's own base path (which every request path
   * carries) taken off, or a refusal saying what to write instead.
   */
  baseUrlRule(path: string, url: URL, options: OptionsOf<K>): BaseUrlOutcome;
  /** The provider's published limit; undefined: no shared limit unless configured. */
  readonly rateLimit?: Pick<RateLimitOptions, 'capacity' | 'refillPerSecond'>;
  /** The idempotency header the API honours; undefined: none. */
  readonly idempotency?: IdempotencyOptions;
  /** Headers every call of this kind sends (lower-case names); module and connector headers win. */
  headers(options: OptionsOf<K>): Readonly<Record<string, string>>;
  /** How the provider reports errors, waits and budgets. */
  readonly dialect: ProviderDialect;
  /** The connector; `urlApiVersion` is an API version the `baseUrl` carried (Shopify). */
  create(name: string, http: HttpClient, options: OptionsOf<K>, urlApiVersion: string | undefined): C;
  /** Present when the kind can register webhooks with its provider. */
  readonly webhooks?: KindWebhooks<C>;
}
