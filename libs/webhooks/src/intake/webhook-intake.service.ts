import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { WebhookStore } from './webhook-store.js';
import { WebhookRegistry } from '../webhook.registry.js';
import { RESOLVED_WEBHOOK_OPTIONS } from '../webhook.constants.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import { messages } from '../webhook.messages.js';
import { intakeChannel } from '../webhook.channels.js';
import { replies, type IntakeReply } from './intake-replies.js';
import { MAX_EVENT_FIELD_LENGTH } from './intake-limits.js';
import { storedHeaders } from './stored-headers.js';
import { bodyReceived, declaredTooLarge, readDeliveryBody } from './request-body.js';
import { nestsDeeperThan } from '../schemes/payload.helpers.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { ResolvedWebhookOptions } from '../webhook.options.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';

/** One HTTP delivery, as a mount hands it over (platform independent). */
export interface IncomingDelivery {
  readonly source: string;
  readonly headers: IncomingHttpHeaders;
  readonly ip: string | undefined;
  /** The exact bytes, when the framework has read them already. */
  readonly rawBody?: Buffer | undefined;
  /** The body as the framework already parsed it, reused to avoid parsing JSON twice. */
  readonly parsedBody?: unknown;
  /**
   * The request whose body is left to the intake: read here (after the checks that need no body,
   * bounded by the source's limit) when `rawBody` is absent, and told apart from a request whose
   * body is all in when deciding whether a refusal must close the connection.
   */
  readonly request?: IncomingMessage | undefined;
  /** The framework took the body (parsed it, or owns the stream): without `rawBody` it is missing. */
  readonly bodyTaken?: boolean | undefined;
}

/**
 * The `source` published for a path that names no configured source: a fixed label, so a caller
 * cannot fill metrics with label values of its choosing. Source names match `[A-Za-z0-9_-]+`, so
 * it never collides with one.
 */
const UNKNOWN_SOURCE_LABEL = '(unknown)';

/**
 * The webhook intake pipeline, the one entry point of both mounts: every answer of issue #2's
 * table (and its `diagnostics_channel` message) is decided in `receive`.
 */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly sources: ReadonlyMap<string, ResolvedSource>;
  private readonly unavailableRetryAfter: string;
  private readonly warnedRawBody = new Set<string>();

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly store: WebhookStore,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) options: ResolvedWebhookOptions,
  ) {
    this.sources = options.sources;
    this.unavailableRetryAfter = String(options.unavailableRetryAfterSeconds);
  }

  /**
   * The answer to one delivery, or undefined when the sender went away mid-body (nothing to
   * answer). Source and caller are checked before a byte of the body is read.
   */
  async receive(delivery: IncomingDelivery): Promise<IntakeReply | undefined> {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const source = this.admit(delivery.source, delivery.ip);
    if ('status' in source) return this.answered(delivery.source, withUnread(source, delivery.request), started);
    const read = await readDeliveryBody(delivery, source.maxBodyBytes);
    if (read.kind === 'aborted') return undefined;
    if (read.kind === 'too-large') return this.answered(source.name, read.drained ? replies.tooLarge(source.maxBodyBytes) : { ...replies.tooLarge(source.maxBodyBytes), closeConnection: true }, started);
    const reply = read.kind === 'missing' ? this.rawBodyMissing(source.name) : await this.decide(source, read.body, delivery.headers, delivery.parsedBody);
    return this.answered(source.name, reply, started);
  }

  /**
   * The answer owed before the framework reads the body (404, 403, 413 for a declared length over
   * the limit), or undefined to let it read. For the controller mount's early gate; `receive`
   * repeats these checks, except the declared length, which its own bounded read covers.
   */
  refuseEarly(sourceName: string, ip: string | undefined, request: IncomingMessage): IntakeReply | undefined {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const source = this.admit(sourceName, ip);
    if ('status' in source) return this.answered(sourceName, withUnread(source, request), started);
    if (declaredTooLarge(request.headers, source.maxBodyBytes)) return this.answered(sourceName, withUnread(replies.tooLarge(source.maxBodyBytes), request), started);
    return undefined;
  }

  /** Whether `sourceName` is a configured source (servers leave other paths to the framework). */
  knows(sourceName: string): boolean {
    return this.sources.has(sourceName);
  }

  /** The checks that need no body: the source (404), then the caller's address (403). */
  private admit(sourceName: string, ip: string | undefined): ResolvedSource | IntakeReply {
    const source = this.sources.get(sourceName);
    if (!source) return replies.unknownSource();
    if (source.allowList && !source.allowList.allows(ip)) return replies.forbidden();
    return source;
  }

  /** Publishes every answer, whatever decided it. */
  private answered(source: string, reply: IntakeReply, started: number): IntakeReply {
    if (!intakeChannel.hasSubscribers) return reply;
    const label = this.sources.has(source) ? source : UNKNOWN_SOURCE_LABEL;
    intakeChannel.publish({ source: label, status: reply.status, outcome: reply.outcome, eventId: reply.eventId, durationMs: performance.now() - started });
    return reply;
  }

  private async decide(source: ResolvedSource, rawBody: Buffer, headers: IncomingHttpHeaders, parsedBody: unknown): Promise<IntakeReply> {
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
    const event: StoredWebhookEvent = {
      id, source: source.name, type, payload, headers: storedHeaders(headers, source.storedHeaders), receivedAt: new Date().toISOString(),
    };
    try {
      const outcome = await this.store.store(source, event, this.registry.match(source.name, type));
      if (outcome.kind === 'duplicate') return replies.duplicate(id);
      if (outcome.kind === 'rate-limited') return replies.rateLimited(outcome.retryAfterMs);
      if (outcome.kind === 'unstorable') {
        this.logger.error(messages.unstorablePayload(source.name, outcome.reason));
        return replies.unstorable();
      }
      return replies.accepted(id);
    } catch (error) {
      if (!(error instanceof WebhookStoreUnavailableError)) throw error;
      this.logger.error(messages.storeFailed(source.name, error.message));
      return replies.unavailable(this.unavailableRetryAfter);
    }
  }

  private rawBodyMissing(source: string): IntakeReply {
    if (!this.warnedRawBody.has(source)) {
      this.warnedRawBody.add(source);
      this.logger.error(messages.rawBodyMissing(source));
    }
    return replies.rawBodyMissing();
  }
}

/** `reply`, marked to close the connection when part of `request`'s body was left unread. */
function withUnread(reply: IntakeReply, request: IncomingMessage | undefined): IntakeReply {
  return request && !bodyReceived(request) ? { ...reply, closeConnection: true } : reply;
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
