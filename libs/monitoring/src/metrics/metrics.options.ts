import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringMetricsOptions } from '../interfaces/monitoring-module-options.interface.js';

/** The metrics options with their defaults applied. */
export interface ResolvedMetricsOptions {
  readonly defaultMetrics: boolean;
  /** Buckets of every `*_duration_seconds` histogram, or undefined for each one's own. */
  readonly buckets: readonly number[] | undefined;
}

/** Applies the defaults and checks `buckets`, at startup. */
export function resolveMetricsOptions(options: MonitoringMetricsOptions): ResolvedMetricsOptions {
  const { buckets } = options;
  if (buckets !== undefined) {
    const valid = buckets.length > 0 && buckets.every((b, i) => Number.isFinite(b) && b > 0 && (i === 0 || b > (buckets[i - 1] as number)));
    if (!valid) throw new MonitoringConfigurationError(`MonitoringModule: metrics.buckets must be positive seconds in increasing order, such as [0.1, 0.5, 1, 5]; got ${JSON.stringify(buckets)}`);
  }
  return { defaultMetrics: options.defaultMetrics ?? true, buckets: buckets && [...buckets] };
}
