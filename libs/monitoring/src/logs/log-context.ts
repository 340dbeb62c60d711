import { currentCorrelation } from '@aiwire/core';
import { currentTraceIds } from '../tracing/trace-ids.js';

/**
 * pino `mixin`: the correlation id of the work running now and, with tracing on, the active span's
 * ids, on every line. A fresh object each time: pino merges the line's fields into it.
 */
export function logContext(): Record<string, string> {
  const correlation = currentCorrelation();
  const trace = currentTraceIds();
  if (correlation === undefined) return trace ?? {};
  return trace === undefined ? { correlation_id: correlation.correlationId } : { correlation_id: correlation.correlationId, ...trace };
}
