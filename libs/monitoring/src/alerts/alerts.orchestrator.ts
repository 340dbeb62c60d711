import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { RedisClient } from '@aiwire/core';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { MONITORING_OPTIONS, MONITORING_REDIS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { BullQueues, WEBHOOK_QUEUE_NAME } from '../queues/bull-queues.js';
import { AlertCounters } from './alert-counters.js';
import { AlertDeliveries } from './alert-deliveries.js';
import { AlertEvaluator } from './alert-evaluator.js';
import { AlertStore } from './alert-store.js';
import { ALERTS_OPTIONS } from './alerts.constants.js';
import { alertMessages as messages } from './alerts.messages.js';
import type { ResolvedAlertsOptions } from './alerts.options.js';
import { createAlertSender } from './channels/alert-senders.js';

/**
 * Mounts the alerts on the app's lifecycle: at init it checks what the rules and the channel need
 * (the Slack connector, the webhooks queue) and starts counting; at bootstrap it starts evaluating;
 * at shutdown it stops, writes the last counts and lets attempts in flight end. Does nothing
 * when `alerts` is off.
 */
@Injectable()
export class AlertsOrchestrator implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private counters: AlertCounters | undefined;
  private deliveries: AlertDeliveries | undefined;
  private evaluator: AlertEvaluator | undefined;
  private timers: NodeJS.Timeout[] = [];
  private evaluating: Promise<void> | undefined;

  constructor(
    @Inject(ALERTS_OPTIONS) private readonly alerts: ResolvedAlertsOptions | undefined,
    @Inject(MONITORING_OPTIONS) private readonly options: ResolvedMonitoringOptions,
    @Inject(MONITORING_REDIS) private readonly redis: RedisClient | undefined,
    private readonly moduleRef: ModuleRef,
    private readonly queues: BullQueues,
  ) {}

  async onModuleInit(): Promise<void> {
    const { alerts, redis } = this;
    if (!alerts || !redis) return;
    const sender = await createAlertSender(alerts.channel, this.moduleRef);
    const deadLetters = alerts.rules.find((r) => r.kind === 'deadLetters');
    if (deadLetters && !this.queues.get(WEBHOOK_QUEUE_NAME)) throw new MonitoringConfigurationError(messages.noWebhooksQueue(deadLetters.name));
    const store = new AlertStore(redis, this.options.keyPrefix);
    this.counters = new AlertCounters(alerts.rules, store);
    this.deliveries = new AlertDeliveries(store, sender, alerts.retry);
    this.evaluator = new AlertEvaluator(alerts.rules, this.counters, store, this.deliveries, this.queues);
    this.counters.start();
  }

  onApplicationBootstrap(): void {
    const { alerts, counters } = this;
    if (!alerts || !counters) return;
    this.timers.push(setInterval(() => void this.tick(), alerts.evaluateEveryMs));
    if (alerts.flushEveryMs < alerts.evaluateEveryMs) this.timers.push(setInterval(() => void counters.flush().catch(() => undefined), alerts.flushEveryMs));
    for (const timer of this.timers) timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.counters?.stop();
    await this.evaluating;
    await this.counters?.flush().catch(() => undefined);
    await this.deliveries?.stop();
  }

  /** One evaluation; a tick that comes while the last one still runs is skipped. */
  private tick(): Promise<void> {
    if (!this.evaluating && this.evaluator) this.evaluating = this.evaluator.evaluate().finally(() => (this.evaluating = undefined));
    return this.evaluating ?? Promise.resolve();
  }
}
