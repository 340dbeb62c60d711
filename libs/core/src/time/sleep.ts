/** setTimeout's largest delay; longer values fire at once instead of waiting. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Resolve after `ms` milliseconds; reject with `signal.reason` as soon as `signal` aborts
 * (at once when it already has).
 * @publicApi
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.min(Math.max(0, ms), MAX_TIMER_MS),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
