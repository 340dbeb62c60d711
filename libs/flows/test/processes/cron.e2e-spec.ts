import { Deployment } from './deployment.js';

/** Every process adds the schedule; Bull keeps one, and each firing starts one run. */
describe('a cron schedule in three worker processes', () => {
  const deployment = new Deployment('cron');

  beforeAll(() => deployment.build(), 120_000);
  afterAll(() => deployment.close());

  it('starts exactly one run per firing', async () => {
    const workers = await Promise.all(['w1', 'w2', 'w3'].map((name) => deployment.worker(name, { CRON: '1' })));
    await new Promise((r) => setTimeout(r, 5_000));
    await Promise.all(workers.map((w) => deployment.stop(w)));

    const ticks = (await deployment.ledger('ticks')).map((line) => {
      const [scheduledAt, runId, worker] = line.split(' ');
      return { scheduledAt: scheduledAt!, runId: runId!, worker: worker! };
    });
    const times = ticks.map((t) => Date.parse(t.scheduledAt)).sort((a, b) => a - b);
    // About one a second for ~5 s, none twice: a firing seen by several processes still ran once.
    expect(times.length).toBeGreaterThanOrEqual(3);
    expect(new Set(times).size).toBe(times.length);
    for (const t of ticks) expect(t.runId).toBe(`cron:every-second:${Date.parse(t.scheduledAt)}`);
    for (const t of times) expect(t % 1_000).toBe(0);
    // No firing skipped between the first and the last.
    expect(times.at(-1)! - times[0]!).toBe((times.length - 1) * 1_000);
    // One schedule in Bull, whichever process added it first.
    const repeatables = await deployment.redis.zrange(`${deployment.prefix}:q:flows:repeat`, '0', '-1');
    expect(repeatables).toHaveLength(1);
  }, 120_000);
});
