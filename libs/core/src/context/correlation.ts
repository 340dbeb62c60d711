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
// @aiwire/monitoring must read the same one (and the same count of tasks in flight).
const STORE_KEY = Symbol.for('aiwire.correlation');
const ENABLED_KEY = Symbol.for('aiwire.correlation.enabled');
const TASKS_KEY = Symbol.for('aiwire.correlation.tasks');

/** Correlated tasks in flight, and whether something needs the store on for good (`runWithCorrelation`). */
interface Tasks {
  open: number;
  pinned: boolean;
}

const registry = globalThis as typeof globalThis & { [STORE_KEY]?: AsyncLocalStorage<CorrelationContext>; [ENABLED_KEY]?: boolean; [TASKS_KEY]?: Tasks };
const storage: AsyncLocalStorage<CorrelationContext> = (registry[STORE_KEY] ??= new AsyncLocalStorage<CorrelationContext>());
const tasks: Tasks = (registry[TASKS_KEY] ??= { open: 0, pinned: false });

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
 * worker at 0.88 × plain Bull with it, 0.96 × without), a cost nobody should pay for ids nobody
 * reads (and `{ task: true }` keeps it on only while a task is in flight).
 * @publicApi
 */
export function enableCorrelation(): void {
  registry[ENABLED_KEY] = true;
}

/** How long a correlation started by `runWithCorrelation` lasts. */
export interface CorrelationScope {
  /**
   * The work is one task that ends when the promise `fn` returns settles (a job, a handler
   * execution). The store is then on only while such tasks are in flight, unless a run without
   * `task` turned it on for good: on Node 20 a store that is on hooks every promise of the process,
   * so a webhook worker would pay for Bull's and ioredis' promises too (measured: ~10 µs a job, a
   * fifth of its CPU). Everything `fn` awaits keeps the id; work it starts and does not await keeps
   * it only while some task of the process is still in flight.
   * @default false
   */
  readonly task?: boolean;
}

/**
 * Runs `fn` with `context` as the current correlation (and everything it starts, sync or async),
 * once correlation is enabled (`enableCorrelation()`); before that, just runs `fn`. Without
 * `{ task: true }` the store stays on for the rest of the process from then on.
 * @publicApi
 */
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => Promise<T>, scope: CorrelationScope & { readonly task: true }): Promise<T>;
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T, scope?: CorrelationScope): T;
export function runWithCorrelation<T>(context: CorrelationContext, fn: () => T, scope?: CorrelationScope): T {
  if (registry[ENABLED_KEY] !== true) return fn();
  if (scope?.task !== true) tasks.pinned = true;
  if (tasks.pinned) return storage.run(context, fn);
  return runTask(context, fn as unknown as () => Promise<unknown>) as T;
}

/** `fn` in the store, counted as a task in flight until its promise settles. */
function runTask<T>(context: CorrelationContext, fn: () => Promise<T>): Promise<T> {
  tasks.open += 1;
  let task: Promise<T>;
  try {
    task = storage.run(context, fn);
  } catch (error) {
    taskEnded();
    throw error;
  }
  return task.then(
    (value) => {
      taskEnded();
      return value;
    },
    (error: unknown) => {
      taskEnded();
      throw error;
    },
  );
}

/** The last task in flight turns the store off (Node defers the promise hooks' removal past the running callback). */
function taskEnded(): void {
  tasks.open -= 1;
  if (tasks.open === 0 && !tasks.pinned) storage.disable();
}
