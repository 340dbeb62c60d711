import { createChannel, type ChannelListener, type TypedChannel } from '@aiwire/core';
import type { AiRequestMessage } from '@aiwire/ai';
import { AI_COST_CHANNEL } from './alert-metrics.js';
import type { CostRule, CountRule, ResolvedAlertRule } from './alert-rules.js';
import type { AlertStore, PendingCounts } from './alert-store.js';
import { bucketOf, windowTtl } from './alert-window.js';

/** AI spend is counted in whole nano-dollars: integers add up exactly in Redis. */
export const NANO_USD = 1e9;

type WindowRule = CountRule | CostRule;

/** How much one message adds to a rule (0: nothing). */
function amountOf(rule: WindowRule, message: unknown): number {
  if (rule.kind === 'cost') {
    const cost = (message as AiRequestMessage).costUsd;
    return typeof cost === 'number' && cost > 0 ? Math.round(cost * NANO_USD) : 0;
  }
  const event = rule.spec.classify(message);
  if (event === undefined) return 0;
  if (rule.source !== undefined && event.source !== rule.source) return 0;
  if (rule.reason !== undefined && event.reason !== rule.reason) return 0;
  return 1;
}

/**
 * Counts, in this process, what the window rules watch, from the diagnostics channels (a listener
 * adds to a map: nothing else on the publisher's path), and adds the counts to the shared buckets
 * in Redis on `flush()`. Counts that cannot be written yet are kept (while still inside their window)
 * and written with the next flush.
 */
export class AlertCounters {
  private readonly rules: readonly WindowRule[];
  private pending: Map<number, number>[];
  private readonly subscriptions: [TypedChannel<unknown>, ChannelListener<unknown>][] = [];
  private flushing: Promise<void> | undefined;

  constructor(rules: readonly ResolvedAlertRule[], private readonly store: AlertStore, private readonly now: () => number = Date.now) {
    this.rules = rules.filter((r): r is WindowRule => r.kind !== 'deadLetters');
    this.pending = this.rules.map(() => new Map());
  }

  /** The rules counted here (count and cost rules), in the order the evaluator reads their windows. */
  windowRules(): readonly WindowRule[] {
    return this.rules;
  }

  start(): void {
    const byChannel = new Map<string, number[]>();
    this.rules.forEach((rule, i) => {
      const channel = rule.kind === 'cost' ? AI_COST_CHANNEL : rule.spec.channel;
      byChannel.set(channel, [...(byChannel.get(channel) ?? []), i]);
    });
    for (const [name, indexes] of byChannel) {
      const channel = createChannel<unknown>(name);
      const listener: ChannelListener<unknown> = (message) => {
        for (const i of indexes) {
          const amount = amountOf(this.rules[i]!, message);
          if (amount > 0) this.add(i, amount);
        }
      };
      channel.subscribe(listener);
      this.subscriptions.push([channel, listener]);
    }
  }

  stop(): void {
    for (const [channel, listener] of this.subscriptions.splice(0)) channel.unsubscribe(listener);
  }

  /** Writes the counts so far; one flush at a time (a caller during one waits for it, then flushes what came since). */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing.catch(() => undefined);
    this.flushing = this.write().finally(() => (this.flushing = undefined));
    return this.flushing;
  }

  private add(i: number, amount: number): void {
    const rule = this.rules[i]!;
    const bucket = bucketOf(this.now(), rule.bucketMs);
    const counts = this.pending[i]!;
    counts.set(bucket, (counts.get(bucket) ?? 0) + amount);
  }

  private async write(): Promise<void> {
    const taken = this.pending;
    this.pending = this.rules.map(() => new Map());
    const batch: PendingCounts[] = [];
    taken.forEach((buckets, i) => {
      const rule = this.rules[i]!;
      if (buckets.size > 0) batch.push({ key: this.store.countsKey(rule.name, rule.fingerprint), ttlMs: windowTtl(rule.windowMs, rule.bucketMs), buckets });
    });
    try {
      await this.store.flush(batch);
    } catch (error) {
      this.keep(taken);
      throw error;
    }
  }

  /** Puts unwritten counts back, except buckets that have left their window meanwhile. */
  private keep(taken: readonly Map<number, number>[]): void {
    const now = this.now();
    taken.forEach((buckets, i) => {
      const rule = this.rules[i]!;
      const oldest = bucketOf(now - rule.windowMs, rule.bucketMs);
      for (const [bucket, amount] of buckets) {
        if (bucket <= oldest) continue;
        const counts = this.pending[i]!;
        counts.set(bucket, (counts.get(bucket) ?? 0) + amount);
      }
    });
  }
}
