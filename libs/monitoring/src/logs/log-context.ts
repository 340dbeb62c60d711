import { currentCorrelation } from '@aiwire/core';
import { currentTraceIds } from '../tracing/trace-ids.js';

/** What `logContext` returns when it has nothing to add: the line is written as it is, not copied. */
const NOTHING: Readonly<Record<string, string>> = Object.freeze({});

/**
 * pino `mixin`: the correlation id of the work running now and, with tracing on, the active span's
 * ids, on every line. A line that already carries its `correlation_id` (monitoring's own) gets
 * nothing while tracing is off. A fresh object otherwise: pino merges the line's fields into it.
 */
export function logContext(fields?: object): Record<string, string> {
  const trace = currentTraceIds();
  if (trace === undefined && (fields as { correlation_id?: unknown } | undefined)?.correlation_id !== undefined) return NOTHING;
  const correlation = currentCorrelation();
  if (correlation === undefined) return trace ?? NOTHING;
  return trace === undefined ? { correlation_id: correlation.correlationId } : { correlation_id: correlation.correlationId, ...trace };
}

/** pino `mixinMergeStrategy` for `logContext`: the line's own fields win; when the mixin adds nothing the line is not copied. */
export function mergeLogContext(fields: object, context: object): object {
  return context === NOTHING ? fields : Object.assign(context, fields);
}
