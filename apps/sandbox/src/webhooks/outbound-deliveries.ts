import { setTimeout as sleep } from 'node:timers/promises';
import { uuid } from '../http/ids.js';
import type { OutboundDeliveryRecord, SignedWebhook } from '../interfaces/webhook-delivery.interface.js';
import { postWebhook } from './send-webhook.js';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

/**
 * Webhooks the stand-ins send on their own, like the providers do: to loopback targets only
 * (a sandbox must never call the internet), retried with exponential backoff on non-2xx.
 */
export class OutboundDeliveries {
  readonly records: OutboundDeliveryRecord[] = [];
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(
    private readonly closing: AbortSignal,
    private readonly retry: { attempts: number; retryDelayMs: number },
  ) {}

  /** Delivers `build()` (called again per attempt, so timestamps are fresh) and resolves with the record. */
  deliver(service: string, target: string, type: string, build: () => SignedWebhook): Promise<OutboundDeliveryRecord> {
    const record: OutboundDeliveryRecord = { id: uuid(), service, target, type, attempts: 0, done: false };
    this.records.push(record);
    const run = this.run(record, build).finally(() => {
      record.done = true;
      this.inFlight.delete(run);
    });
    this.inFlight.add(run);
    return run.then(() => record);
  }

  /** Resolves once every delivery started so far (and its retries) has finished. */
  async idle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled(this.inFlight);
  }

  private async run(record: OutboundDeliveryRecord, build: () => SignedWebhook): Promise<void> {
    if (!isLoopback(record.target)) {
      record.skipped = true;
      record.error = 'not a loopback target; the sandbox only calls local receivers';
      return;
    }
    for (let attempt = 1; attempt <= this.retry.attempts && !this.closing.aborted; attempt++) {
      record.attempts = attempt;
      try {
        const result = await postWebhook(record.target, build(), 5_000, this.closing);
        record.status = result.status;
        delete record.error;
        if (result.status >= 200 && result.status < 300) return;
      } catch (error) {
        record.error = error instanceof Error ? error.message : String(error);
      }
      if (attempt < this.retry.attempts) {
        await sleep(this.retry.retryDelayMs * 2 ** (attempt - 1), undefined, { signal: this.closing }).catch(() => undefined);
      }
    }
  }
}

function isLoopback(target: string): boolean {
  try {
    return LOOPBACK.has(new URL(target).hostname);
  } catch {
    return false;
  }
}
