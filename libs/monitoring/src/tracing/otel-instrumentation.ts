import type { Attributes, Context, Span } from '@opentelemetry/api';
import type { Instrumentation, InstrumentedSpan, SpanAttributes, SpanOutcome } from '@aiwire/core';
import { TRACER_NAME, type OtelApi } from './otel-api.js';
import { fromCarrier, toCarrier } from './trace-carrier.js';

/** `attributes` without its undefined values, as OpenTelemetry wants them. */
export function definedAttributes(attributes: SpanAttributes): Attributes {
  const defined: Attributes = {};
  for (const key in attributes) {
    const value = attributes[key];
    if (value !== undefined) defined[key] = value as Attributes[string];
  }
  return defined;
}

/** Marks `span` failed: `error.type` (the error's class name, or the short type given) and an ERROR status. */
export function failSpan(api: OtelApi, span: Span, error: unknown): void {
  if (error instanceof Error) {
    span.setAttribute('error.type', error.name);
    span.recordException(error);
    span.setStatus({ code: api.SpanStatusCode.ERROR, message: error.message });
    return;
  }
  const type = typeof error === 'string' && error !== '' ? error : 'Error';
  span.setAttribute('error.type', type);
  span.setStatus({ code: api.SpanStatusCode.ERROR, message: type });
}

/**
 * The libs' tracing hooks (core's `Instrumentation`) made of OpenTelemetry spans, through whatever
 * SDK the app registered. Spans of the intake and of the queues; calls to AI providers and
 * connectors are traced from their diagnostics messages (client-spans.ts).
 */
export function createOtelInstrumentation(api: OtelApi): Instrumentation {
  const tracer = api.trace.getTracer(TRACER_NAME);

  const scope = (span: Span, parent: Context): InstrumentedSpan => {
    const active = api.trace.setSpan(parent, span);
    let ended = false;
    return {
      run: (fn) => api.context.with(active, fn),
      end(outcome?: SpanOutcome) {
        if (ended) return;
        ended = true;
        if (outcome?.attributes) span.setAttributes(definedAttributes(outcome.attributes));
        if (outcome?.error !== undefined) failSpan(api, span, outcome.error);
        span.end();
      },
    };
  };

  return {
    startServer(name, attributes, headers) {
      const active = api.context.active();
      // Under a span of the app's own HTTP instrumentation, a second SERVER span would claim the
      // same request twice: the intake becomes an INTERNAL child of it.
      const nested = api.trace.getSpan(active) !== undefined;
      const parent = nested ? active : api.propagation.extract(active, headers);
      const span = tracer.startSpan(name, { kind: nested ? api.SpanKind.INTERNAL : api.SpanKind.SERVER, attributes: definedAttributes(attributes) }, parent);
      return scope(span, parent);
    },

    startProducer(name, attributes) {
      const parent = api.context.active();
      const span = tracer.startSpan(name, { kind: api.SpanKind.PRODUCER, attributes: definedAttributes(attributes) }, parent);
      const context = span.spanContext();
      return { ...scope(span, parent), carrier: api.isSpanContextValid(context) ? toCarrier(context) : undefined };
    },

    startInternal(name, attributes) {
      const parent = api.context.active();
      const span = tracer.startSpan(name, { kind: api.SpanKind.INTERNAL, attributes: definedAttributes(attributes) }, parent);
      return scope(span, parent);
    },

    startConsumer(name, attributes, carrier) {
      // A job is its own unit of work: it starts from the root, never from whatever context Bull's
      // worker loop happened to be created in, and continues the trace of the producer it carries.
      const producer = fromCarrier(api, carrier);
      const parent = producer ? api.trace.setSpanContext(api.ROOT_CONTEXT, producer) : api.ROOT_CONTEXT;
      const span = tracer.startSpan(
        name,
        { kind: api.SpanKind.CONSUMER, attributes: definedAttributes(attributes), ...(producer && { links: [{ context: producer }] }) },
        parent,
      );
      return scope(span, parent);
    },
  };
}
