import type { FlowRunError, FlowTriggerInfo } from './flow-run.interface.js';

/** A duration: milliseconds, or a string such as `'500ms'`, `'30s'`, `'30m'`, `'2h'`, `'1d'`, `'1w'`. */
export type FlowDuration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd' | 'w'}`;

/** Per-step overrides of the flow's retry policy. */
export interface FlowStepOptions {
  /** Executions of this step, the first included. @default the flow's (then the module's) `attempts` */
  readonly attempts?: number;
  /** @default the flow's (then the module's) `backoff` */
  readonly backoff?: { delayMs?: number; maxDelayMs?: number };
}

/** What `waitForEvent` waits for. */
export interface FlowWaitOptions {
  /** The event name, as given to `FlowsService.emit` (or a webhook type of the trigger's source). */
  readonly event: string;
  /** A field (dotted path) whose value in the emitted payload must equal its value in the run's input. @default any event of that name */
  readonly match?: string;
  /** Give up after this long: the wait resolves to `null`. */
  readonly timeout: FlowDuration;
}

/** A JSON value: what a step may return (it is stored, then replayed). */
export type FlowJson = string | number | boolean | null | readonly FlowJson[] | { readonly [key: string]: FlowJson | undefined };

/** One item of `flow.parallel`: a pending `flow.step(...)` or a function that starts one. */
export type FlowParallelItem = PromiseLike<unknown> | (() => PromiseLike<unknown>);

/** The results of `flow.parallel(items)`, in the order of `items`. */
export type FlowParallelResults<T extends readonly unknown[]> = { -readonly [K in keyof T]: T[K] extends () => infer R ? Awaited<R> : Awaited<T[K]> };

/**
 * What a flow method receives. The method re-runs from the top each time the run resumes; every
 * `step`, `sleep` and `waitForEvent` with an id already recorded returns its stored result at once, so
 * code between steps must be deterministic (no clocks, no random ids: put them in a step).
 * @publicApi
 */
export interface FlowContext<TInput = unknown> {
  /** The run's id (the webhook event id for webhook-triggered runs); also the correlation id of its logs. */
  readonly runId: string;
  /** The flow's name. */
  readonly flow: string;
  readonly input: TInput;
  /** What started the run. */
  readonly trigger: FlowTriggerInfo;
  /** Set while `onFailure` runs: the error that failed the run. */
  readonly failure?: FlowRunError;
  /**
   * Runs `fn` once for this run: its JSON result is stored before the next step starts and returned
   * on every later re-run without calling `fn`. A throw is retried on its own (backoff + jitter, no
   * worker held); after the last attempt it rejects with `FlowStepFailedError`.
   */
  step<T>(id: string, fn: () => T | PromiseLike<T>, options?: FlowStepOptions): Promise<Awaited<T>>;
  /** Independent steps at once: `flow.parallel([() => flow.step('a', …), () => flow.step('b', …)])`. */
  parallel<const T extends readonly FlowParallelItem[]>(items: T): Promise<FlowParallelResults<T>>;
  /** Ends this execution and resumes the run after `duration`, as a delayed job: no worker is held. */
  sleep(id: string, duration: FlowDuration): Promise<void>;
  /** Like `sleep`, until a moment (a `Date` or an ISO string). */
  sleepUntil(id: string, until: Date | string): Promise<void>;
  /**
   * Parks the run until a matching `emit` (or a webhook of that type from the trigger's source), or the
   * timeout: resolves to the event's payload, or `null` on timeout. No worker is held meanwhile.
   */
  waitForEvent<T = unknown>(id: string, options: FlowWaitOptions): Promise<T | null>;
}
