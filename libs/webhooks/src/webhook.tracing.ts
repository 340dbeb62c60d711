import type { Job } from 'bull';
import type { Instrumentation, InstrumentedSpan } from '@aiwire/core';
import { WEBHOOK_QUEUE_NAME } from './webhook.constants.js';
import type { ExecutionJobData } from './interfaces/execution-job-data.interface.js';

/** `messaging.system` of the webhook queue's spans (OpenTelemetry messaging semantic conventions). */
export const MESSAGING_SYSTEM = 'bull';

/**
 * The CONSUMER span of one handler execution (one attempt of a job), child of and linked to the
 * intake's PRODUCER span carried in the job. Built only while tracing is on.
 */
export function startExecutionSpan(instrumentation: Instrumentation, job: Job<ExecutionJobData>): InstrumentedSpan {
  const { event, handler, trace } = job.data;
  return instrumentation.startConsumer(
    `process ${WEBHOOK_QUEUE_NAME}`,
    {
      'messaging.system': MESSAGING_SYSTEM,
      'messaging.destination.name': WEBHOOK_QUEUE_NAME,
      'messaging.operation.type': 'process',
      'messaging.operation.name': 'process',
      'messaging.message.id': String(job.id),
      'aiwire.webhook.source': event.source,
      'aiwire.webhook.type': event.type,
      'aiwire.webhook.event_id': event.id,
      'aiwire.webhook.handler': handler,
      'aiwire.webhook.attempt': job.attemptsMade + 1,
    },
    trace,
  );
}
