import { createChannel } from '@aiwire/core';

/** Published for every delivery the intake answers. */
export interface WebhookIntakeMessage {
  /** A configured source name, or `'(unknown)'`: never a caller's path segment, so labels stay bounded. */
  readonly source: string;
  readonly status: number;
  /** `accepted`, `duplicate`, `invalid_signature`, `rate_limited`, `unavailable`, ... */
  readonly outcome: string;
  readonly eventId: string | undefined;
  /** The verified event's type; undefined when the delivery was answered before it was known. */
  readonly type: string | undefined;
  readonly durationMs: number;
}

/** Published when a handler execution ends, successfully or not. */
export interface WebhookExecutionMessage {
  readonly source: string;
  readonly eventId: string;
  readonly type: string;
  readonly handler: string;
  readonly attempt: number;
  /** `completed`, `retrying`, `dead` (last attempt failed or payload invalid). */
  readonly outcome: 'completed' | 'retrying' | 'dead';
  readonly durationMs: number;
  readonly error?: string;
}

export const intakeChannel = createChannel<WebhookIntakeMessage>('aiwire:webhook:intake');
export const executionChannel = createChannel<WebhookExecutionMessage>('aiwire:webhook:execution');
