import { Deployment, waitForStatus } from './deployment.js';

/** Sleeps and waits are held in Redis, not in a process: stopping every process loses neither. */
describe('a sleeping run and a waiting run across a restart of every process', () => {
  const deployment = new Deployment('restart');

  beforeAll(() => deployment.build(), 120_000);
  afterAll(() => deployment.close());

  it('both resume in new processes: the sleep when it is due, the wait on an emit from the new API process', async () => {
    const api1 = await deployment.api('api1');
    const w1 = await deployment.worker('w1');
    await api1.start('sleeper', { ms: 3_000 }, 'sleep-1');
    await api1.start('waiter', { key: 'k1' }, 'wait-1');
    const sleeping = await waitForStatus(api1, 'sleep-1', 'sleeping');
    expect(sleeping.waitingFor).toMatchObject({ kind: 'sleep', step: 'nap' });
    const waiting = await waitForStatus(api1, 'wait-1', 'waiting');
    expect(waiting.waitingFor).toMatchObject({ kind: 'event', step: 'go', event: 'go' });

    await Promise.all([deployment.stop(api1.child), deployment.stop(w1)]);
    // Nothing runs while every process is down; the sleep falls due meanwhile.
    await new Promise((r) => setTimeout(r, 3_500));
    expect(await deployment.ledger('ledger:sleep-1')).toEqual(['before:w1']);

    const api2 = await deployment.api('api2');
    const w2 = await deployment.worker('w2');
    await waitForStatus(api2, 'sleep-1', 'completed');
    expect(await deployment.ledger('ledger:sleep-1')).toEqual(['before:w1', 'after:w2']);

    const emitted = await api2.emit('go', { key: 'k1', note: 'resumed' });
    expect(emitted.resumed).toEqual(['wait-1']);
    const run = await waitForStatus(api2, 'wait-1', 'completed');
    expect(await deployment.ledger('ledger:wait-1')).toEqual(['before:w1', 'after:w2:resumed']);
    expect(run.steps.find((s) => s.id === 'go')).toMatchObject({ kind: 'wait', status: 'completed', output: { key: 'k1', note: 'resumed' } });
    await Promise.all([deployment.stop(api2.child), deployment.stop(w2)]);
  }, 120_000);
});
