import type { ImmediateReply } from '../interfaces/webhook-scheme.interface.js';

/** What the intake answers; the one place where outcomes map to HTTP statuses. */
export interface IntakeReply {
  readonly status: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
  /** Short outcome name for diagnostics (`accepted`, `duplicate`, `invalid_signature`, ...). */
  readonly outcome: string;
  readonly eventId?: string;
  /** Part of the request's body was left unread: close the connection once the answer is out. */
  readonly closeConnection?: boolean;
}

const error = (status: number, code: string, message: string, headers?: Record<string, string>): IntakeReply =>
  ({ status, body: { status: 'error', error: code, message }, outcome: code, ...(headers && { headers }) });

export const replies = {
  unknownSource: () => error(404, 'unknown_source', 'Unknown webhook source'),
  forbidden: () => error(403, 'forbidden', 'Caller address not allowed for this source'),
  tooLarge: (limit: number) => error(413, 'payload_too_large', `Body exceeds ${limit} bytes`),
  /** Closes the connection: whatever failed may have left the body half read. */
  internal: (): IntakeReply => ({ ...error(500, 'internal_error', 'Webhook receiver failed; see the server log'), closeConnection: true }),
  rawBodyMissing: () => error(500, 'raw_body_unavailable', 'Webhook receiver misconfigured; see the server log'),
  unauthorized: (reason: string) => error(401, 'invalid_signature', reason),
  invalidJson: () => error(400, 'invalid_json', 'Body is not valid JSON'),
  missingField: (field: 'id' | 'type', scheme: string) => error(400, `missing_event_${field}`, `No event ${field} found for scheme ${scheme}`),
  fieldTooLong: (field: 'id' | 'type', limit: number) => error(400, `event_${field}_too_long`, `Event ${field} exceeds ${limit} characters`),
  tooDeep: (levels: number) => error(422, 'too_deeply_nested', `JSON nests deeper than ${levels} levels`),
  unstorable: () => error(422, 'unstorable_payload', 'Event payload cannot be stored; see the server log'),
  rateLimited: (retryAfterMs: number) =>
    error(429, 'rate_limited', 'Too many deliveries for this source', { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) }),
  unavailable: (retryAfterSeconds: string) =>
    error(503, 'unavailable', 'Event could not be stored; retry later', { 'retry-after': retryAfterSeconds }),
  duplicate: (id: string): IntakeReply => ({ status: 200, body: { status: 'duplicate', id }, outcome: 'duplicate', eventId: id }),
  accepted: (id: string): IntakeReply => ({ status: 202, body: { status: 'accepted', id }, outcome: 'accepted', eventId: id }),
  immediate: (reply: ImmediateReply): IntakeReply => ({ status: reply.status, body: reply.body, outcome: 'handshake' }),
} as const;
