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

/** The webhook intake pipeline: every answer of issue #2's table is decided here. */
@Injectable()
export class WebhookIntakeService {
  private readonly logger = new Logger(WebhookIntakeService.name);
  private readonly unavailableRetryAfter: string;
  private readonly warnedRawBody = new Set<string>();
  /** Largest body any source accepts: how much of an unparsed stream is worth reading. */
  readonly readLimit: number;

  constructor(
    @Inject(WEBHOOK_SOURCES) private readonly sources: ReadonlyMap<string, ResolvedSource>,
    private readonly registry: WebhookRegistry,
    private readonly store: WebhookStore,
    @Inject(MODULE_OPTIONS_TOKEN) options: WebhookModuleOptions,
  ) {
    this.unavailableRetryAfter = String(options.unavailableRetryAfterSeconds ?? D.unavailableRetryAfterSeconds);
    this.readLimit = Math.max(0, ...[...sources.values()].map((s) => s.maxBodyBytes));
  }

  async receive(delivery: IncomingDelivery): Promise<IntakeReply> {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const reply = await this.decide(delivery);
    if (intakeChannel.hasSubscribers) {
      intakeChannel.publish({ source: delivery.source, status: reply.status, outcome: reply.outcome, eventId: reply.eventId, durationMs: performance.now() - started });
    }
    return reply;
  }

  private async decide(delivery: IncomingDelivery): Promise<IntakeReply> {
    const source = this.sources.get(delivery.source);
    if (!source) return replies.unknownSource();
    if (source.allowList && !source.allowList.allows(delivery.ip)) return replies.forbidden();
    const rawBody = delivery.rawBody;
    if (!rawBody) return this.rawBodyMissing(source.name);
    if (rawBody.length > source.maxBodyBytes) return replies.tooLarge(source.maxBodyBytes);
    const request = { rawBody, headers: delivery.headers };
    try {
      source.scheme.verify(request, source.secrets, Date.now());
    } catch (error) {
      // A custom scheme may throw anything; only our own messages are known to be safe to return.
      return replies.unauthorized(error instanceof WebhookVerificationError ? error.message : 'Invalid signature');
    }
    const payload = parsePayload(delivery, rawBody);
    if (payload === INVALID_JSON) return replies.invalidJson();
    const immediate = source.scheme.immediateReply?.(request, payload);
    if (immediate) return replies.immediate(immediate);
    const type = source.scheme.eventType(request, payload);
    if (!type) return replies.missingField('type', source.scheme.name);
    const id = source.scheme.eventId(request, payload);
    if (!id) return replies.missingField('id', source.scheme.name);
    const event: StoredWebhookEvent = {
      id, source: source.name, type, payload, headers: publicHeaders(delivery.headers, source.hiddenHeaders), receivedAt: new Date().toISOString(),
    };
    try {
      const outcome = await this.store.store(source, event, this.registry.match(source.name, type));
      if (outcome.kind === 'duplicate') return replies.duplicate(id);
      if (outcome.kind === 'rate-limited') return replies.rateLimited(outcome.retryAfterMs);
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

function parsePayload(delivery: IncomingDelivery, rawBody: Buffer): unknown {
  const parsed = delivery.parsedBody;
  if (parsed !== null && typeof parsed === 'object' && !Buffer.isBuffer(parsed) && isJson(delivery.headers['content-type'])) return parsed;
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

function publicHeaders(headers: IncomingHttpHeaders, hidden: ReadonlySet<string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || hidden.has(name)) continue;
    kept[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return kept;
}
