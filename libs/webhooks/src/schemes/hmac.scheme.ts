import { createHash } from 'node:crypto';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import type { BuiltInScheme } from './built-in-scheme.js';
import { compilePath, idText, typeText } from './payload.helpers.js';
import { SchemeMessages, schemeOptionMessages } from './scheme.messages.js';
import {
  assertAnyMatch,
  decodeBase64Digest,
  decodeHexDigest,
  fail,
  headerValue,
  hmacSha256,
  JSON_CONTENT_TYPE,
} from './signature.helpers.js';

const NAME = 'hmac-sha256';
const PREFIX = 'sha256=';
const DEFAULTS = {
  header: 'x-signature',
  encoding: 'hex',
  idPath: 'id',
  typePath: 'event_type',
} as const;
const DECODERS = { hex: decodeHexDigest, base64: decodeBase64Digest } as const;

/**
 * Generic HMAC-SHA256 of the raw body, hex or base64, optionally `sha256=`-prefixed, in a
 * configurable header. The id comes from `idHeader`, else the JSON path `idPath`, else the sha256
 * of the body (so identical retries de-duplicate); the type from `typeHeader`, else `typePath`.
 * No timestamp is signed, so replays are caught only by the id within the de-dup window.
 * `sign` writes the digest unprefixed, in the same `header` and `encoding`.
 */
export function hmacScheme(options: SchemeOptions = {}): BuiltInScheme {
  const header = lowerCaseHeader(options.header ?? DEFAULTS.header, 'header');
  const encoding = options.encoding ?? DEFAULTS.encoding;
  if (!Object.hasOwn(DECODERS, encoding)) {
    throw new WebhookConfigurationError(schemeOptionMessages.badEncoding(NAME, encoding));
  }
  const decode = DECODERS[encoding];
  const idHeader = options.idHeader === undefined ? undefined : lowerCaseHeader(options.idHeader, 'idHeader');
  const typeHeader = options.typeHeader === undefined ? undefined : lowerCaseHeader(options.typeHeader, 'typeHeader');
  const idAt = compilePath(NAME, options.idPath ?? DEFAULTS.idPath, 'idPath');
  const typeAt = compilePath(NAME, options.typePath ?? DEFAULTS.typePath, 'typePath');
  return {
    name: NAME,
    signatureHeaders: [header],
    verify(request, secrets) {
      const value = headerValue(request.headers, header) ?? fail(SchemeMessages.missingSignature);
      const signature = decode(value.startsWith(PREFIX) ? value.slice(PREFIX.length) : value);
      if (!signature) fail(SchemeMessages.invalidSignature);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, undefined, request.rawBody));
    },
    sign(secret, { raw }) {
      return { ...JSON_CONTENT_TYPE, [header]: hmacSha256(secret, undefined, raw).toString(encoding) };
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
    throw new WebhookConfigurationError(schemeOptionMessages.badHeaderName(NAME, option));
  }
  return name.trim().toLowerCase();
}
