import { Counter, Histogram, type Registry } from 'prom-client';
import type { FlowRunMessage, FlowStepMessage } from '@aiwire/flows';
import { BoundedValues } from '../metrics/bounded-values.js';
import type { ResolvedMetricsOptions } from '../metrics/metrics.options.js';
import { FLOWS_VIEW } from './flows.constants.js';

/**
 * Buckets, seconds. Steps are calls to other systems (an AI call may take a minute); runs last
 * from milliseconds to the days a sleep or a wait holds them.
 */
export const FLOW_BUCKETS = {
  stepSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
  runSeconds: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 14400, 86400, 604800],
} as const;

type RunLabels = 'flow' | 'status';
/** Outcomes of a step execution that are counted (started, parked and resumed are not executions' ends). */
const COUNTED: ReadonlySet<FlowStepMessage['outcome']> = new Set(['completed', 'retrying', 'failed']);
const ENDED: ReadonlySet<FlowRunMessage['status']> = new Set(['completed', 'failed', 'cancelled']);

/**
 * The flow metrics in the module's registry. Labelled children are cached: a message costs a map
 * lookup and an `inc`/`observe`, never prom-client's label hashing. Step ids come from code, yet a
 * flow that builds them from data (`item-${i}`) would grow the series without end: past
 * `maxStepsPerFlow` ids per flow, new ones count as `(other)`.
 */
export class FlowMetrics {
  private readonly runs: Counter<RunLabels>;
  private readonly runDuration: Histogram<RunLabels>;
  private readonly steps: Counter<'flow' | 'step' | 'outcome'>;
  private readonly stepDuration: Histogram<'flow' | 'step'>;
  private readonly stepIds = new BoundedValues(FLOWS_VIEW.maxStepsPerFlow);
  private readonly counters = new Map<string, Counter.Internal>();
  private readonly histograms = new Map<string, Histogram.Internal<string>>();

  constructor(registry: Registry, options: ResolvedMetricsOptions) {
    const registers = [registry];
    const seconds = (own: readonly number[]): number[] => [...(options.buckets ?? own)];
    this.runs = new Counter({ name: 'aiwire_flow_runs_total', help: 'Flow runs ended, by status (completed, failed, cancelled).', labelNames: ['flow', 'status'], registers });
    this.runDuration = new Histogram({ name: 'aiwire_flow_run_duration_seconds', help: 'Duration of flow runs from creation to their end (sleeps and waits included), by status.', labelNames: ['flow', 'status'], buckets: seconds(FLOW_BUCKETS.runSeconds), registers });
    this.steps = new Counter({ name: 'aiwire_flow_steps_total', help: 'Flow step executions ended, by outcome (completed, retrying: another attempt is scheduled, failed: the last one).', labelNames: ['flow', 'step', 'outcome'], registers });
    this.stepDuration = new Histogram({ name: 'aiwire_flow_step_duration_seconds', help: 'Duration of flow step executions (each attempt), whatever their outcome.', labelNames: ['flow', 'step'], buckets: seconds(FLOW_BUCKETS.stepSeconds), registers });
  }

  run(message: FlowRunMessage): void {
    if (!ENDED.has(message.status)) return;
    const key = `\0${message.flow}\0${message.status}`;
    this.counter(key, () => this.runs.labels(message.flow, message.status)).inc();
    if (message.durationMs !== undefined) this.histogram(key, () => this.runDuration.labels(message.flow, message.status)).observe(message.durationMs / 1000);
  }

  step(message: FlowStepMessage): void {
    if (!COUNTED.has(message.outcome)) return;
    const step = this.stepIds.value(message.flow, message.step);
    this.counter(`${message.flow}\0${step}\0${message.outcome}`, () => this.steps.labels(message.flow, step, message.outcome)).inc();
    if (message.durationMs !== undefined) this.histogram(`${message.flow}\0${step}`, () => this.stepDuration.labels(message.flow, step)).observe(message.durationMs / 1000);
  }

  private counter(key: string, make: () => Counter.Internal): Counter.Internal {
    let child = this.counters.get(key);
    if (child === undefined) this.counters.set(key, (child = make()));
    return child;
  }

  private histogram(key: string, make: () => Histogram.Internal<string>): Histogram.Internal<string> {
    let child = this.histograms.get(key);
    if (child === undefined) this.histograms.set(key, (child = make()));
    return child;
  }
}
