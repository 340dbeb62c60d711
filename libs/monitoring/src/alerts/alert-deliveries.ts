import { Logger } from '@nestjs/common';
import { computeBackoff } from '@aiwire/core';
import { describeNotification, parseNotification } from './alert-notification.js';
import type { AlertStore } from './alert-store.js';
import { alertMessages as messages } from './alerts.messages.js';
import type { ResolvedAlertsOptions } from './alerts.options.js';
import type { AlertSender } from './channels/alert-sender.js';

/** How far this host's clock may be behind Redis' before due notifications wait a tick longer. */
const CLOCK_SKEW_MS = 1_000;

/**
 * Sends the queued notifications, in order per rule, at least once. Any process may send one: it
 * first takes a lease on it in Redis (`claim`), so one process sends it at a time; a failed
 * attempt is retried after a backoff with jitter; a process that dies holding a lease (even
 * between winning the transition and sending) leaves the notification queued, and another process
 * sends it when the lease ends. The price: a process that dies after sending but before recording
 * it leaves a duplicate to send, with the same id (`webhook-id` for receivers to drop).
 */
export class AlertDeliveries {
  private readonly logger = new Logger(AlertDeliveries.name);
  private readonly running = new Set<Promise<void>>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  /** Longer than one attempt can last, so a live sender is never overtaken. */
  private readonly leaseMs: number;

  constructor(private readonly store: AlertStore, private readonly sender: AlertSender, private readonly retry: ResolvedAlertsOptions['retry']) {
    this.leaseMs = 2 * retry.timeoutMs;
  }

  /** Sends what is due for every rule (the notifications of processes that died, retries that came due). */
  async sendDue(): Promise<void> {
    const due = await this.store.due();
    // Due times are Redis' clock; the claim decides, this only spares calls that cannot succeed yet.
    const now = Date.now() + CLOCK_SKEW_MS;
    for (const { rule, at } of due) if (at <= now) this.send(rule);
  }

  /** Sends the rule's queued notifications, one after the other, in the background. */
  send(rule: string): void {
    if (this.stopped) return;
    const run = this.drain(rule).catch((error: unknown) => this.logger.warn(messages.deliveryStalled(describe(error))));
    this.running.add(run);
    void run.finally(() => this.running.delete(run));
  }

  /** Stops scheduling; waits for attempts in flight (each ends within `timeoutMs`). */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await Promise.allSettled(this.running);
  }

  private async drain(rule: string): Promise<void> {
    for (;;) {
      const claimed = await this.store.claim(rule, this.leaseMs);
      if (!claimed) return;
      const notification = parseNotification(claimed.note);
      const error = await this.attempt(notification);
      if (!error) {
        await this.store.settle(rule, notification.id, undefined, this.retry.attempts);
        continue;
      }
      const delay = computeBackoff(claimed.attempt, { baseMs: this.retry.baseDelayMs, maxMs: this.retry.maxDelayMs, jitter: 'equal' });
      const settled = await this.store.settle(rule, notification.id, delay, this.retry.attempts);
      if (settled === 'retry') {
        this.logger.warn(messages.deliveryFailed(notification.id, claimed.attempt, this.retry.attempts, describe(error), delay));
        this.later(rule, delay);
        return;
      }
      if (settled === 'dropped') this.logger.error(messages.deliveryGaveUp(notification.id, claimed.attempt, describe(error), describeNotification(notification)));
      if (settled === 'stale') return;
    }
  }

  private async attempt(notification: ReturnType<typeof parseNotification>): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new Error(messages.deliveryTimedOut(this.retry.timeoutMs))), this.retry.timeoutMs);
    try {
      await this.sender.send(notification, controller.signal);
      return undefined;
    } catch (error) {
      return error ?? new Error('failed');
    } finally {
      clearTimeout(timer);
    }
  }

  private later(rule: string, delayMs: number): void {
    if (this.stopped) return;
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.send(rule);
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error && error.message !== error.cause.message ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
