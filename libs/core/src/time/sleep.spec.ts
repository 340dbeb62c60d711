import { sleep } from './sleep.js';

describe('sleep', () => {
  it('resolves after the delay', async () => {
    const started = performance.now();
    await sleep(60);
    expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  });

  it('rejects with the exact abort reason as soon as the signal aborts', async () => {
    const controller = new AbortController();
    const reason = new Error('shutting down');
    const started = performance.now();
    setTimeout(() => controller.abort(reason), 20);
    await expect(sleep(5_000, controller.signal)).rejects.toBe(reason);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const reason = new Error('already');
    await expect(sleep(5_000, AbortSignal.abort(reason))).rejects.toBe(reason);
  });

  it('removes its abort listener once it resolves', async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    // Aborting later must not reject anything nor throw.
    expect(() => controller.abort(new Error('late'))).not.toThrow();
  });

  it('treats a negative delay as zero and never overflows the timer for huge delays', async () => {
    await sleep(-100);
    const controller = new AbortController();
    const pending = sleep(Number.MAX_SAFE_INTEGER, controller.signal);
    let settled = false;
    void pending.then(() => (settled = true), () => (settled = true));
    await sleep(20);
    // setTimeout with more than 2^31-1 ms would fire after 1 ms.
    expect(settled).toBe(false);
    controller.abort(new Error('stop'));
    await expect(pending).rejects.toThrow('stop');
  });
});
