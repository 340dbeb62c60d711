import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { WebhookStore } from './webhook-store.js';
import { WebhookRegistry } from '../webhook.registry.js';
import { WEBHOOK_SOURCES } from '../webhook.constants.js';
import { WebhookVerificationError } from '../errors/webhook-verification.error.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import { MODULE_OPTIONS_TOKEN } from '../webhook.module-definition.js';
import { DEFAULT_WEBHOOK_OPTIONS as D } from '../webhook.constants.js';
import { messages } from '../webhook.messages.js';
import { intakeChannel } from '../webhook.channels.js';
import { replies, type IntakeReply } from './intake-replies.js';
import { MAX_EVENT_FIELD_LENGTH } from './intake-limits.js';
import { storedHeaders } from './stored-headers.js';
import { nestsDeeperThan } from '../schemes/payload.helpers.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';
import type { WebhookModuleOptions } from '../interfaces/webhook-module-options.interface.js';

/** One HTTP delivery, as the controller hands it over (platform independent). */
export interface IncomingDelivery {
  readonly source: string;
  /** The exact bytes received; undefined when the framework did not keep them. */
  readonly rawBody: Buffer | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly ip: string | undefined;
  /** The body as the framework already parsed it, reused to avoid parsing JSON twice. */
  readonly parsedBody?: unknown;
}

/**
 * The `source` published for a path that names no configured source: a fixed label, so a caller
 * cannot fill metrics with label values of its choosing. Source names match `[A-Za-z0-9_-]+`, so
 * it never collides with one.
 */
export const UNKNOWN_SOURCE_LABEL = '(unknown)';

/** The webhook intake pipeline: every answer of issue #2's table is decided here. */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly unavailableRetryAfter: string;
  private readonly warnedRawBody = new Set<string>();

  constructor(
    @Inject(WEBHOOK_SOURCES) private readonly sources: ReadonlyMap<string, ResolvedSource>,
    private readonly registry: WebhookRegistry,
    private readonly store: WebhookStore,
    @Inject(MODULE_OPTIONS_TOKEN) options: WebhookModuleOptions,
  ) {
    this.unavailableRetryAfter = String(options.unavailableRetryAfterSeconds ?? D.unavailableRetryAfterSeconds);
  }

  async receive(delivery: IncomingDelivery): Promise<IntakeReply> {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const admitted = this.admit(delivery.source, delivery.ip);
    if ('status' in admitted) return this.refused(delivery.source, admitted, started);
    return this.complete(admitted, delivery.rawBody, delivery.headers, started, delivery.parsedBody);
  }

  /** Whether `sourceName` is a configured source (servers leave other paths to the framework). */
  knows(sourceName: string): boolean {
    return this.sources.has(sourceName);
  }

  /**
   * The checks that need no body: the source, then the caller's address. Returns the source, or
   * the answer (404, 403). Servers that read the body themselves ask this first, then `complete`.
   */
  admit(sourceName: string, ip: string | undefined): ResolvedSource | IntakeReply {
    const source = this.sources.get(sourceName);
    if (!source) return replies.unknownSource();
    if (source.allowList && !source.allowList.allows(ip)) return replies.forbidden();
    return source;
  }

  /**
   * The rest of `receive` for a source `admit` let in; `started` is from `performance.now()`;
   * `parsedBody` is the framework's parse of a JSON body, reused instead of parsing it again.
   */
  async complete(source: ResolvedSource, rawBody: Buffer | undefined, headers: IncomingHttpHeaders, started: number, parsedBody?: unknown): Promise<IntakeReply> {
    const reply = await this.decide(source, rawBody, headers, parsedBody);
    this.published(source.name, reply, started);
    return reply;
  }

  /** Answers for deliveries refused before `complete` (404, 403, 413), so every answer is published. */
  refused(sourceName: string, reply: IntakeReply, started: number): IntakeReply {
    this.published(sourceName, reply, started);
    return reply;
  }

  private published(source: string, reply: IntakeReply, started: number): void {
    if (!intakeChannel.hasSubscribers) return;
    const label = this.sources.has(source) ? source : UNKNOWN_SOURCE_LABEL;
    intakeChannel.publish({ source: label, status: reply.status, outcome: reply.outcome, eventId: reply.eventId, durationMs: performance.now() - started });
  }

  private async decide(source: ResolvedSource, rawBody: Buffer | undefined, headers: IncomingHttpHeaders, parsedBody: unknown): Promise<IntakeReply> {
    if (!rawBody) return this.rawBodyMissing(source.name);
    if (rawBody.length > source.maxBodyBytes) return replies.tooLarge(source.maxBodyBytes);
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
