import type { SchemeOptions } from '../interfaces/webhook-source-options.interface.js';
import type { BuiltInScheme } from './built-in-scheme.js';
import { fieldOf, idText, typeText } from './payload.helpers.js';
import { SchemeMessages } from './scheme.messages.js';
import {
  assertAnyMatch,
  assertFresh,
  decodeHexDigest,
  fail,
  headerValue,
  hmacSha256,
  parseUnixSeconds,
  toleranceOf,
} from './signature.helpers.js';

const HEADER = 'stripe-signature';
const DEFAULTS = {
  // Stripe's own libraries (DEFAULT_TOLERANCE) accept 300 s of skew.
  toleranceSeconds: 300,
} as const;

interface StripeSignatureHeader {
  readonly timestampText: string;
  readonly timestamp: number;
  readonly signatures: Buffer[];
}

/**
 * Stripe: `Stripe-Signature: t=<unix>,v1=<hex>[,v1=<hex>…]`, HMAC-SHA256 of `${t}.${raw}` keyed by
 * the whole `whsec_…` string. Any `v1` may match (Stripe sends several while a secret rolls);
 * other schemes such as `v0` are ignored. Event id and type are the body's `id` and `type`.
 */
export function stripeScheme(options: SchemeOptions = {}): BuiltInScheme {
  const tolerance = toleranceOf('stripe', options, DEFAULTS.toleranceSeconds);
  return {
    name: 'stripe',
    signatureHeaders: [HEADER],
    verify(request, secrets, nowMs) {
      const header = headerValue(request.headers, HEADER) ?? fail(SchemeMessages.missingSignature);
      const parsed = parseStripeHeader(header);
      assertFresh(parsed.timestamp, nowMs, tolerance);
      const prefix = `${parsed.timestampText}.`;
      assertAnyMatch(parsed.signatures, secrets, (secret) => hmacSha256(secret, prefix, request.rawBody));
    },
    sign(secret, { raw, timestamp }) {
      return {
        'content-type': 'application/json; charset=utf-8',
        'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)',
        'cache-control': 'no-cache',
        accept: '*/*; q=0.5, application/xml',
        [HEADER]: `t=${timestamp},v1=${hmacSha256(secret, `${timestamp}.`, raw).toString('hex')}`,
      };
    },
    eventId: (_request, payload) => idText(fieldOf(payload, 'id')),
    eventType: (_request, payload) => typeText(fieldOf(payload, 'type')),
  };
}

function parseStripeHeader(header: string): StripeSignatureHeader {
  let timestampText: string | undefined;
  const signatures: Buffer[] = [];
  for (const item of header.split(',')) {
    const equals = item.indexOf('=');
    if (equals <= 0) continue;
    const key = item.slice(0, equals);
    const value = item.slice(equals + 1);
    if (key === 't') {
      // Two timestamps make the header ambiguous; Stripe never sends that.
      if (timestampText !== undefined) fail(SchemeMessages.invalidSignature);
      timestampText = value;
    } else if (key === 'v1') {
      const signature = decodeHexDigest(value);
      if (signature) signatures.push(signature);
    }
  }
  const timestamp = timestampText === undefined ? undefined : parseUnixSeconds(timestampText);
  if (timestampText === undefined || timestamp === undefined || signatures.length === 0) {
    fail(SchemeMessages.invalidSignature);
  }
  return { timestampText, timestamp, signatures };
}
