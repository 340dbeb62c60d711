import { randomBytes } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  decodeStandardWebhookSecret,
  signStandardWebhook,
  standardWebhookDigest,
  STANDARD_WEBHOOK_HEADERS,
  STANDARD_WEBHOOK_VERSION,
} from '@aiwire/core';
import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import type { BuiltInScheme } from './built-in-scheme.js';
import { fieldOf, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import {
  assertAnyMatch,
  assertFresh,
  decodeBase64Digest,
  fail,
  headerValue,
  JSON_CONTENT_TYPE,
  parseUnixSeconds,
  toleranceOf,
} from './signature.helpers.js';

const DEFAULTS = {
  // The reference libraries' WEBHOOK_TOLERANCE_IN_SECONDS.
  toleranceSeconds: 300,
} as const;

/** Each header under its Standard Webhooks name, then the `svix-*` name Svix sends the same value under. */
const HEADERS = {
  id: [STANDARD_WEBHOOK_HEADERS.id, 'svix-id'],
  timestamp: [STANDARD_WEBHOOK_HEADERS.timestamp, 'svix-timestamp'],
  signature: [STANDARD_WEBHOOK_HEADERS.signature, 'svix-signature'],
} as const;

/**
 * Standard Webhooks (and Svix, which sends the same headers as `svix-*`): `webhook-signature`
 * holds space-separated `v1,<base64>` entries, each an HMAC-SHA256 of `${id}.${timestamp}.${raw}`
 * keyed by the base64-decoded part of the `whsec_…` secret. The id is `webhook-id`; the type is
 * the body's `type`. Entries of other versions (`v1a`, asymmetric) are skipped. The signed content
 * and the key are `@aiwire/core`'s (`standardWebhookDigest`), which `@aiwire/ai` signs its callbacks with.
 */
export function standardScheme(options: SchemeOptions = {}): BuiltInScheme {
  const tolerance = toleranceOf('standard', options, DEFAULTS.toleranceSeconds);
  // Decoding each secret once per configured list keeps base64 work off the hot path.
  const keyCache = new WeakMap<readonly string[], readonly Buffer[]>();
  const keysOf = (secrets: readonly string[]): readonly Buffer[] => {
    let keys = keyCache.get(secrets);
    if (!keys) {
      keys = secrets.map(decodeStandardWebhookSecret);
      keyCache.set(secrets, keys);
    }
    return keys;
  };
  return {
    name: 'standard',
    signatureHeaders: HEADERS.signature,
    verify(request, secrets, nowMs) {
      const { headers } = request;
      const header = standardHeader(headers, 'signature') ?? fail(SchemeMessages.missingSignature);
      const id = standardHeader(headers, 'id');
      const timestampText = standardHeader(headers, 'timestamp');
      if (id === undefined || timestampText === undefined) fail(SchemeMessages.missingHeaders);
      const timestamp = parseUnixSeconds(timestampText) ?? fail(SchemeMessages.invalidSignature);
      const signatures = parseSignatures(header);
      assertFresh(timestamp, nowMs, tolerance);
      assertAnyMatch(signatures, keysOf(secrets), (key) => standardWebhookDigest(key, id, timestampText, request.rawBody));
    },
    sign(secret, { raw, timestamp, id }) {
      return { ...JSON_CONTENT_TYPE, ...signStandardWebhook(secret, raw, { id: id ?? `msg_${randomBytes(16).toString('hex')}`, timestamp }) };
    },
    eventId: (request) => standardHeader(request.headers, 'id'),
    eventType: (_request, payload) => typeText(fieldOf(payload, 'type')),
  };
}

function standardHeader(headers: IncomingHttpHeaders, name: keyof typeof HEADERS): string | undefined {
  const [unbranded, svix] = HEADERS[name];
  return headerValue(headers, unbranded) ?? headerValue(headers, svix);
}

function parseSignatures(header: string): Buffer[] {
  const signatures: Buffer[] = [];
  for (const entry of header.split(' ')) {
    const comma = entry.indexOf(',');
    if (comma <= 0 || entry.slice(0, comma) !== STANDARD_WEBHOOK_VERSION) continue;
    const signature = decodeBase64Digest(entry.slice(comma + 1));
    if (signature) signatures.push(signature);
  }
  return signatures.length > 0 ? signatures : fail(SchemeMessages.invalidSignature);
}
