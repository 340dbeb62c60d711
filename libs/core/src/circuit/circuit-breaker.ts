import { CircuitOpenError } from '../errors/circuit-open.error.js';
import { TimeWindow } from './time-window.js';

/**
 * `closed`: calls flow; `open`: calls are refused; `half-open`: a few trial calls decide.
 * @publicApi
 */
export type CircuitState = 'closed' | 'open' | 'half-open';

/**
 * Options of {@link CircuitBreaker}.
 * @publicApi
 */
export interface CircuitBreakerOptions {
  /**
   * Name used in errors and `onStateChange`, usually the downstream service.
   * @default 'circuit'
   */
  name?: string;
  /**
   * Failures within `windowMs` that open the circuit.
   * @default 5
   */
  failureThreshold?: number;
  /**
   * Length of the sliding window in which failures (and calls, for `failureRatio`) are counted, in ms.
   * @default 30_000
   */
  windowMs?: number;
  /**
   * Also open when failures / calls within the window reach this ratio (0..1), once the window holds
   * `minimumCalls` calls; keeps one timestamp per call in the window.
   * @default undefined (off)
   */
  failureRatio?: number;
  /**
   * Calls the window must hold before `failureRatio` applies.
   * @default 10
   */
  minimumCalls?: number;
  /**
   * How long the circuit stays open before trial calls, in ms.
   * @default 30_000
   */
  cooldownMs?: number;
  /**
   * Trial calls allowed at once while half-open; the first success closes, any failure reopens.
   * @default 1
   */
  halfOpenMaxCalls?: number;
  /**
   * Whether an error counts against the service (e.g. 4xx usually does not); errors that do not
   * count are rethrown all the same and count as answers from a live service.
   * @default () => true
   */
  isFailure?: (error: unknown) => boolean;
  /**
   * Called on every state change.
   * @default undefined
   */
  onStateChange?: (to: CircuitState, from: CircuitState) => void;
  /**
   * Clock in ms; inject one in tests.
   * @default Date.now
   */
  now?: () => number;
}

/**
 * An in-process circuit breaker: stops calling a service that keeps failing, then probes it.
 * @publicApi
 */
export class CircuitBreaker {
  private readonly options: Required<Omit<CircuitBreakerOptions, 'failureRatio' | 'onStateChange'>> &
    Pick<CircuitBreakerOptions, 'failureRatio' | 'onStateChange'>;
  private current: CircuitState = 'closed';
  // Bumped on every transition, so a call that started in an earlier state cannot sway this one.
  private generation = 0;
  private openedAt = 0;
  private probes = 0;
  private readonly failures = new TimeWindow();
  private readonly calls = new TimeWindow();

  constructor(options: CircuitBreakerOptions = {}) {
    this.options = {
      name: 'circuit', failureThreshold: 5, windowMs: 30_000, minimumCalls: 10, cooldownMs: 30_000,
      halfOpenMaxCalls: 1, isFailure: () => true, now: Date.now, ...options,
    };
  }

  /** The state now (an open circuit turns half-open once its cooldown has passed). */
  get state(): CircuitState {
    if (this.current === 'open' && this.options.now() - this.openedAt >= this.options.cooldownMs) {
      this.transition('half-open');
    }
    return this.current;
  }

  /** Run `fn` through the breaker; throws `CircuitOpenError` without calling it when open. */
  async execute<T>(fn: () => T | Promise<T>): Promise<T> {
    const state = this.state;
    if (state === 'open') {
      throw new CircuitOpenError(this.options.name, this.openedAt + this.options.cooldownMs - this.options.now());
    }
    if (state === 'half-open') {
      if (this.probes >= this.options.halfOpenMaxCalls) {
        // The outcome of the running probes is unknown; ask to come back soon, not at once.
        throw new CircuitOpenError(this.options.name, Math.min(1_000, this.options.cooldownMs));
      }
      this.probes++;
    }
    const generation = this.generation;
    let result: T;
    try {
      result = await fn();
    } catch (error) {
      this.record(generation, this.options.isFailure(error));
      throw error;
    }
    this.record(generation, false);
    return result;
  }

  private record(generation: number, failed: boolean): void {
    if (generation !== this.generation) return;
    if (this.current === 'half-open') {
      this.transition(failed ? 'open' : 'closed');
      return;
    }
    const now = this.options.now();
    const since = now - this.options.windowMs;
    if (this.options.failureRatio !== undefined) this.calls.push(now, since);
    if (!failed) return;
    this.failures.push(now, since);
    const { failureThreshold, failureRatio, minimumCalls } = this.options;
    const overRatio = failureRatio !== undefined && this.calls.size >= minimumCalls &&
      this.failures.size / this.calls.size >= failureRatio;
    if (this.failures.size >= failureThreshold || overRatio) this.transition('open');
  }

  private transition(to: CircuitState): void {
    const from = this.current;
    this.current = to;
    this.generation++;
    this.probes = 0;
    this.failures.clear();
    this.calls.clear();
    if (to === 'open') this.openedAt = this.options.now();
    this.options.onStateChange?.(to, from);
  }
}

