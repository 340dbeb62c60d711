import type { StoredWebhookEvent } from './webhook-event.interface.js';

/**
 * What a Bull job of the webhook queue carries: one event for one handler. The intake writes it
 * (byte for byte `JSON.stringify({ event, handler })`, in this order) and workers of every deployed
 * version read it, so a field is only ever added, never renamed or removed.
 */
export interface ExecutionJobData {
  readonly event: StoredWebhookEvent;
  /** Id of the handler that runs the event: `ClassName.method`. */
  readonly handler: string;
}
