import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createChannel, type ChannelListener } from '@aiwire/core';
import type { Logger } from 'pino';
import type { FlowRunMessage, FlowStepMessage } from '@aiwire/flows';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { MONITORING_LOGGER } from '../logs/logs.constants.js';
import { MonitoringMetrics } from '../metrics/monitoring-metrics.service.js';
import { resolveMetricsOptions } from '../metrics/metrics.options.js';
import { FlowMetrics } from './flow-metrics.js';
import { logFlowRun, logFlowStep } from './flow-log-lines.js';

/** The channels of @aiwire/flows, by name: flows is an optional peer, never loaded for this. */
const RUN_CHANNEL = 'aiwire:flow:run';
const STEP_CHANNEL = 'aiwire:flow:step';

/**
 * Flow runs and steps into the metrics (when `metrics` is on) and the log lines (when `logs` is
 * on), from the `aiwire:flow:*` channels, subscribed while the module lives. With both parts off
 * nothing subscribes, so the engine's publishes cost nothing.
 */
@Injectable()
export class FlowObserver implements OnModuleInit, OnApplicationShutdown {
  /** Builds the flow metrics at the first message: an app without flows gets no empty families in its exposition. */
  private readonly makeMetrics: (() => FlowMetrics) | undefined;
  private metrics: FlowMetrics | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(MONITORING_OPTIONS) options: ResolvedMonitoringOptions,
    monitoringMetrics: MonitoringMetrics,
    @Inject(MONITORING_LOGGER) private readonly logger: Logger | undefined,
  ) {
    const { metrics } = options;
    if (metrics && monitoringMetrics.enabled) this.makeMetrics = () => new FlowMetrics(monitoringMetrics.registry, resolveMetricsOptions(metrics));
  }

  onModuleInit(): void {
    if (this.unsubscribe) return;
    const { makeMetrics, logger } = this;
    if (!makeMetrics && !logger) return;
    const onRun: ChannelListener<FlowRunMessage> = (m) => {
      if (makeMetrics) (this.metrics ??= makeMetrics()).run(m);
      if (logger) logFlowRun(logger, m);
    };
    const onStep: ChannelListener<FlowStepMessage> = (m) => {
      if (makeMetrics) (this.metrics ??= makeMetrics()).step(m);
      if (logger) logFlowStep(logger, m);
    };
    const off = [on(RUN_CHANNEL, onRun), on(STEP_CHANNEL, onStep)];
    this.unsubscribe = () => off.forEach((unsubscribe) => unsubscribe());
  }

  onApplicationShutdown(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }
}

function on<T>(name: string, listener: ChannelListener<T>): () => void {
  const channel = createChannel<T>(name);
  channel.subscribe(listener);
  return () => channel.unsubscribe(listener);
}
