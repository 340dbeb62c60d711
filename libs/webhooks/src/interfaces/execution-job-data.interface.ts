import type { TraceCarrier } from '@aiwire/core';
import type { StoredWebhookEvent } from './webhook-event.interface.js';

/**
 * What a Bull job of the webhook queue carries: one event for one handler. The intake writes it
 * (byte for byte `JSON.stringify({ event, handler })`, in this order, then `trace` when there is
 * one) and workers of every deployed version read it, so a field is only ever added, never
 * renamed or removed.
 */
export interface ExecutionJobData {
  readonly event: StoredWebhookEvent;
  /** Id of the handler that runs the event: `ClassName.method`. */
  readonly handler: string;
  /** The intake's trace context (its PRODUCER span), present only while tracing is on. */
  readonly trace?: TraceCarrier;
}
