import { waitFor } from '../../../../test/support/wait.js';
import { Deployment, waitForStatus, type ApiProcess } from './deployment.js';

/** A worker process SIGKILLed inside a step: the run resumes on another worker at that step. */
describe('a flow worker killed mid-step', () => {
  const deployment = new Deployment('crash');
  let api: ApiProcess;

  beforeAll(async () => {
    deployment.build();
    api = await deployment.api('api');
  }, 120_000);

  afterAll(() => deployment.close());

  it('resumes at the step it was in on another worker; completed steps never run again', async () => {
    // LOCK_MS: the dead worker's job and run lock expire within a second or two.
    const a = await deployment.worker('a', { SLOW_MS: '60000', LOCK_MS: '1000' });
    const runId = await api.start('three-steps', {}, 'crash-1');
    expect(runId).toBe('crash-1');
    await waitFor(async () => (await deployment.ledger('ledger:crash-1')).includes('b:start:a'), 15_000, 'a to enter step b');
    await deployment.stop(a, 'SIGKILL');

    const b = await deployment.worker('b', { LOCK_MS: '1000' });
    const run = await waitForStatus(api, 'crash-1', 'completed', 30_000);
    expect(await deployment.ledger('ledger:crash-1')).toEqual(['a:start:a', 'a:done:a', 'b:start:a', 'b:start:b', 'b:done:b', 'c:start:b', 'c:done:b']);
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([['a', 'completed'], ['b', 'completed'], ['c', 'completed']]);
    await deployment.stop(b);
  }, 90_000);
});
