import { currentCorrelation, enableCorrelation, runWithCorrelation } from './correlation.js';

// One process-wide switch: the order of these tests is the order of a process' life.
describe('correlation ids', () => {
  it('before enableCorrelation(), runWithCorrelation only runs its function (no AsyncLocalStorage cost)', async () => {
    const seen = await runWithCorrelation({ correlationId: 'evt_1' }, async () => {
      await Promise.resolve();
      return currentCorrelation();
    });
    expect(seen).toBeUndefined();
    expect(runWithCorrelation({ correlationId: 'evt_1' }, () => 42)).toBe(42);
  });

  it('a task ({ task: true }) keeps its id through awaits and timers, each its own when they interleave, and ends when its promise settles', async () => {
    enableCorrelation();
    const task = (id: string, ms: number) =>
      runWithCorrelation(
        { correlationId: id },
        async () => {
          const seen = [currentCorrelation()?.correlationId];
          await new Promise((resolve) => setTimeout(resolve, ms));
          seen.push(currentCorrelation()?.correlationId);
          await Promise.resolve();
          seen.push(currentCorrelation()?.correlationId);
          return seen;
        },
        { task: true },
      );
    const [a, b] = await Promise.all([task('evt_a', 5), task('evt_b', 1)]);
    expect(a).toEqual(['evt_a', 'evt_a', 'evt_a']);
    expect(b).toEqual(['evt_b', 'evt_b', 'evt_b']);
    expect(currentCorrelation()).toBeUndefined();
    // Once no task is in flight, nothing started outside one sees an id.
    expect(await new Promise((resolve) => setTimeout(() => resolve(currentCorrelation()), 1))).toBeUndefined();
  });

  it('a task that fails, synchronously or not, ends all the same, and the next one has its own id', async () => {
    const failing = runWithCorrelation({ correlationId: 'evt_f' }, () => Promise.reject(new Error('handler failed')), { task: true });
    await expect(failing).rejects.toThrow('handler failed');
    expect(() =>
      runWithCorrelation(
        { correlationId: 'evt_t' },
        () => {
          throw new Error('thrown before any promise');
        },
        { task: true },
      ),
    ).toThrow('thrown before any promise');
    expect(currentCorrelation()).toBeUndefined();
    const next = await runWithCorrelation({ correlationId: 'evt_n' }, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return currentCorrelation()?.correlationId;
    }, { task: true });
    expect(next).toBe('evt_n');
  });

  it('work a task awaits from a task of its own keeps the inner id, then the outer one', async () => {
    const seen = await runWithCorrelation({ correlationId: 'outer' }, async () => {
      const inner = await runWithCorrelation({ correlationId: 'inner' }, async () => {
        await new Promise((resolve) => setTimeout(resolve, 1));
        return currentCorrelation()?.correlationId;
      }, { task: true });
      await new Promise((resolve) => setTimeout(resolve, 1));
      return [inner, currentCorrelation()?.correlationId];
    }, { task: true });
    expect(seen).toEqual(['inner', 'outer']);
  });

  it('once enabled, the id follows the work through awaits and timers, and ends with it', async () => {
    enableCorrelation();
    enableCorrelation();
    const seen = await runWithCorrelation({ correlationId: 'evt_2' }, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      return currentCorrelation()?.correlationId;
    });
    expect(seen).toBe('evt_2');
    expect(currentCorrelation()).toBeUndefined();
  });

  it('after a run without `task` the store stays on: a task still has its own id, and work it did not await keeps it', async () => {
    let late: string | undefined;
    const done = new Promise<void>((resolve) => {
      void runWithCorrelation({ correlationId: 'evt_ff' }, async () => {
        setTimeout(() => {
          late = currentCorrelation()?.correlationId;
          resolve();
        }, 5);
      }, { task: true });
    });
    await done;
    expect(late).toBe('evt_ff');
  });
});
