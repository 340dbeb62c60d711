import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { WebhookRegistry } from './webhook.registry.js';
import type { ExecutionJobData } from './intake/webhook-store.js';
import { validatePayload } from './webhook-payload.validator.js';
import { WebhookPayloadValidationError } from './errors/webhook-payload-validation.error.js';
import { executionChannel } from './webhook.channels.js';
import { messages } from './webhook.messages.js';

/** Runs one execution job: one event for one handler, in a worker. */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);

  constructor(private readonly registry: WebhookRegistry) {}

  async process(job: Job<ExecutionJobData>): Promise<void> {
    const { event, handler: handlerId } = job.data;
    const attempt = job.attemptsMade + 1;
    const started = performance.now();
    try {
      const handler = this.registry.get(handlerId);
      if (!handler) throw new Error(messages.handlerGone(handlerId));
      const dto = this.registry.optionsFor(handler, event.source, event.type)?.dto;
      const payload = dto ? await validatePayload(handlerId, dto, event.payload) : event.payload;
      await handler.invoke({ ...event, payload, attempt });
      this.publish(job, attempt, 'completed', started);
    } catch (error) {
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

  private publish(job: Job<ExecutionJobData>, attempt: number, outcome: 'completed' | 'retrying' | 'dead', started: number, error?: string): void {
    if (!executionChannel.hasSubscribers) return;
    const { event, handler } = job.data;
    executionChannel.publish({
      source: event.source, eventId: event.id, type: event.type, handler, attempt, outcome,
      durationMs: performance.now() - started, ...(error !== undefined && { error }),
    });
  }
}
