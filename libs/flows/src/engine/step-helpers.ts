import { FlowDeterminismError } from '../errors/flow-determinism.error.js';
import { FlowStepFailedError } from '../errors/flow-step-failed.error.js';
import { FlowStepResultTooLargeError } from '../errors/flow-step-result-too-large.error.js';
import { messages } from '../flows.messages.js';
import type { FlowStepOptions } from '../interfaces/flow-context.interface.js';
import type { FlowOptions } from '../interfaces/flow-options.interface.js';
import type { FlowRunError } from '../interfaces/flow-run.interface.js';
import type { ResolvedFlowsOptions, ResolvedRetryPolicy } from '../flows.options.js';
import type { StoredStep } from './stored-run.js';

/** The retry policy of one step: its own options, then the flow's, then the module's. */
export function retryPolicy(step: FlowStepOptions | undefined, flow: FlowOptions, module: ResolvedFlowsOptions): ResolvedRetryPolicy {
  return {
    attempts: step?.attempts ?? flow.attempts ?? module.attempts,
    backoff: {
      delayMs: step?.backoff?.delayMs ?? flow.backoff?.delayMs ?? module.backoff.delayMs,
      maxDelayMs: step?.backoff?.maxDelayMs ?? flow.backoff?.maxDelayMs ?? module.backoff.maxDelayMs,
    },
  };
}

export function toError(error: unknown): Error {
  return error instanceof Error ? error : new Error(typeof error === 'string' ? error : JSON.stringify(error) ?? String(error));
}

/** An error as stored: name and message only (a stack may carry what must not be kept). */
export function toRunError(error: unknown, step?: string): FlowRunError {
  const cause = error instanceof FlowStepFailedError && error.cause instanceof Error ? error.cause : toError(error);
  const failedStep = step ?? stepOf(error);
  return { name: cause.name, message: cause.message, ...(failedStep !== undefined && { step: failedStep }) };
}

/** The step a run's error points at: where it failed, or where a changed flow first diverged (the step to replay from). */
function stepOf(error: unknown): string | undefined {
  if (error instanceof FlowStepFailedError || error instanceof FlowStepResultTooLargeError) return error.step;
  if (error instanceof FlowDeterminismError) return error.expected;
  return undefined;
}

/** Rebuilds an error from what was stored, for a re-run that reaches a step failed for good. */
export function fromRunError(stored: FlowRunError | undefined): Error {
  const error = new Error(stored?.message ?? 'unknown error');
  error.name = stored?.name ?? 'Error';
  return error;
}

export function stepFailedError(step: StoredStep): FlowStepFailedError {
  const cause = fromRunError(step.error);
  return new FlowStepFailedError(step.id, step.attempts, messages.stepFailed(step.id, step.attempts, cause.message), { cause });
}

/**
 * The JSON stored for a result (`undefined` is `null`). Throws `FlowStepResultTooLargeError` over
 * the limit, and a `TypeError` for what JSON cannot hold (cycles, BigInt).
 */
export function serializeResult(step: string | undefined, value: unknown, limit: number): string {
  let json: string | undefined;
  try {
    json = JSON.stringify(value === undefined ? null : value);
  } catch (error) {
    throw new TypeError(messages.resultNotJson(step ?? 'the flow', toError(error).message));
  }
  json ??= 'null';
  // A UTF-8 string takes at most 3 bytes per UTF-16 unit: only long strings need counting.
  const bytes = json.length * 3 <= limit ? json.length : Buffer.byteLength(json);
  if (bytes > limit) throw new FlowStepResultTooLargeError(step, bytes, limit, messages.resultTooLarge(step, bytes, limit));
  return json;
}

/** The value at a dotted path of `value` (`'customer.id'`), or undefined. */
export function valueAt(value: unknown, path: string): unknown {
  let current = value;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}

/** What a wait or a cancelOn matches on: the field, and the JSON of its value in `source` ('' and '' for "any"). */
export function matchOf(match: string | undefined, source: unknown): { field: string; value: string } {
  if (match === undefined || match === '') return { field: '', value: '' };
  return { field: match, value: JSON.stringify(valueAt(source, match) ?? null) };
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}
