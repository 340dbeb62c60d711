/**
 * The part of `@opentelemetry/api`'s `trace` this file reads; declared here so that nothing of an
 * optional peer is imported (not even its types) until tracing turns on.
 */
export interface ActiveSpanReader {
  getActiveSpan(): { spanContext(): { traceId: string; spanId: string } } | undefined;
}

/** Set while the tracing part is on and `@opentelemetry/api` has been loaded; undefined otherwise. */
let reader: ActiveSpanReader | undefined;
let users = 0;

/** An id of all zeros: OpenTelemetry's "no span" (the non-recording span of a missing SDK). */
const INVALID_TRACE_ID = '00000000000000000000000000000000';

/**
 * The ids of the active OpenTelemetry span, for log lines: undefined when tracing is off,
 * `@opentelemetry/api` is absent, or no span is active. Costs one comparison when off.
 */
export function currentTraceIds(): { trace_id: string; span_id: string } | undefined {
  if (reader === undefined) return undefined;
  const span = reader.getActiveSpan();
  if (span === undefined) return undefined;
  const { traceId, spanId } = span.spanContext();
  return traceId === INVALID_TRACE_ID ? undefined : { trace_id: traceId, span_id: spanId };
}

/**
 * Called by the tracing part when it turns on (with `trace` of `@opentelemetry/api`); the returned
 * function turns it off. Counted, so that one of several apps in a process stopping leaves it on.
 */
export function enableTraceIds(next: ActiveSpanReader): () => void {
  reader = next;
  users += 1;
  let enabled = true;
  return () => {
    if (!enabled) return;
    enabled = false;
    users -= 1;
    if (users === 0) reader = undefined;
  };
}
