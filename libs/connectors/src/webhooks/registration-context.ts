import type { Logger } from '@nestjs/common';
import type { WebhookSubscription } from '../interfaces/webhook-subscription.interface.js';
import type { SecretResolver } from '../secrets/secret-resolver.js';
import type { WebhookSecretStore } from './webhook-secret.store.js';

/** What a kind's registration step gets: the subscription, its resolved URL and the shared stores. */
export interface RegistrationContext {
  readonly subscription: WebhookSubscription;
  readonly url: string;
  readonly topics: readonly string[];
  readonly secrets: WebhookSecretStore;
  readonly resolver: SecretResolver;
  readonly logger: Logger;
  /** Remembers a signing secret so the connector scrubs it from every error, event and log line. */
  redact(secret: string | undefined): void;
}

/** `topics` plus what `existing` already has, in a stable order. */
export function union(existing: readonly string[], topics: readonly string[]): string[] {
  return [...new Set([...existing, ...topics])];
}

/** Topics `existing` lacks (`*` covers every Stripe event). */
export function missingTopics(existing: readonly string[], topics: readonly string[]): string[] {
  return existing.includes('*') ? [] : topics.filter((t) => !existing.includes(t));
}
