import type { FlowRetryOptions } from './flows-module-options.interface.js';

/**
 * A flow's input as seen by the callbacks of `@Flow` options, which are written before the method's
 * input type is known to the compiler: fields are read freely (`input => input.customerId`).
 */
// oxlint-disable-next-line typescript/no-explicit-any -- the options are typed before the method; `unknown` would make `input.customerId` a compile error
export type FlowInputRecord = Readonly<Record<string, any>>;

/** A webhook of `type` (a glob like `@OnWebhook`'s) starts a run; the event id is the run id, so a duplicate delivery never starts a second one. */
export interface FlowWebhookTrigger {
  readonly webhook: string;
  /** Only deliveries of this source. Also makes every webhook of this source an event that `waitForEvent` and `cancelOn` see. @default every source */
  readonly source?: string;
}

/** A cron schedule starts a run: one firing across every process (a Bull repeatable job). */
export interface FlowCronTrigger {
  /** Five or six fields, as Bull's `repeat.cron` (`'0 2 * * *'`). */
  readonly cron: string;
  /** IANA time zone of the schedule. @default the process's time zone */
  readonly tz?: string;
}

/** `FlowsService.emit(event, payload)` starts a run with the payload as input. */
export interface FlowEventTrigger {
  readonly event: string;
}

export type FlowTrigger = FlowWebhookTrigger | FlowCronTrigger | FlowEventTrigger;

/** Runs sharing a key: at most `limit` active across all processes, the rest queued in start order. */
export interface FlowConcurrencyOptions<TInput = FlowInputRecord> {
  /** The key of a run, from its input. */
  readonly key: (input: TInput) => string | number;
  /** @default 1 */
  readonly limit?: number;
}

/** An event that cancels the run at its next step boundary when `payload[match]` equals `input[match]` (dotted paths allowed). */
export interface FlowCancelOn {
  readonly event: string;
  /** @default cancels every active run of the flow */
  readonly match?: string;
}

/** Options of `@Flow(name, options)`. */
export interface FlowOptions<TInput = FlowInputRecord> extends FlowRetryOptions {
  /** What starts a run besides `FlowsService.start()`. One trigger or several. @default none */
  readonly trigger?: FlowTrigger | readonly FlowTrigger[];
  readonly concurrency?: FlowConcurrencyOptions<TInput>;
  readonly cancelOn?: FlowCancelOn | readonly FlowCancelOn[];
  /**
   * A method of the same class, called as `method(flow, error)` after the run failed for good: the
   * fallback workflow. Its own `flow.step`s are recorded too (ids prefixed `onFailure:`), so a crash
   * inside it resumes rather than repeats. `flow.failure` holds the error as well.
   * @default none
   */
  readonly onFailure?: string;
}

/** `@Flow` metadata as stored on the method. */
export interface FlowMetadata {
  readonly name: string;
  readonly options: FlowOptions;
}
