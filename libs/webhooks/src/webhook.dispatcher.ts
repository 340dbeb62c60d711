import { Injectable, Logger } from '@nestjs/common';
import type { Job } from 'bull';
import { currentInstrumentation, runWithCorrelation, type Instrumentation } from '@aiwire/core';
import { WebhookRegistry, type RegisteredHandler } from './webhook.registry.js';
import type { ExecutionJobData } from './interfaces/execution-job-data.interface.js';
import { validatePayload } from './webhook-payload.validator.js';
import { WebhookPayloadValidationError } from './errors/webhook-payload-validation.error.js';
import { WebhookHandlerNotFoundError } from './errors/webhook-handler-not-found.error.js';
import { executionChannel } from './webhook.channels.js';
import { startExecutionSpan } from './webhook.tracing.js';
import { messages } from './webhook.messages.js';
import type { StoredWebhookEvent, WebhookEvent } from './interfaces/webhook-event.interface.js';

/**
 * A handler's run is one correlated task: the correlation store is on while one is in flight, not
 * through Bull's and ioredis' promises between them (see `CorrelationScope` in @aiwire/core).
 */
const ONE_TASK = { task: true } as const;

/** A registered handler, and whether any of its subscriptions declares a `dto`. */
interface Route {
  readonly handler: RegisteredHandler;
  readonly validates: boolean;
}

/**
 * Runs one execution job: one event for one handler, in a worker. This is the per-job hot path
 * (see BENCHMARKS.md, worker throughput): it allocates the event handed to the handler and one
 * promise reaction, and looks nothing up twice.
 */
@Injectable()
export class WebhookDispatcher {
  private readonly logger = new Logger(WebhookDispatcher.name);
  // Handlers are all registered before the workers start and never removed, so a handler id
  // resolves to the same route for the life of the process; a handler without a dto then never
  // has its subscriptions searched again. Ids not registered are not kept (see `route`).
  private readonly routes = new Map<string, Route>();

  constructor(private readonly registry: WebhookRegistry) {}

  /**
   * Resolves once the handler succeeded; rejects with its error, which Bull retries or
   * dead-letters. The handler, and the AI and connector calls it makes, run with the event's id as
   * the correlation id, and in a CONSUMER span while tracing is on.
   */
  process(job: Job<ExecutionJobData>): Promise<void> {
    const instrumentation = currentInstrumentation();
    return instrumentation === undefined ? this.run(job) : this.traced(instrumentation, job);
  }

  private traced(instrumentation: Instrumentation, job: Job<ExecutionJobData>): Promise<void> {
    const span = startExecutionSpan(instrumentation, job);
    return span.run(() => this.run(job)).then(
      () => span.end(),
      (error: unknown) => {
        span.end({ error });
        throw error;
      },
    );
  }

  /**
   * The handler runs as one correlated task, and a failure's handling (its log lines) as another;
   * the completion is published outside any (its line carries the event id itself), so the
   * correlation store is on for as few of Bull's promises as can be.
   */
  private run(job: Job<ExecutionJobData>): Promise<void> {
    // Not `async`: that would add a promise and a suspended frame per job to the handler's own
    // promise; one `then` here carries both outcomes.
    const attempt = job.attemptsMade + 1;
    const started = performance.now();
    const correlation = { correlationId: job.data.event.id };
    return runWithCorrelation(correlation, () => this.execute(job.data, attempt), ONE_TASK).then(
      () => this.publish(job, attempt, 'completed', started),
      (error: unknown) => runWithCorrelation(correlation, () => this.fail(job, attempt, started, error), ONE_TASK),
    );
  }

  /** Calls the handler (after validating the payload when it declares a dto); a synchronous throw becomes a rejection. */
  private execute(data: ExecutionJobData, attempt: number): Promise<unknown> {
    try {
      return this.invoke(data, attempt);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private invoke({ event, handler: handlerId }: ExecutionJobData, attempt: number): Promise<unknown> {
    const { handler, validates } = this.route(handlerId);
    const dto = validates ? this.registry.optionsFor(handler, event.source, event.type)?.dto : undefined;
    if (!dto) return handler.invoke(toWebhookEvent(event, event.payload, attempt));
    return validatePayload(handlerId, dto, event.payload).then((payload) => handler.invoke(toWebhookEvent(event, payload, attempt)));
  }

  private route(handlerId: string): Route {
    const known = this.routes.get(handlerId);
    if (known) return known;
    const handler = this.registry.get(handlerId);
    if (!handler) throw new WebhookHandlerNotFoundError(messages.handlerGone(handlerId));
    const route = { handler, validates: handler.subscriptions.some((s) => s.options.dto !== undefined) };
    this.routes.set(handlerId, route);
    return route;
  }

  private async fail(job: Job<ExecutionJobData>, attempt: number, started: number, error: unknown): Promise<never> {
    const { event, handler: handlerId } = job.data;
    const reason = error instanceof Error ? error.message : String(error);
    const invalid = error instanceof WebhookPayloadValidationError;
    const final = invalid || attempt >= (job.opts.attempts ?? 1);
    // An invalid payload stays invalid: no retries, straight to the dead letters.
    if (invalid) await job.discard();
    this.logger.warn(messages.handlerFailed(handlerId, event.id, attempt, job.opts.attempts ?? 1, reason));
    if (final) this.logger.error(messages.deadLetter(handlerId, event.id));
    this.publish(job, attempt, final ? 'dead' : 'retrying', started, reason);
    throw error;
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

/**
 * The event a handler receives. Written out field by field rather than `{ ...event, payload,
 * attempt }`: V8 (Node 20) takes a slow path for a spread followed by a property the spread
 * already set, ~3 µs per job — more than the rest of the dispatch. The return type makes the
 * compiler ask for any required field added to `WebhookEvent`.
 */
function toWebhookEvent(event: StoredWebhookEvent, payload: unknown, attempt: number): WebhookEvent {
  return { id: event.id, source: event.source, type: event.type, payload, headers: event.headers, receivedAt: event.receivedAt, attempt };
}
