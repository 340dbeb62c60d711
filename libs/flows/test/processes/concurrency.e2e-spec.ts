import { Deployment, waitForStatus } from './deployment.js';

/** `concurrency: { key, limit: 1 }` holds across processes, and the queue keeps start order. */
describe('a concurrency key with limit 1 across two worker processes', () => {
  const deployment = new Deployment('concurrency');

  beforeAll(() => deployment.build(), 120_000);
  afterAll(() => deployment.close());

  it('never runs two at once, and runs them all in start order', async () => {
    const api = await deployment.api('api');
    await deployment.worker('w1', { SERIAL_MS: '300' });
    await deployment.worker('w2', { SERIAL_MS: '300' });
    const ids = ['s1', 's2', 's3', 's4', 's5', 's6'];
    for (const id of ids) await api.start('serial', { key: 'customer-1' }, id);
    // A run of another key is not held back by them.
    await api.start('serial', { key: 'customer-2' }, 'other');
    for (const id of [...ids, 'other']) await waitForStatus(api, id, 'completed', 30_000);

    const entries = (await deployment.ledger('serial')).map((line) => {
      const [edge, runId, at, worker] = line.split(' ');
      return { edge: edge!, runId: runId!, at: Number(at), worker: worker! };
    });
    const mine = entries.filter((e) => e.runId !== 'other');
    // start/end strictly alternate, run by run, in the order they were started.
    expect(mine.map((e) => `${e.edge} ${e.runId}`)).toEqual(ids.flatMap((id) => [`start ${id}`, `end ${id}`]));
    for (let i = 2; i < mine.length; i += 2) expect(mine[i]!.at).toBeGreaterThanOrEqual(mine[i - 1]!.at);
    const other = entries.find((e) => e.runId === 'other' && e.edge === 'start')!;
    expect(other.at).toBeLessThan(mine.find((e) => e.runId === 's3' && e.edge === 'start')!.at);
  }, 120_000);
});
