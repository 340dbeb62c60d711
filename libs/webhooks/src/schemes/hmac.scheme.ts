import { createHash } from 'node:crypto';
import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { compilePath, idText, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import {
  assertAnyMatch,
  decodeBase64Digest,
  decodeHexDigest,
  fail,
  headerValue,
  hmacSha256,
} from './signature.helpers.js';

const PREFIX = 'sha256=';

/**
 * Generic HMAC-SHA256 of the raw body, hex or base64, optionally `sha256=`-prefixed, in a
 * configurable header. The id comes from `idHeader`, else the JSON path `idPath`, else the sha256
 * of the body (so identical retries de-duplicate); the type from `typeHeader`, else `typePath`.
 * No timestamp is signed, so replays are caught only by the id within the de-dup window.
 */
export function hmacScheme(options: SchemeOptions = {}): WebhookScheme {
  const header = lowerCaseHeader(options.header ?? 'x-signature', 'header');
  const encoding = options.encoding ?? 'hex';
  if (encoding !== 'hex' && encoding !== 'base64') {
    throw new WebhookConfigurationError(
      `Scheme "hmac-sha256": encoding must be 'hex' or 'base64' (got ${String(encoding)}).`,
    );
  }
  const decode = encoding === 'hex' ? decodeHexDigest : decodeBase64Digest;
  const idHeader = options.idHeader === undefined ? undefined : lowerCaseHeader(options.idHeader, 'idHeader');
  const typeHeader = options.typeHeader === undefined ? undefined : lowerCaseHeader(options.typeHeader, 'typeHeader');
  const idAt = compilePath(options.idPath ?? 'id', 'idPath');
  const typeAt = compilePath(options.typePath ?? 'event_type', 'typePath');
  return {
    name: 'hmac-sha256',
    signatureHeaders: [header],
    verify(request, secrets) {
      const value = headerValue(request.headers, header) ?? fail(SchemeMessages.missingSignature);
      const signature = decode(value.startsWith(PREFIX) ? value.slice(PREFIX.length) : value);
      if (!signature) fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    eventId(request, payload) {
      const fromHeader = idHeader === undefined ? undefined : headerValue(request.headers, idHeader);
      return fromHeader ?? idText(idAt(payload)) ?? createHash('sha256').update(request.rawBody).digest('hex');
    },
    eventType(request, payload) {
      const fromHeader = typeHeader === undefined ? undefined : headerValue(request.headers, typeHeader);
      return fromHeader ?? typeText(typeAt(payload));
    },
  };
}

function lowerCaseHeader(name: string, option: string): string {
  if (typeof name !== 'string' || name.trim().length === 0) {
    throw new WebhookConfigurationError(`Scheme "hmac-sha256": ${option} must be a header name.`);
  }
  return name.trim().toLowerCase();
}
