import { Logger } from '@nestjs/common';
import type { AlertCounters } from './alert-counters.js';
import { NANO_USD } from './alert-counters.js';
import type { AlertDeliveries } from './alert-deliveries.js';
import type { ResolvedAlertRule } from './alert-rules.js';
import type { AlertStore } from './alert-store.js';
import { windowBuckets } from './alert-window.js';
import { alertMessages as messages } from './alerts.messages.js';

/** Where the dead-letter count comes from (`BullQueues` in the app). */
export interface DeadLetterCounter {
  deadLetters(): Promise<number>;
}

/**
 * One evaluation, as every process runs it each `evaluateEvery`: write the local counts, read each
 * rule's value from the shared state, move the rules whose side of the threshold changed (the
 * compare-and-set in Redis lets one process win each change and queue its notification), then
 * send what is due.
 */
export class AlertEvaluator {
  private readonly logger = new Logger(AlertEvaluator.name);
  private failing = false;

  constructor(
    private readonly rules: readonly ResolvedAlertRule[],
    private readonly counters: AlertCounters,
    private readonly store: AlertStore,
    private readonly deliveries: AlertDeliveries,
    private readonly deadLetters: DeadLetterCounter,
    private readonly now: () => number = Date.now,
  ) {}

  async evaluate(): Promise<void> {
    try {
      await this.counters.flush();
      const values = await this.values();
      for (const rule of this.rules) {
        const value = values.get(rule.name)!;
        const note = await this.store.transition({
          rule: rule.name, state: value > rule.above ? 'firing' : 'resolved', value, threshold: rule.above, window: rule.window, condition: rule.describe,
        });
        if (note !== undefined) this.deliveries.send(rule.name);
      }
      await this.deliveries.sendDue();
      if (this.failing) this.logger.log(messages.evaluationBack());
      this.failing = false;
    } catch (error) {
      if (!this.failing) this.logger.warn(messages.evaluationFailed(error instanceof Error ? error.message : String(error)));
      this.failing = true;
    }
  }

  private async values(): Promise<Map<string, number>> {
    const values = new Map<string, number>();
    const now = this.now();
    const windows = this.counters.windowRules();
    const sums = await this.store.sums(windows.map((r) => ({ key: this.store.countsKey(r.name, r.fingerprint), ...windowBuckets(now, r.windowMs, r.bucketMs) })));
    windows.forEach((rule, i) => values.set(rule.name, rule.kind === 'cost' ? Math.round((sums[i]! / NANO_USD) * 1e6) / 1e6 : sums[i]!));
    if (this.rules.some((r) => r.kind === 'deadLetters')) {
      const dead = await this.deadLetters.deadLetters();
      for (const rule of this.rules) if (rule.kind === 'deadLetters') values.set(rule.name, dead);
    }
    return values;
  }
}
