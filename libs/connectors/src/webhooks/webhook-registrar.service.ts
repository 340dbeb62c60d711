import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RedisLock, redactRedisError } from '@aiwire/core';
import { ConnectorRegistry } from '../connector.registry.js';
import { MODULE_OPTIONS_TOKEN } from '../connectors.module-definition.js';
import { messages } from '../connectors.messages.js';
import type { GitHubConnector } from '../connectors/github.connector.js';
import type { ShopifyConnector } from '../connectors/shopify.connector.js';
import type { StripeConnector } from '../connectors/stripe.connector.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { WebhookRegistrationError } from '../errors/webhook-registration.error.js';
import type { ConnectorsModuleOptions } from '../interfaces/connectors-module-options.interface.js';
import type { WebhookRegistration, WebhookSubscription } from '../interfaces/webhook-subscription.interface.js';
import { ensureGitHubHook } from './github-webhook.registration.js';
import type { RegistrationContext } from './registration-context.js';
import { ensureShopifyWebhooks } from './shopify-webhook.registration.js';
import { ensureStripeEndpoint } from './stripe-webhook.registration.js';
import { WebhookSecretStore } from './webhook-secret.store.js';

/** Long enough for a list and a few writes with retries; a crashed holder frees it after this. */
const LOCK_TTL_MS = 60_000;

/**
 * Makes sure Shopify, Stripe and GitHub hold a webhook subscription to our public URL for the
 * configured topics — at startup (`webhooks.registerOnStartup`) or on demand — and returns the
 * signing secret where there is one. Idempotent: running it again changes nothing, and a Redis
 * lock keeps concurrently starting instances from creating duplicates.
 */
@Injectable()
export class WebhookRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookRegistrar.name);
  private readonly secrets: WebhookSecretStore;
  private readonly lock: RedisLock;

  constructor(
    private readonly registry: ConnectorRegistry,
    @Inject(MODULE_OPTIONS_TOKEN) private readonly options: ConnectorsModuleOptions,
  ) {
    this.secrets = new WebhookSecretStore(registry.redis, registry.cipher, registry.keyPrefix);
    // RedisLock is typed for one Redis; it sends only SET / EVALSHA on one key, which a Cluster routes by that key.
    this.lock = new RedisLock(registry.redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    const webhooks = this.options.webhooks;
    if (!webhooks || webhooks.registerOnStartup === false || webhooks.subscriptions.length === 0) return;
    const outcomes = await Promise.allSettled(webhooks.subscriptions.map((s) => this.ensure(s)));
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const failure of failures) this.logger.error((failure.reason as Error).message);
    for (const o of outcomes) if (o.status === 'fulfilled' && o.value.changed) this.logger.log(`Webhook subscription ensured: ${o.value.provider} → ${o.value.url} (${o.value.topics.join(', ')})`);
    if (failures.length === 0) return;
    if (webhooks.failOnStartupError) throw failures[0]?.reason;
    this.logger.warn(messages.webhookStartupFailed(failures.length));
  }

  /** Ensures every configured subscription; rejects with the first failure after trying all. */
  async ensureAll(): Promise<WebhookRegistration[]> {
    const outcomes = await Promise.allSettled((this.options.webhooks?.subscriptions ?? []).map((s) => this.ensure(s)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes.map((o) => (o as PromiseFulfilledResult<WebhookRegistration>).value);
  }

  /** Ensures one subscription (configured or not) and resolves to what the provider now holds. */
  async ensure(subscription: WebhookSubscription): Promise<WebhookRegistration> {
    const connector = this.registry.get(subscription.connector);
    if (connector.kind !== 'shopify' && connector.kind !== 'stripe' && connector.kind !== 'github') {
      throw new ConnectorConfigurationError(messages.webhookWrongKind(subscription.connector, connector.kind));
    }
    if (subscription.topics.length === 0) throw new ConnectorConfigurationError(messages.webhookNoTopics(subscription.connector));
    if (connector.kind === 'github' && !subscription.repository) throw new ConnectorConfigurationError(messages.webhookNoRepository(subscription.connector));
    const url = this.urlOf(subscription, connector.kind);
    const ctx: RegistrationContext = { subscription, url, topics: subscription.topics, secrets: this.secrets, resolver: this.registry.secrets, logger: this.logger };
    const lockKey = `${this.registry.keyPrefix}:${connector.name}:webhook-lock:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
    try {
      return await this.lock.withLock(lockKey, LOCK_TTL_MS, () => {
        if (connector.kind === 'stripe') return ensureStripeEndpoint(connector as StripeConnector, ctx);
        if (connector.kind === 'shopify') return ensureShopifyWebhooks(connector as ShopifyConnector, ctx);
        return ensureGitHubHook(connector as GitHubConnector, ctx, subscription.repository ?? '');
      }, { waitMs: LOCK_TTL_MS });
    } catch (error) {
      // The stores redact their own writes; this also covers any other Redis reply on the way (lock, limiter).
      throw new WebhookRegistrationError(connector.name, messages.webhookFailed(connector.name, url, (error as Error).message), { cause: redactRedisError(error) });
    }
  }

  private urlOf(subscription: WebhookSubscription, kind: string): string {
    if (subscription.url) return subscription.url;
    const base = this.options.webhooks?.publicUrl;
    if (!base) throw new ConnectorConfigurationError(`Webhook subscription for connector "${subscription.connector}" needs url, or webhooks.publicUrl in the module options.`);
    return `${base.replace(/\/+$/, '')}/${subscription.source ?? kind}`;
  }
}
