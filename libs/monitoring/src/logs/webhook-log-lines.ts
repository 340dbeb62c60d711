import type { Logger } from 'pino';
import type { WebhookExecutionMessage, WebhookIntakeMessage } from '@aiwire/webhooks';
import { correlationOr, ms, writeLine, type LineLevel } from './log-line.js';

/** The intake message; `type` is absent when the delivery was refused before its type was read. */
export type IntakeLogMessage = WebhookIntakeMessage & { readonly type?: string };

const EXECUTION_LEVEL: Readonly<Record<WebhookExecutionMessage['outcome'], LineLevel>> = { completed: 'info', retrying: 'warn', dead: 'error' };

/** One line per delivery the intake answered: info when taken, warn when refused (4xx), error when it could not be stored (5xx). */
export function logIntake(logger: Logger, m: IntakeLogMessage): void {
  const level: LineLevel = m.status >= 500 ? 'error' : m.status >= 400 ? 'warn' : 'info';
  writeLine(
    logger,
    level,
    () => ({ event: 'webhook.delivery', correlation_id: correlationOr(m.eventId), source: m.source, type: m.type, event_id: m.eventId, outcome: m.outcome, status: m.status, duration_ms: ms(m.durationMs) }),
    () => `webhook delivery ${m.source} ${m.outcome} ${m.status}`,
  );
}

/** One line per handler execution: info when completed, warn when it will be retried, error when it went to the dead letters. */
export function logExecution(logger: Logger, m: WebhookExecutionMessage): void {
  writeLine(
    logger,
    EXECUTION_LEVEL[m.outcome] ?? 'error',
    () => ({
      event: 'webhook.execution', correlation_id: correlationOr(m.eventId), source: m.source, type: m.type, event_id: m.eventId,
      handler: m.handler, attempt: m.attempt, outcome: m.outcome, duration_ms: ms(m.durationMs), error: m.error,
    }),
    () => `webhook handler ${m.handler} ${m.outcome} (attempt ${m.attempt})`,
  );
}
