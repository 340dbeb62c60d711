import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { fieldOf, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import { assertAnyMatch, decodeHexDigest, fail, headerValue, hmacSha256 } from './signature.helpers.js';

const HEADER = 'x-hub-signature-256';
// GitHub still sends the SHA-1 signature beside the SHA-256 one; it is never checked, only hidden.
const LEGACY_HEADER = 'x-hub-signature';
const PREFIX = 'sha256=';

/**
 * GitHub: `X-Hub-Signature-256: sha256=<hex>` of the raw body. The id is `X-GitHub-Delivery`; the
 * type is `X-GitHub-Event`, followed by `.` and the body's `action` when it has one (`issues.opened`).
 * GitHub sends no timestamp, so a replay within the de-dup window is caught by the delivery id only.
 */
export function githubScheme(_options: SchemeOptions = {}): WebhookScheme {
  return {
    name: 'github',
    signatureHeaders: [HEADER, LEGACY_HEADER],
    verify(request, secrets) {
      const header = headerValue(request.headers, HEADER) ?? fail(SchemeMessages.missingSignature);
      const signature = header.startsWith(PREFIX) ? decodeHexDigest(header.slice(PREFIX.length)) : undefined;
      if (!signature) fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    eventId: (request) => headerValue(request.headers, 'x-github-delivery'),
    eventType(request, payload) {
      const event = headerValue(request.headers, 'x-github-event');
      if (event === undefined) return undefined;
      const action = typeText(fieldOf(payload, 'action'));
      return action === undefined ? event : `${event}.${action}`;
    },
  };
}
