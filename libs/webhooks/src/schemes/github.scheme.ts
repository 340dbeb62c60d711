import { createHmac, randomUUID } from 'node:crypto';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import type { BuiltInScheme } from './built-in-scheme.js';
import { fieldOf, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import { assertAnyMatch, decodeHexDigest, fail, headerValue, hmacSha256, JSON_CONTENT_TYPE } from './signature.helpers.js';

const HEADER = 'x-hub-signature-256';
// GitHub still sends the SHA-1 signature beside the SHA-256 one; it is never checked, only hidden.
const LEGACY_HEADER = 'x-hub-signature';
const PREFIX = 'sha256=';
const EVENT_HEADER = 'x-github-event';
const DELIVERY_HEADER = 'x-github-delivery';
const DEFAULTS = {
  // The event GitHub sends when a hook is created.
  type: 'ping',
} as const;

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` of the raw body. The id is `X-GitHub-Delivery`; the
 * type is `X-GitHub-Event`, followed by `.` and the body's `action` when it has one (`issues.opened`).
 * GitHub sends no timestamp, so a replay within the de-dup window is caught by the delivery id only.
 */
export function githubScheme(_options: SchemeOptions = {}): BuiltInScheme {
  return {
    name: 'github',
    signatureHeaders: [HEADER, LEGACY_HEADER],
    verify(request, secrets) {
      const header = headerValue(request.headers, HEADER) ?? fail(SchemeMessages.missingSignature);
      const signature = header.startsWith(PREFIX) ? decodeHexDigest(header.slice(PREFIX.length)) : undefined;
      if (!signature) fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    sign(secret, { raw, id, type }) {
      return {
        ...JSON_CONTENT_TYPE,
        'user-agent': 'GitHub-Hookshot/8f4c2a1',
        [EVENT_HEADER]: type ?? DEFAULTS.type,
        [DELIVERY_HEADER]: id ?? randomUUID(),
        'x-github-hook-id': '123456789',
        'x-github-hook-installation-target-id': '987654321',
        'x-github-hook-installation-target-type': 'repository',
        [LEGACY_HEADER]: `sha1=${createHmac('sha1', secret).update(raw).digest('hex')}`,
        [HEADER]: `${PREFIX}${hmacSha256(secret, undefined, raw).toString('hex')}`,
      };
    },
    eventId: (request) => headerValue(request.headers, DELIVERY_HEADER),
    eventType(request, payload) {
      const event = headerValue(request.headers, EVENT_HEADER);
      if (event === undefined) return undefined;
      const action = typeText(fieldOf(payload, 'action'));
      return action === undefined ? event : `${event}.${action}`;
    },
  };
}
