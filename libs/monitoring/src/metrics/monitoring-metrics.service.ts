import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { BullQueues } from '../queues/bull-queues.js';
import { CircuitStates } from '../state/circuit-states.js';
import { createAiwireMetrics } from './aiwire-metrics.js';
import { BoundedValues } from './bounded-values.js';
import { circuitStateCollector, queueJobsCollector } from './metrics.collectors.js';
import { resolveMetricsOptions } from './metrics.options.js';
import type { MetricsSink } from './metrics.recorders.js';
import { subscribeMetrics } from './metrics.subscriptions.js';

/** Distinct event types counted per source; later new ones are counted as `(other)`. */
const MAX_TYPES_PER_SOURCE = 200;

/**
 * The module's Prometheus registry, served at the metrics route. Add your own metrics to it
 * (`new Counter({ ..., registers: [metrics.registry] })`), or merge it with yours:
 * `Registry.merge([register, metrics.registry])`.
 * @publicApi
 */
@Injectable()
export class MonitoringMetrics implements OnModuleInit, OnApplicationShutdown {
  /** The module's own registry (never prom-client's global one); empty when metrics are off. */
  readonly registry = new Registry();
  /** False when the `metrics` option is absent: the route answers 404 and nothing is recorded. */
  readonly enabled: boolean;
  private readonly sink: MetricsSink | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(@Inject(MONITORING_OPTIONS) options: ResolvedMonitoringOptions, queues: BullQueues, circuits: CircuitStates) {
    this.enabled = options.metrics !== undefined;
    if (!options.metrics) return;
    const resolved = resolveMetricsOptions(options.metrics);
    const collectors = { queueJobs: queueJobsCollector(queues, new Logger(MonitoringMetrics.name)), circuitState: circuitStateCollector(circuits) };
    this.sink = { metrics: createAiwireMetrics(this.registry, resolved, collectors), types: new BoundedValues(MAX_TYPES_PER_SOURCE) };
    if (resolved.defaultMetrics) collectDefaultMetrics({ register: this.registry });
  }

  onModuleInit(): void {
    if (this.sink && !this.unsubscribe) this.unsubscribe = subscribeMetrics(this.sink);
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  /** The content type of `metrics()`: Prometheus text format 0.0.4. */
  get contentType(): string {
    return this.registry.contentType;
  }

  /** The text exposition of the registry, queue and circuit gauges read now. */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
