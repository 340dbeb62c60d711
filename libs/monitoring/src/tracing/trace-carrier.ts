import type { SpanContext } from '@opentelemetry/api';
import type { TraceCarrier } from '@aiwire/core';
import type { OtelApi } from './otel-api.js';

/** `version-traceId-spanId-flags`, W3C Trace Context level 1 (a later version may append fields). */
const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})(-.*)?$/;

/**
 * The W3C trace context of `context`, written here rather than through the global propagator: a
 * queued job must carry it whatever propagator the app registered (or none).
 */
export function toCarrier(context: SpanContext): TraceCarrier {
  const traceparent = `00-${context.traceId}-${context.spanId}-${(context.traceFlags & 0xff).toString(16).padStart(2, '0')}`;
  const tracestate = context.traceState?.serialize();
  return tracestate ? { traceparent, tracestate } : { traceparent };
}

/** The remote span context a job carries, or undefined when it carries none or a malformed one. */
export function fromCarrier(api: OtelApi, carrier: TraceCarrier | undefined): SpanContext | undefined {
  if (typeof carrier?.traceparent !== 'string') return undefined;
  const match = TRACEPARENT.exec(carrier.traceparent);
  if (!match || match[1] === 'ff' || (match[1] === '00' && match[5] !== undefined)) return undefined;
  const context: SpanContext = {
    traceId: match[2]!,
    spanId: match[3]!,
    traceFlags: parseInt(match[4]!, 16),
    isRemote: true,
    ...(typeof carrier.tracestate === 'string' && carrier.tracestate !== '' && { traceState: api.createTraceState(carrier.tracestate) }),
  };
  return api.isSpanContextValid(context) ? context : undefined;
}
