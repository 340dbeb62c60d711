import type { IncomingHttpHeaders } from 'node:http';
import type { WebhookScheme } from '../interfaces/webhook-scheme.interface.js';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import { fieldOf, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import {
  assertAnyMatch,
  assertFresh,
  decodeBase64Digest,
  fail,
  headerValue,
  hmacSha256,
  parseUnixSeconds,
  toleranceOf,
} from './signature.helpers.js';

const SECRET_PREFIX = 'whsec_';
const VERSION = 'v1';

/**
 * Standard Webhooks (and Svix, which sends the same headers as `svix-*`): `webhook-signature`
 * holds space-separated `v1,<base64>` entries, each an HMAC-SHA256 of `${id}.${timestamp}.${raw}`
 * keyed by the base64-decoded part of the `whsec_…` secret. The id is `webhook-id`; the type is
 * the body's `type`. Entries of other versions (`v1a`, asymmetric) are skipped.
 */
export function standardScheme(options: SchemeOptions = {}): WebhookScheme {
  const tolerance = toleranceOf('standard', options);
  // Decoding each secret once per configured list keeps base64 work off the hot path.
  const keyCache = new WeakMap<readonly string[], readonly Buffer[]>();
  const keysOf = (secrets: readonly string[]): readonly Buffer[] => {
    let keys = keyCache.get(secrets);
    if (!keys) {
      keys = secrets.map(decodeSecret);
      keyCache.set(secrets, keys);
    }
    return keys;
  };
  return {
    name: 'standard',
    signatureHeaders: ['webhook-signature', 'svix-signature'],
    verify(request, secrets, nowMs) {
      const { headers } = request;
      const header = standardHeader(headers, 'signature') ?? fail(SchemeMessages.missingSignature);
      const id = standardHeader(headers, 'id');
      const timestampText = standardHeader(headers, 'timestamp');
      if (id === undefined || timestampText === undefined) fail(SchemeMessages.missingHeaders);
      const timestamp = parseUnixSeconds(timestampText) ?? fail(SchemeMessages.invalidSignature);
      const signatures = parseSignatures(header);
      assertFresh(timestamp, nowMs, tolerance);
      const prefix = `${id}.${timestampText}.`;
      assertAnyMatch(signatures, keysOf(secrets), (key) => hmacSha256(key, prefix, request.rawBody));
    },
    eventId: (request) => standardHeader(request.headers, 'id'),
    eventType: (_request, payload) => typeText(fieldOf(payload, 'type')),
  };
}

/** The `whsec_` prefix is optional, as in the reference library; the rest is the base64 key. */
export function decodeSecret(secret: string): Buffer {
  return Buffer.from(secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret, 'base64');
}

const HEADERS = {
  id: ['webhook-id', 'svix-id'],
  timestamp: ['webhook-timestamp', 'svix-timestamp'],
  signature: ['webhook-signature', 'svix-signature'],
} as const;

function standardHeader(headers: IncomingHttpHeaders, name: keyof typeof HEADERS): string | undefined {
  const [unbranded, svix] = HEADERS[name];
  return headerValue(headers, unbranded) ?? headerValue(headers, svix);
}

function parseSignatures(header: string): Buffer[] {
  const signatures: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma <= 0 || entry.slice(0, comma) !== VERSION) continue;
    const signature = decodeBase64Digest(entry.slice(comma + 1));
    if (signature) signatures.push(signature);
  }
  return signatures.length > 0 ? signatures : fail(SchemeMessages.invalidSignature);
}
