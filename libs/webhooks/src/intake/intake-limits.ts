import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { DEFAULT_WEBHOOK_OPTIONS as D } from '../webhook.constants.js';
import { messages } from '../webhook.messages.js';

/**
 * Longest event id or type taken, in characters. GitHub and Shopify send both in headers they do
 * not sign, so whoever holds one signed body chooses them; they become Redis keys, job ids and
 * handler-match input. Real ones are far shorter (UUIDs, `orders/create`).
 */
export const MAX_EVENT_FIELD_LENGTH = 256;

/**
 * Upper bound of `maxJsonDepth`: Redis' cjson refuses to decode deeper than 1000 levels, and V8's
 * recursive `JSON.stringify` overflows the default stack some 4,000 levels in (less when called deep).
 */
export const MAX_JSON_DEPTH_LIMIT = 1000;

/** A source's `maxJsonDepth`, defaulted and checked at startup. */
export function resolveJsonDepth(source: string, value: number | undefined): number {
  if (value === undefined) return D.maxJsonDepth;
  if (!Number.isInteger(value) || value < 1 || value > MAX_JSON_DEPTH_LIMIT) throw new WebhookConfigurationError(messages.badJsonDepth(source, value));
  return value;
}
