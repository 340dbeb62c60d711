import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import type { Redis } from 'ioredis';
import { WebhookRegistry } from './webhook.registry.js';
import { WebhookStore, type ExecutionJobData } from './intake/webhook-store.js';
import { WEBHOOK_REDIS } from './webhook.constants.js';
import { validatePayload } from './webhook-payload.validator.js';
import { WebhookPayloadValidationError } from './errors/webhook-payload-validation.error.js';
import { executionChannel } from './webhook.channels.js';
import { messages } from './webhook.messages.js';

/** Runs one execution job: one event for one handler, in a worker. */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(
    private readonly registry: WebhookRegistry,
    private readonly store: WebhookStore,
    @Inject(WEBHOOK_REDIS) private readonly redis: Redis,
  ) {}

  async process(job: Job<ExecutionJobData>): Promise<void> {
    const { event, handler: handlerId, dedupTtlMs } = job.data;
    const attempt = job.attemptsMade + 1;
    const started = performance.now();
    // Runs alongside the handler (one round trip less per job); awaited before the job completes.
    // Its failure is kept as a value: a rejection left pending during a long handler would be unhandled.
    const remembered = this.remember(event.source, event.id, event.receivedAt, dedupTtlMs).then(
      () => undefined,
      (error: unknown) => error,
    );
    try {
      const handler = this.registry.get(handlerId);
      if (!handler) throw new Error(messages.handlerGone(handlerId));
      const dto = this.registry.optionsFor(handler, event.source, event.type)?.dto;
      const payload = dto ? await validatePayload(handlerId, dto, event.payload) : event.payload;
      await handler.invoke({ ...event, payload, attempt });
      const notRemembered = await remembered;
      if (notRemembered !== undefined) throw notRemembered;
      this.publish(job, attempt, 'completed', started);
    } catch (error) {
      await remembered;
      const reason = error instanceof Error ? error.message : String(error);
      const final = error instanceof WebhookPayloadValidationError || attempt >= (job.opts.attempts ?? 1);
      // An invalid payload stays invalid: no retries, straight to the dead letters.
      if (error instanceof WebhookPayloadValidationError) await job.discard();
      this.logger.warn(messages.handlerFailed(handlerId, event.id, attempt, job.opts.attempts ?? 1, reason));
      if (final) this.logger.error(messages.deadLetter(handlerId, event.id));
      this.publish(job, attempt, final ? 'dead' : 'retrying', started, reason);
      throw error;
    }
  }

  /**
   * The intake treats queued executions as "seen"; once one starts, the id is remembered
   * for the rest of the window so the sender's retries stay duplicates after the job is gone.
   */
  private async remember(source: string, eventId: string, receivedAt: string, ttlMs: number): Promise<void> {
    const remaining = ttlMs - (Date.now() - Date.parse(receivedAt));
    if (remaining > 0) await this.redis.set(this.store.dedupKey(source, eventId), '1', 'PX', Math.ceil(remaining), 'NX');
  }

  private publish(job: Job<ExecutionJobData>, attempt: number, outcome: 'completed' | 'retrying' | 'dead', started: number, error?: string): void {
    if (!executionChannel.hasSubscribers) return;
    const { event, handler } = job.data;
    executionChannel.publish({
      source: event.source, eventId: event.id, type: event.type, handler, attempt, outcome,
      durationMs: performance.now() - started, ...(error !== undefined && { error }),
    });
  }
}
