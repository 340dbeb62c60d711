import type { Job } from 'bull';
import { currentCorrelation, currentInstrumentation, runWithCorrelation, type SpanAttributes, type TraceCarrier } from '@aiwire/core';
import { AI_QUEUE_NAME } from '../ai.constants.js';

/** What every job of the `ai` queue carries besides its own data, so its work is attributed to what queued it. */
export interface AiJobContext {
  jobId: string;
  /** The correlation id current when the job was queued (a webhook event id, ...), else the job id. Absent in jobs queued by older versions. */
  correlationId?: string;
  /** The W3C trace context of the PRODUCER span that queued it, only while tracing is on. */
  trace?: TraceCarrier;
}

/** `messaging.*` attributes of a span of the `ai` queue (OpenTelemetry messaging semantic conventions). */
function messaging(operation: 'send' | 'process', kind: string, jobId: string): SpanAttributes {
  return {
    'messaging.system': 'bull',
    'messaging.destination.name': AI_QUEUE_NAME,
    'messaging.operation.type': operation,
    'messaging.operation.name': operation,
    'messaging.message.id': jobId,
    'aiwire.ai.job.kind': kind,
  };
}

/**
 * Queues a job with the current correlation id (or its own id) and, while tracing is on, in a
 * PRODUCER span whose context the job carries. `add` receives the data to queue.
 */
export async function queueInContext<D extends AiJobContext>(kind: string, data: D, add: (data: D) => Promise<unknown>): Promise<void> {
  const withCorrelation: D = { ...data, correlationId: currentCorrelation()?.correlationId ?? data.jobId };
  const instrumentation = currentInstrumentation();
  if (instrumentation === undefined) {
    await add(withCorrelation);
    return;
  }
  const span = instrumentation.startProducer(`send ${AI_QUEUE_NAME}`, messaging('send', kind, data.jobId));
  try {
    await add(span.carrier ? { ...withCorrelation, trace: span.carrier } : withCorrelation);
    span.end();
  } catch (error) {
    span.end({ error });
    throw error;
  }
}

/**
 * Runs a job's work with the correlation id it carries and, while tracing is on, in a CONSUMER
 * span child of (and linked to) the PRODUCER span that queued it. `work` resolves to the job's
 * failure, if any (a job that records its failure instead of throwing), which fails the span.
 */
export function runInContext(kind: string, job: Job<AiJobContext>, work: () => Promise<unknown>): Promise<void> {
  const { jobId, correlationId, trace } = job.data;
  return runWithCorrelation({ correlationId: correlationId ?? jobId }, async () => {
    const instrumentation = currentInstrumentation();
    if (instrumentation === undefined) {
      await work();
      return;
    }
    const span = instrumentation.startConsumer(`process ${AI_QUEUE_NAME}`, { ...messaging('process', kind, jobId), 'aiwire.ai.job.attempt': job.attemptsMade + 1 }, trace);
    try {
      const failure = await span.run(work);
      span.end(failure === undefined ? undefined : { error: failure });
    } catch (error) {
      span.end({ error });
      throw error;
    }
  });
}
