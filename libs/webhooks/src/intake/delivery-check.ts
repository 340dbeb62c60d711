import type { IncomingHttpHeaders } from 'node:http';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import { nestsDeeperThan } from '../schemes/payload.helpers.js';
import { replies, type IntakeReply } from './intake-replies.js';
import { MAX_EVENT_FIELD_LENGTH } from './intake-limits.js';
import { storedHeaders } from './stored-headers.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';

/** Verifies, parses and checks a delivery: the event to store, or the answer refusing it. */
export function checkDelivery(source: ResolvedSource, rawBody: Buffer, headers: IncomingHttpHeaders, parsedBody: unknown): StoredWebhookEvent | IntakeReply {
  const request = { rawBody, headers };
  try {
    source.scheme.verify(request, source.secrets, Date.now());
  } catch (error) {
    // A custom scheme may throw anything; only our own messages are known to be safe to return.
    return replies.unauthorized(error instanceof WebhookVerificationError ? error.message : 'Invalid signature');
  }
  const payload = parsePayload(rawBody, headers['content-type'], parsedBody);
  if (payload === INVALID_JSON) return replies.invalidJson();
  // Once, on the parsed value: the only depth check that also covers a framework's own parse.
  if (nestsDeeperThan(payload, source.maxJsonDepth)) return replies.tooDeep(source.maxJsonDepth);
  const immediate = source.scheme.immediateReply?.(request, payload);
  if (immediate) return replies.immediate(immediate);
  const type = source.scheme.eventType(request, payload);
  if (!type) return replies.missingField('type', source.scheme.name);
  if (type.length > MAX_EVENT_FIELD_LENGTH) return replies.fieldTooLong('type', MAX_EVENT_FIELD_LENGTH);
  const id = source.scheme.eventId(request, payload);
  if (!id) return replies.missingField('id', source.scheme.name);
  if (id.length > MAX_EVENT_FIELD_LENGTH) return replies.fieldTooLong('id', MAX_EVENT_FIELD_LENGTH);
  return { id, source: source.name, type, payload, headers: storedHeaders(headers, source.storedHeaders), receivedAt: new Date().toISOString() };
}

const INVALID_JSON = Symbol('invalid json');

function parsePayload(rawBody: Buffer, contentType: string | undefined, parsed: unknown): unknown {
  if (parsed !== null && typeof parsed === 'object' && !Buffer.isBuffer(parsed) && isJson(contentType)) return parsed;
  try {
    return JSON.parse(rawBody.toString('utf8'));
  } catch {
    return INVALID_JSON;
  }
}

function isJson(contentType: string | undefined): boolean {
  if (!contentType) return false;
  const type = contentType.split(';', 1)[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}
