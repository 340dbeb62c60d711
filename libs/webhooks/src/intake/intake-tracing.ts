import type { Instrumentation, InstrumentedSpan, ProducerSpan, SpanAttributes, SpanOutcome, TraceCarrier } from '@aiwire/core';
import { WEBHOOK_QUEUE_NAME } from '../webhook.constants.js';
import { MESSAGING_SYSTEM } from '../webhook.tracing.js';
import { executionJobId, type StoreOutcome } from './webhook-store.js';
import type { IntakeReply } from './intake-replies.js';
import type { HandlerMatch } from '../webhook.registry.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';

/**
 * The spans of the intake, only ever built while an instrumentation is registered (tracing on):
 * a SERVER span per delivery, a PRODUCER span per execution queued. Attribute names follow the
 * OpenTelemetry HTTP and messaging semantic conventions; aiwire's own are under `aiwire.webhook.*`.
 */

/** A SERVER span for one delivery to `POST {route}`, child of the trace context in its headers when one is propagated. */
export function startIntakeSpan(instrumentation: Instrumentation, route: string, headers: Readonly<Record<string, string | string[] | undefined>>, ip: string | undefined): InstrumentedSpan {
  return instrumentation.startServer(`POST ${route}`, { 'http.request.method': 'POST', 'http.route': route, 'client.address': ip }, headers);
}

/** How the intake span ends: the answer, and an error for a 5xx only (a refusal is the intake working). */
export function intakeSpanOutcome(source: string, reply: IntakeReply, type: string | undefined): SpanOutcome {
  const attributes: SpanAttributes = {
    'http.response.status_code': reply.status,
    'aiwire.webhook.source': source,
    'aiwire.webhook.outcome': reply.outcome,
    'aiwire.webhook.event_id': reply.eventId,
    'aiwire.webhook.type': type,
  };
  return reply.status >= 500 ? { attributes, error: String(reply.status) } : { attributes };
}

/** The intake span of a delivery whose sender went away mid-body. */
export const ABORTED_OUTCOME: SpanOutcome = { attributes: { 'aiwire.webhook.outcome': 'aborted' } };

/** One PRODUCER span per execution about to be queued, in the order of `matches`. */
export function startProducerSpans(instrumentation: Instrumentation, event: StoredWebhookEvent, matches: readonly HandlerMatch[]): ProducerSpan[] {
  return matches.map((match) =>
    instrumentation.startProducer(`send ${WEBHOOK_QUEUE_NAME}`, {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.destination.name': WEBHOOK_QUEUE_NAME,
      'messaging.operation.type': 'send',
      'messaging.operation.name': 'send',
      'messaging.message.id': executionJobId(event, match.handler.id),
      'aiwire.webhook.source': event.source,
      'aiwire.webhook.type': event.type,
      'aiwire.webhook.event_id': event.id,
      'aiwire.webhook.handler': match.handler.id,
    }),
  );
}

/** The carriers to write into the jobs, or undefined when no span has a context to carry (the job data stays as untraced). */
export function carriersOf(spans: readonly ProducerSpan[]): (TraceCarrier | undefined)[] | undefined {
  return spans.some((span) => span.carrier !== undefined) ? spans.map((span) => span.carrier) : undefined;
}

/** Ends the PRODUCER spans once the store answered: a job not written (duplicate, rate limited) says why. */
export function endProducerSpans(spans: readonly ProducerSpan[], outcome: StoreOutcome | { kind: 'failed'; error: unknown }): void {
  const ending: SpanOutcome =
    outcome.kind === 'enqueued' ? {}
    : outcome.kind === 'failed' ? { error: outcome.error }
    : outcome.kind === 'unstorable' ? { attributes: { 'aiwire.webhook.enqueued': false }, error: 'unstorable_payload' }
    : { attributes: { 'aiwire.webhook.enqueued': false, 'aiwire.webhook.outcome': outcome.kind } };
  for (const span of spans) span.end(ending);
}
