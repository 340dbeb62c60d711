import type { Logger } from 'pino';
import type { FlowRunMessage, FlowStepMessage } from '@aiwire/flows';
import { ms, writeLine, type LineLevel } from '../logs/log-line.js';

/** A step's executions: debug when completed (a flow has many), warn when retried, error when failed for good. */
const STEP_LEVEL: Partial<Readonly<Record<FlowStepMessage['outcome'], LineLevel>>> = { completed: 'debug', retrying: 'warn', failed: 'error' };
const RUN_LEVEL: Partial<Readonly<Record<FlowRunMessage['status'], LineLevel>>> = { completed: 'info', cancelled: 'info', failed: 'error' };

/**
 * One line per step execution that ended. `correlation_id` is the run id, as on every line the run's
 * own code writes (the engine runs it in the run's correlation context); set here too, because a run
 * may end outside that context (a cancel from an HTTP request) and its lines must still join the run's.
 */
export function logFlowStep(logger: Logger, m: FlowStepMessage): void {
  const level = STEP_LEVEL[m.outcome];
  if (level === undefined) return;
  writeLine(
    logger,
    level,
    () => ({
      event: 'flow.step', correlation_id: m.runId, run_id: m.runId, flow: m.flow, step: m.step, kind: m.kind,
      attempt: m.attempt, outcome: m.outcome, duration_ms: m.durationMs === undefined ? undefined : ms(m.durationMs), error: m.error,
    }),
    () => `flow ${m.flow} step ${m.step} ${m.outcome} (attempt ${m.attempt})`,
  );
}

/** One line per run that ended: info when completed or cancelled, error when failed. */
export function logFlowRun(logger: Logger, m: FlowRunMessage): void {
  const level = RUN_LEVEL[m.status];
  if (level === undefined) return;
  writeLine(
    logger,
    level,
    () => ({
      event: 'flow.run', correlation_id: m.runId, run_id: m.runId, flow: m.flow, status: m.status, trigger: m.trigger,
      duration_ms: m.durationMs === undefined ? undefined : ms(m.durationMs), error: m.error,
    }),
    () => `flow ${m.flow} run ${m.status}`,
  );
}
