import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions, WebhookSchemeName } from '../interfaces/webhook-source-options.interface.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { messages } from '../webhook.messages.js';
import type { BuiltInSchemeFactory } from './built-in-scheme.js';
import { githubScheme } from './github.scheme.js';
import { hmacScheme } from './hmac.scheme.js';
import { schemeOptionMessages } from './scheme.messages.js';
import { shopifyScheme } from './shopify.scheme.js';
import { slackScheme } from './slack.scheme.js';
import { standardScheme } from './standard.scheme.js';
import { stripeScheme } from './stripe.scheme.js';

/** The built-in schemes, by the name a source gives in `scheme` (and `signWebhook` its first argument). */
export const BUILT_IN_SCHEMES: Readonly<Record<WebhookSchemeName, BuiltInSchemeFactory>> = {
  stripe: stripeScheme,
  github: githubScheme,
  shopify: shopifyScheme,
  slack: slackScheme,
  standard: standardScheme,
  'hmac-sha256': hmacScheme,
};

/** Whether `name` names a built-in scheme (an own key: `toString` and `__proto__` do not). */
export function isBuiltInScheme(name: string): name is WebhookSchemeName {
  return Object.hasOwn(BUILT_IN_SCHEMES, name);
}

/**
 * The scheme a source uses: a built-in one built with the source's options, or the user's own
 * object after a shape check. Throws `WebhookConfigurationError` at startup, never per request.
 */
export function resolveScheme(
  source: string,
  scheme: WebhookSchemeName | WebhookScheme,
  options: SchemeOptions,
): WebhookScheme {
  if (typeof scheme === 'string') {
    if (!isBuiltInScheme(scheme)) {
      throw new WebhookConfigurationError(messages.unknownScheme(source, scheme));
    }
    return BUILT_IN_SCHEMES[scheme](options);
  }
  assertCustomScheme(source, scheme);
  return scheme;
}

function assertCustomScheme(source: string, scheme: unknown): asserts scheme is WebhookScheme {
  const s = (typeof scheme === 'object' && scheme !== null ? scheme : {}) as Partial<Record<keyof WebhookScheme, unknown>>;
  const problem =
    typeof s.name !== 'string' || s.name.length === 0
      ? 'a non-empty `name`'
      : !Array.isArray(s.signatureHeaders) || s.signatureHeaders.some((h) => typeof h !== 'string' || h !== h.toLowerCase())
        ? '`signatureHeaders` as an array of lower-case header names'
        : typeof s.verify !== 'function' || typeof s.eventId !== 'function' || typeof s.eventType !== 'function'
          ? '`verify`, `eventId` and `eventType` methods'
          : s.immediateReply !== undefined && typeof s.immediateReply !== 'function'
            ? '`immediateReply` as a method when present'
            : undefined;
  if (problem !== undefined) {
    throw new WebhookConfigurationError(schemeOptionMessages.badCustomScheme(source, problem));
  }
}
