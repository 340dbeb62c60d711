import { Inject, Injectable, Logger } from '@nestjs/common';
import { currentInstrumentation, runWithCorrelation, type Instrumentation, type InstrumentedSpan, type ProducerSpan } from '@aiwire/core';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { WebhookStore } from './webhook-store.js';
import { WebhookRegistry } from '../webhook.registry.js';
import { RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_ROUTE } from '../webhook.constants.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import { messages } from '../webhook.messages.js';
import { intakeChannel } from '../webhook.channels.js';
import { replies, type IntakeReply } from './intake-replies.js';
import { checkDelivery } from './delivery-check.js';
import { ABORTED_OUTCOME, carriersOf, endProducerSpans, intakeSpanOutcome, startIntakeSpan, startProducerSpans } from './intake-tracing.js';
import { intakeBase } from './intake-path.js';
import { bodyReceived, declaredTooLarge, readDeliveryBody } from './request-body.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { ResolvedWebhookOptions } from '../webhook.options.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';
import type { WebhookRoute } from '../interfaces/webhook-module-options.interface.js';
import type { StoreOutcome } from './webhook-store.js';

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
  /** `http.route` of the intake spans (the app's global prefix, unknown here, is left out). */
  private readonly route: string;

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly store: WebhookStore,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) options: ResolvedWebhookOptions,
    @Inject(WEBHOOK_ROUTE) route: WebhookRoute,
  ) {
    this.sources = options.sources;
    this.unavailableRetryAfter = String(options.unavailableRetryAfterSeconds);
    this.route = `${intakeBase('', route.prefix)}:source`;
  }

  /**
   * The answer to one delivery, or undefined when the sender went away mid-body (nothing to
   * answer). Source and caller are checked before a byte of the body is read. While tracing is
   * on, the work runs in a SERVER span.
   */
  receive(delivery: IncomingDelivery): Promise<IntakeReply | undefined> {
    const instrumentation = currentInstrumentation();
    return instrumentation === undefined ? this.intake(delivery, undefined) : this.traced(instrumentation, delivery);
  }

  private async traced(instrumentation: Instrumentation, delivery: IncomingDelivery): Promise<IntakeReply | undefined> {
    const span = startIntakeSpan(instrumentation, this.route, delivery.headers, delivery.ip);
    try {
      const reply = await span.run(() => this.intake(delivery, span));
      // Every answer ends the span in `answered`; only a delivery left unanswered ends it here.
      if (reply === undefined) span.end(ABORTED_OUTCOME);
      return reply;
    } catch (error) {
      span.end({ error });
      throw error;
    }
  }

  private async intake(delivery: IncomingDelivery, span: InstrumentedSpan | undefined): Promise<IntakeReply | undefined> {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const source = this.admit(delivery.source, delivery.ip);
    if ('status' in source) return this.answered(delivery.source, withUnread(source, delivery.request), started, undefined, span);
    const read = await readDeliveryBody(delivery, source.maxBodyBytes);
    if (read.kind === 'aborted') return undefined;
    if (read.kind === 'too-large') return this.answered(source.name, read.drained ? replies.tooLarge(source.maxBodyBytes) : { ...replies.tooLarge(source.maxBodyBytes), closeConnection: true }, started, undefined, span);
    if (read.kind === 'missing') return this.answered(source.name, this.rawBodyMissing(source.name), started, undefined, span);
    const event = checkDelivery(source, read.body, delivery.headers, delivery.parsedBody);
    if ('status' in event) return this.answered(source.name, event, started, undefined, span);
    return this.answered(source.name, await this.enqueue(source, event, span !== undefined), started, event.type, span);
  }

  /**
   * The answer owed before the framework reads the body (404, 403, 413 for a declared length over
   * the limit), or undefined to let it read. For the controller mount's early gate; `receive`
   * repeats these checks, except the declared length, which its own bounded read covers.
   */
  refuseEarly(sourceName: string, ip: string | undefined, request: IncomingMessage): IntakeReply | undefined {
    const started = intakeChannel.hasSubscribers ? performance.now() : 0;
    const source = this.admit(sourceName, ip);
    const refusal = 'status' in source ? source : declaredTooLarge(request.headers, source.maxBodyBytes) ? replies.tooLarge(source.maxBodyBytes) : undefined;
    if (refusal === undefined) return undefined;
    const instrumentation = currentInstrumentation();
    const span = instrumentation && startIntakeSpan(instrumentation, this.route, request.headers, ip);
    return this.answered(sourceName, withUnread(refusal, request), started, undefined, span);
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

  /** Publishes every answer, whatever decided it, and ends the intake span with it. */
  private answered(source: string, reply: IntakeReply, started: number, type?: string, span?: InstrumentedSpan): IntakeReply {
    if (!intakeChannel.hasSubscribers && span === undefined) return reply;
    const label = this.sources.has(source) ? source : UNKNOWN_SOURCE_LABEL;
    if (intakeChannel.hasSubscribers) intakeChannel.publish({ source: label, status: reply.status, outcome: reply.outcome, eventId: reply.eventId, type, durationMs: performance.now() - started });
    span?.end(intakeSpanOutcome(label, reply, type));
    return reply;
  }

  /** Stores a checked event (one PRODUCER span per execution while tracing is on) and answers. */
  private async enqueue(source: ResolvedSource, event: StoredWebhookEvent, traced: boolean): Promise<IntakeReply> {
    const matches = this.registry.match(source.name, event.type);
    const instrumentation = traced ? currentInstrumentation() : undefined;
    const producers: ProducerSpan[] | undefined = instrumentation && matches.length > 0 ? startProducerSpans(instrumentation, event, matches) : undefined;
    let outcome: StoreOutcome;
    try {
      outcome = await this.store.store(source, event, matches, producers && carriersOf(producers));
    } catch (error) {
      if (producers) endProducerSpans(producers, { kind: 'failed', error });
      if (!(error instanceof WebhookStoreUnavailableError)) throw error;
      // The event's id is the correlation id of everything logged about it.
      runWithCorrelation({ correlationId: event.id }, () => this.logger.error(messages.storeFailed(source.name, error.message)));
      return replies.unavailable(this.unavailableRetryAfter);
    }
    if (producers) endProducerSpans(producers, outcome);
    if (outcome.kind === 'duplicate') return replies.duplicate(event.id);
    if (outcome.kind === 'rate-limited') return replies.rateLimited(outcome.retryAfterMs);
    if (outcome.kind === 'unstorable') {
      runWithCorrelation({ correlationId: event.id }, () => this.logger.error(messages.unstorablePayload(source.name, outcome.reason)));
      return replies.unstorable();
    }
    return replies.accepted(event.id);
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
