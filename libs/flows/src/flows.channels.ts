import { createChannel } from '@aiwire/core';
import type { FlowRunStatus } from './interfaces/flow-run.interface.js';

/** Published when a run changes status (created, started, parked, resumed, ended). */
export interface FlowRunMessage {
  readonly runId: string;
  readonly flow: string;
  readonly status: FlowRunStatus;
  /** The status before, if the run existed. */
  readonly previous?: FlowRunStatus;
  /** `start`, `webhook`, `cron` or `event`. */
  readonly trigger: string;
  /** From creation to now, when the run ended (completed, failed, cancelled). */
  readonly durationMs?: number;
  /** The error message, when it failed. */
  readonly error?: string;
}

/** Published when a step starts and when it ends (its outcome), in the process that ran it. */
export interface FlowStepMessage {
  readonly runId: string;
  readonly flow: string;
  readonly step: string;
  readonly kind: 'step' | 'sleep' | 'wait';
  /** `started`, then one of `completed`, `retrying` (another attempt is scheduled), `failed` (the last one), `parked` (a sleep or wait began), `resumed` (a sleep or wait ended; a wait that timed out included). */
  readonly outcome: 'started' | 'completed' | 'retrying' | 'failed' | 'parked' | 'resumed';
  /** The execution of this step, from 1. */
  readonly attempt: number;
  /** How long the step ran, on `completed`, `retrying`, `failed`. */
  readonly durationMs?: number;
  readonly error?: string;
}

/** @publicApi `aiwire:flow:run`. */
export const flowRunChannel = createChannel<FlowRunMessage>('aiwire:flow:run');
/** @publicApi `aiwire:flow:step`. */
export const flowStepChannel = createChannel<FlowStepMessage>('aiwire:flow:step');
