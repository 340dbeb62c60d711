import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { RedisLock, redactRedisError } from '@aiwire/core';
import { ConnectorRegistry } from '../connector.registry.js';
import { CONNECTORS_OPTIONS } from '../connectors.constants.js';
import { messages } from '../connectors.messages.js';
import type { ResolvedConnectorsOptions } from '../connectors.options.js';
import { ConnectorConfigurationError } from '../errors/connector-configuration.error.js';
import { WebhookRegistrationError } from '../errors/webhook-registration.error.js';
import type { WebhookRegistration, WebhookSubscription } from '../interfaces/webhook-subscription.interface.js';
import type { KindWebhooks } from '../kinds/connector-kind.interface.js';
import { kindOf, WEBHOOK_KINDS } from '../kinds/kinds.js';
import type { Connector } from '../connectors/connector.js';
import type { RegistrationContext } from './registration-context.js';
import { WebhookSecretStore } from './webhook-secret.store.js';

/** Long enough for a list and a few writes with retries; a crashed holder frees it after this. */
const LOCK_TTL_MS = 60_000;

/**
 * Makes sure Shopify, Stripe and GitHub hold a webhook subscription to our public URL for the
 * configured topics — at startup (`webhooks.registerOnStartup`) or on demand — and returns the
 * signing secret where there is one. Idempotent: running it again changes nothing, and a Redis
 * lock keeps concurrently starting instances from creating duplicates. What each provider needs
 * is its kind's `webhooks` (`kinds/<kind>.kind.ts`).
 * @publicApi
 */
@Injectable()
export class WebhookRegistrar implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookRegistrar.name);
  private readonly secrets: WebhookSecretStore;
  private readonly lock: RedisLock;

  constructor(
    private readonly registry: ConnectorRegistry,
    @Inject(CONNECTORS_OPTIONS) private readonly options: ResolvedConnectorsOptions,
  ) {
    this.secrets = new WebhookSecretStore(registry.redis, registry.cipher, registry.keyPrefix);
    this.lock = new RedisLock(registry.redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    const { registerOnStartup, subscriptions, failOnStartupError } = this.options.webhooks;
    if (!registerOnStartup || subscriptions.length === 0) return;
    const outcomes = await Promise.allSettled(subscriptions.map((s) => this.ensure(s)));
    const failures = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
    for (const failure of failures) this.logger.error((failure.reason as Error).message);
    for (const o of outcomes) if (o.status === 'fulfilled' && o.value.changed) this.logger.log(messages.webhookEnsured(o.value.provider, o.value.url, o.value.topics));
    if (failures.length === 0) return;
    if (!failOnStartupError) return this.logger.warn(messages.webhookStartupFailed(failures.length));
    // Nest runs no shutdown hook for a start that fails here: close what the module opened.
    await this.registry.close();
    throw failures[0]?.reason;
  }

  /** Ensures every configured subscription; rejects with the first failure after trying all. */
  async ensureAll(): Promise<WebhookRegistration[]> {
    const outcomes = await Promise.allSettled(this.options.webhooks.subscriptions.map((s) => this.ensure(s)));
    const failed = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failed) throw failed.reason;
    return outcomes.map((o) => (o as PromiseFulfilledResult<WebhookRegistration>).value);
  }

  /** Ensures one subscription (configured or not) and resolves to what the provider now holds. */
  async ensure(subscription: WebhookSubscription): Promise<WebhookRegistration> {
    const connector = this.registry.get(subscription.connector);
    const webhooks = kindOf(connector.kind)?.webhooks as KindWebhooks<Connector> | undefined;
    if (!webhooks) throw new ConnectorConfigurationError(messages.webhookWrongKind(subscription.connector, connector.kind, WEBHOOK_KINDS));
    if (subscription.topics.length === 0) throw new ConnectorConfigurationError(messages.webhookNoTopics(subscription.connector));
    const incomplete = webhooks.check?.(subscription);
    if (incomplete) throw new ConnectorConfigurationError(incomplete);
    const url = this.urlOf(subscription, connector.kind);
    const redactor = this.registry.redactorOf(connector.name);
    const ctx: RegistrationContext = {
      subscription, url, topics: subscription.topics, secrets: this.secrets, resolver: this.registry.secrets, logger: this.logger,
      redact: (secret) => redactor?.add(secret),
    };
    const lockKey = `${this.registry.keyPrefix}:${connector.name}:webhook-lock:${createHash('sha256').update(url).digest('hex').slice(0, 16)}`;
    try {
      return await this.lock.withLock(lockKey, LOCK_TTL_MS, () => webhooks.ensure(connector, ctx), { waitMs: LOCK_TTL_MS });
    } catch (error) {
      // The stores redact their own writes; this also covers any other Redis reply on the way (lock, limiter).
      const cause = redactor ? redactor.scrubError(redactRedisError(error)) : redactRedisError(error);
      const reason = redactor ? redactor.scrub((error as Error).message) : (error as Error).message;
      throw new WebhookRegistrationError(connector.name, messages.webhookFailed(connector.name, url, reason), { cause });
    }
  }

  private urlOf(subscription: WebhookSubscription, kind: string): string {
    if (subscription.url) return subscription.url;
    const base = this.options.webhooks.publicUrl;
    if (!base) throw new ConnectorConfigurationError(messages.webhookNoUrl(subscription.connector));
    return `${base.replace(/\/+$/, '')}/${subscription.source ?? kind}`;
  }
}
