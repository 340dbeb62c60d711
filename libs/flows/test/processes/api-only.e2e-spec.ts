import { Deployment, waitForStatus } from './deployment.js';

/** `workers: false` makes a process that starts runs and executes none. */
describe('an API-only process and a worker process', () => {
  const deployment = new Deployment('api-only');

  beforeAll(() => deployment.build(), 120_000);
  afterAll(() => deployment.close());

  it('the API process starts runs, the worker executes them', async () => {
    const api = await deployment.api('api');
    const runId = await api.start('hello', { name: 'ada' });
    // Nothing executes it yet: the API process has no workers.
    await new Promise((r) => setTimeout(r, 1_000));
    expect((await api.run(runId)).status).toBe('queued');
    await deployment.worker('w1');
    const run = await waitForStatus(api, runId, 'completed');
    expect(run.output).toBe('hello ada from w1');
    expect(await deployment.ledger(`ledger:${runId}`)).toEqual(['greet:w1']);
  }, 90_000);
});
