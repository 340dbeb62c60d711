import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { resolveMetricsOptions } from './metrics.options.js';

describe('resolveMetricsOptions', () => {
  it('turns the default process metrics on and keeps each histogram its own buckets', () => {
    expect(resolveMetricsOptions({})).toEqual({ defaultMetrics: true, buckets: undefined });
    expect(resolveMetricsOptions({ defaultMetrics: false, buckets: [0.1, 1] })).toEqual({ defaultMetrics: false, buckets: [0.1, 1] });
  });

  it.each([[[]], [[1, 0.5]], [[0, 1]], [[0.1, 0.1]], [[0.1, Number.POSITIVE_INFINITY]], [[Number.NaN]]])('refuses buckets %j at startup, saying what works', (buckets) => {
    expect(() => resolveMetricsOptions({ buckets })).toThrow(MonitoringConfigurationError);
    expect(() => resolveMetricsOptions({ buckets })).toThrow(/metrics\.buckets must be positive seconds in increasing order, such as \[0\.1, 0\.5, 1, 5\]/);
  });
});
