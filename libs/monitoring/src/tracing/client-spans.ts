import { createChannel } from '@aiwire/core';
import type { AiAttemptMessage } from '@aiwire/ai';
import type { HttpAttemptMessage } from '@aiwire/connectors';
import { TRACER_NAME, type OtelApi } from './otel-api.js';
import { definedAttributes, failSpan } from './otel-instrumentation.js';

/** Subscribed by name, so the libs are needed only when they are installed (and then publish). */
const aiAttempts = createChannel<AiAttemptMessage>('aiwire:ai:attempt');
const httpAttempts = createChannel<HttpAttemptMessage>('aiwire:http:attempt');

/** Now, in epoch milliseconds with sub-millisecond precision: the clock the SDK stamps spans with. */
const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * CLIENT spans for the calls aiwire makes outside: one per attempt sent to an AI provider (named
 * `{gen_ai.operation.name} {gen_ai.request.model}`, `gen_ai.*` attributes) and one per request
 * sent by a connector (`{method} {url.template}`, `http.*` attributes). They are made when the
 * attempt's message arrives, at its end: the lib publishes synchronously in the caller's async
 * context, so the active span (a handler's CONSUMER span, ...) is the parent, and the span is
 * back-dated to when the attempt started. Returns the unsubscribe.
 */
export function subscribeClientSpans(api: OtelApi): () => void {
  const tracer = api.trace.getTracer(TRACER_NAME);

  const onAiAttempt = (message: AiAttemptMessage): void => {
    const { attributes } = message;
    const end = epochNow();
    const span = tracer.startSpan(
      `${attributes['gen_ai.operation.name']} ${attributes['gen_ai.request.model']}`,
      {
        kind: api.SpanKind.CLIENT,
        startTime: end - message.durationMs,
        attributes: definedAttributes({ ...attributes, 'http.response.status_code': message.status, 'aiwire.ai.provider': message.provider, 'aiwire.ai.attempt': message.attempt }),
      },
      api.context.active(),
    );
    if (message.outcome !== 'success') failSpan(api, span, attributes['error.type'] ?? message.reason ?? message.outcome);
    span.end(end);
  };

  const onHttpAttempt = (message: HttpAttemptMessage): void => {
    const { attributes } = message;
    const end = epochNow();
    const span = tracer.startSpan(
      `${attributes['http.request.method']} ${attributes['url.template']}`,
      { kind: api.SpanKind.CLIENT, startTime: end - message.durationMs, attributes: definedAttributes({ ...attributes }) },
      api.context.active(),
    );
    // error.type is set exactly when the attempt failed: a 4xx/5xx, the provider's error code, a timeout or a network error.
    if (attributes['error.type'] !== undefined) failSpan(api, span, attributes['error.type']);
    span.end(end);
  };

  aiAttempts.subscribe(onAiAttempt);
  httpAttempts.subscribe(onHttpAttempt);
  return () => {
    aiAttempts.unsubscribe(onAiAttempt);
    httpAttempts.unsubscribe(onHttpAttempt);
  };
}
