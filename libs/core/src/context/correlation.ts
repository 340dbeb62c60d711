import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What follows one piece of work — a webhook event, a flow run, a host request — through its Bull
 * jobs, AI calls and connector calls.
 * @publicApi
 */
export interface CorrelationContext {
  /** The webhook event id, the flow run id, or the host request's id. */
  readonly correlationId: string;
}

// One store per process, whatever number of copies of @aiwire/core are installed: the libs and
// @aiwire/monitoring must read the same one.
const STORE_KEY = Symbol.for('aiwire.correlation');
const ENABLED_KEY = Symbol.for('aiwire.correlation.enabled');
const registry = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<CorrelationContext>; [ENABLED_KEY]?: boolean };
const storage: AsyncLocalStorage<CorrelationContext> = (registry[STORE_KEY] ??= new AsyncLocalStorage<CorrelationContext>());

/**
 * The context of the work running now, or undefined outside any.
 * @publicApi
 */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/**
 * Keeps correlation ids in this process from now on (idempotent). @aiwire/monitoring calls it when
 * its logs or tracing are on, and `LoggingInterceptor` when it is used; call it yourself to read
 * `currentCorrelation()` without them. Until then `runWithCorrelation` only runs its function: on
 * Node 20 an AsyncLocalStorage in use hooks every promise of the process (measured: a webhook
 * worker at 0.88 × plain Bull with it, 0.96 × without), a cost nobody should pay for ids nobody reads.
 * @publicApi
 */
export function enableCorrelation(): void {
  registry[ENABLED_KEY] = true;
}

/**
 * Runs `fn` with `context` as the current correlation (and everything it starts, sync or async),
 * once correlation is enabled (`enableCorrelation()`); before that, just runs `fn`.
 * @publicApi
 */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return registry[ENABLED_KEY] === true ? storage.run(context, fn) : fn();
}
