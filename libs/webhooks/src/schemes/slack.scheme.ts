import type { ImmediateReply } from '../interfaces/webhook-scheme.interface.js';
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
  JSON_CONTENT_TYPE,
  parseUnixSeconds,
  toleranceOf,
} from './signature.helpers.js';

const HEADER = 'x-slack-signature';
const TIMESTAMP_HEADER = 'x-slack-request-timestamp';
const PREFIX = 'v0=';
const DEFAULTS = {
  // Slack's guide and @slack/bolt refuse requests older than five minutes.
  toleranceSeconds: 300,
} as const;

/** What Slack signs: `v0:${timestamp}:` then the raw body. */
const signedPrefix = (timestamp: string | number) => `v0:${timestamp}:`;

/**
 * Slack Events API: `X-Slack-Signature: v0=<hex>` of `v0:${X-Slack-Request-Timestamp}:${raw}`
 * keyed by the app's signing secret. The id is the body's `event_id`; the type is `event.type`
 * for `event_callback` deliveries and the top-level `type` otherwise (`app_rate_limited`).
 */
export function slackScheme(options: SchemeOptions = {}): BuiltInScheme {
  const tolerance = toleranceOf('slack', options, DEFAULTS.toleranceSeconds);
  return {
    name: 'slack',
    signatureHeaders: [HEADER],
    verify(request, secrets, nowMs) {
      const header = headerValue(request.headers, HEADER) ?? fail(SchemeMessages.missingSignature);
      const timestampText = headerValue(request.headers, TIMESTAMP_HEADER) ?? fail(SchemeMessages.missingHeaders);
      const timestamp = parseUnixSeconds(timestampText) ?? fail(SchemeMessages.invalidSignature);
      const signature = header.startsWith(PREFIX) ? decodeHexDigest(header.slice(PREFIX.length)) : undefined;
      if (!signature) fail(SchemeMessages.invalidSignature);
      assertFresh(timestamp, nowMs, tolerance);
      const prefix = signedPrefix(timestampText);
      assertAnyMatch([signature], secrets, (secret) => hmacSha256(secret, prefix, request.rawBody));
    },
    sign(secret, { raw, timestamp }) {
      return {
        ...JSON_CONTENT_TYPE,
        'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
        [TIMESTAMP_HEADER]: String(timestamp),
        [HEADER]: `${PREFIX}${hmacSha256(secret, signedPrefix(timestamp), raw).toString('hex')}`,
      };
    },
    eventId: (_request, payload) => idText(fieldOf(payload, 'event_id')),
    eventType: (_request, payload) =>
      typeText(fieldOf(fieldOf(payload, 'event'), 'type')) ?? typeText(fieldOf(payload, 'type')),
    /**
     * Answers Slack's `url_verification` handshake with its challenge. The handshake is signed
     * like any delivery, so the intake calls this only after `verify` passed.
     */
    immediateReply(_request, payload): ImmediateReply | undefined {
      if (fieldOf(payload, 'type') !== 'url_verification') return undefined;
      const challenge = fieldOf(payload, 'challenge');
      return typeof challenge === 'string' ? { status: 200, body: { challenge } } : undefined;
    },
  };
}
