import type Bull from 'bull';

type Nameable = { setWorkerName?: () => Promise<unknown> };

/**
 * Bull's `process()` names the worker's blocking connection (CLIENT SETNAME) and drops that
 * promise: when the connection ends first — the app closes right after startup, or Redis is
 * down at close — it rejects unhandled, which kills the process. The name only feeds
 * `queue.getWorkers()`, so for `queue` a failure to set it is ignored instead. Call before `process()`.
 * @publicApi
 */
export function ignoreWorkerNameFailures(queue: Bull.Queue): void {
  const nameable = queue as unknown as Nameable;
  const setWorkerName = nameable.setWorkerName;
  if (typeof setWorkerName !== 'function') return;
  nameable.setWorkerName = () => setWorkerName.call(queue).catch(() => undefined);
}
