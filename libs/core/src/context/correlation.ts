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
const registry = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<CorrelationContext> };
const storage: AsyncLocalStorage<CorrelationContext> = (registry[STORE_KEY] ??= new AsyncLocalStorage<CorrelationContext>());

/**
 * The context of the work running now, or undefined outside any.
 * @publicApi
 */
export function currentCorrelation(): CorrelationContext | undefined {
  return storage.getStore();
}

/**
 * Runs `fn` with `context` as the current correlation (and everything it starts, sync or async).
 * @publicApi
 */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T): T {
  return storage.run(context, fn);
}
