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
});
