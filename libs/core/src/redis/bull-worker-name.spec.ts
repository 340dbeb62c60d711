import Bull from 'bull';
import { createBullClientFactory } from './redis-connection.js';
import { ignoreWorkerNameFailures } from './bull-worker-name.js';

/** A queue whose Redis is unreachable: Bull's worker naming can only fail. */
async function unhandledAfterProcess(guard: boolean): Promise<unknown[]> {
  const clients = createBullClientFactory({ url: 'redis://127.0.0.1:1', retryStrategy: () => null });
  const queue = new Bull('names', { createClient: clients });
  queue.on('error', () => undefined);
  if (guard) ignoreWorkerNameFailures(queue);
  const unhandled: unknown[] = [];
  const listener = (reason: unknown) => unhandled.push(reason);
  // vitest's own listener would fail the run; count instead, then put it back.
  const previous = process.listeners('unhandledRejection');
  process.removeAllListeners('unhandledRejection');
  process.on('unhandledRejection', listener);
  try {
    queue.process(async () => undefined).catch(() => undefined);
    await new Promise((r) => setTimeout(r, 300));
    await clients.close();
    await new Promise((r) => setTimeout(r, 100));
  } finally {
    process.off('unhandledRejection', listener);
    for (const l of previous) process.on('unhandledRejection', l);
  }
  return unhandled;
}

describe('ignoreWorkerNameFailures (real Bull)', () => {
  it("is needed: Bull's process() leaves the naming promise to reject unhandled", async () => {
    expect((await unhandledAfterProcess(false)).length).toBeGreaterThan(0);
  });

  it('keeps that failure from becoming an unhandled rejection', async () => {
    expect(await unhandledAfterProcess(true)).toEqual([]);
  });
});
