import { Injectable } from '@nestjs/common';
import { Flow, FlowConfigurationError, FlowNotFoundError, flowRunChannel, type FlowContext, type FlowRunMessage } from '@aiwire/flows';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { rawRedis, startFlows, waitForStatus, type FlowsApp } from './flows-harness.js';

const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
const serial: string[] = [];
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

@Injectable()
class ServiceFlows {
  @Flow('hello')
  async hello(flow: FlowContext<{ name: string }>) {
    return flow.step('greet', () => {
      count(`hello:${flow.runId}`);
      return `hello ${flow.input.name}`;
    });
  }

  @Flow('broken', { attempts: 1 })
  async broken(flow: FlowContext) {
    await flow.step('boom', () => {
      throw new TypeError('broken on purpose');
    });
  }

  @Flow('serial', { concurrency: { key: (input) => input.customerId, limit: 1 } })
  async serial(flow: FlowContext<{ customerId: string; n: number }>) {
    await flow.step('work', async () => {
      serial.push(`start ${flow.input.customerId}:${flow.input.n}`);
      await pause(150);
      serial.push(`end ${flow.input.customerId}:${flow.input.n}`);
    });
  }
}

describe('FlowsService', () => {
  const prefix = uniquePrefix('flows-service');
  const redis = rawRedis();
  const runMessages: FlowRunMessage[] = [];
  const listen = (m: FlowRunMessage) => runMessages.push(m);
  let app: FlowsApp;

  beforeAll(async () => {
    flowRunChannel.subscribe(listen);
    app = await startFlows([ServiceFlows], prefix, { retentionSeconds: 3_600, concurrency: 4 });
  });
  afterAll(async () => {
    flowRunChannel.unsubscribe(listen);
    await app?.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });

  it('starts a run once per id: an existing id is returned and nothing runs again', async () => {
    const id = await app.flows.start('hello', { name: 'Ada' }, { id: 'hello-once' });
    expect(id).toBe('hello-once');
    await waitForStatus(app.flows, id, 'completed');
    expect(await app.flows.start('hello', { name: 'Bob' }, { id: 'hello-once' })).toBe('hello-once');
    await pause(100);
    const run = await app.flows.get(id);
    expect(run).toMatchObject({ status: 'completed', input: { name: 'Ada' }, output: 'hello Ada', trigger: { kind: 'start' } });
    expect(calls['hello:hello-once']).toBe(1);
    expect(runMessages.filter((m) => m.runId === id).map((m) => m.status)).toEqual(['queued', 'running', 'completed']);
  });

  it('refuses an unknown flow, naming the flows there are', async () => {
    await expect(app.flows.start('nope', {})).rejects.toThrow(new FlowNotFoundError('nope', 'No flow is named "nope". Flows in this app: hello, broken, serial.'));
    expect(await app.flows.get('never-started')).toBeUndefined();
  });

  it('keeps a finished run and its steps for the retention, and a running one until it ends', async () => {
    const id = await app.flows.start('hello', { name: 'ttl' });
    await waitForStatus(app.flows, id, 'completed');
    for (const key of [`${prefix}:run:{${id}}`, `${prefix}:run:{${id}}:steps`, `${prefix}:run:{${id}}:order`]) {
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(3_590);
      expect(ttl).toBeLessThanOrEqual(3_600);
    }
  });

  it('runs at most `limit` runs per concurrency key, the others queued in start order', async () => {
    const ids: string[] = [];
    for (let n = 1; n <= 3; n++) ids.push(await app.flows.start('serial', { customerId: 'c1', n }));
    const other = await app.flows.start('serial', { customerId: 'c2', n: 1 });
    const queued = await app.flows.get(ids[1]!);
    expect(queued).toMatchObject({ status: 'queued', concurrencyKey: 'c1', waitingFor: { kind: 'concurrency' } });
    for (const id of [...ids, other]) await waitForStatus(app.flows, id, 'completed', 5_000);
    const c1 = serial.filter((line) => line.includes('c1:'));
    expect(c1).toEqual(['start c1:1', 'end c1:1', 'start c1:2', 'end c1:2', 'start c1:3', 'end c1:3']);
    // Another key is not held back: c2 started before c1's first run ended.
    expect(serial.indexOf('start c2:1')).toBeLessThan(serial.indexOf('end c1:1'));
  });

  it('cancels a run queued behind its key, and admits the next one when the slot frees', async () => {
    const first = await app.flows.start('serial', { customerId: 'c3', n: 1 });
    const second = await app.flows.start('serial', { customerId: 'c3', n: 2 });
    const third = await app.flows.start('serial', { customerId: 'c3', n: 3 });
    expect(await app.flows.cancel(second)).toBe(true);
    expect((await app.flows.get(second))?.status).toBe('cancelled');
    for (const id of [first, third]) await waitForStatus(app.flows, id, 'completed', 5_000);
    expect(serial.filter((line) => line.includes('c3:'))).toEqual(['start c3:1', 'end c3:1', 'start c3:3', 'end c3:3']);
    expect(await redis.zcard(`${prefix}:conc:{serial:c3}:active`)).toBe(0);
    expect(await redis.llen(`${prefix}:conc:{serial:c3}:queue`)).toBe(0);
  });

  it('lists runs newest first, filtered by flow, status and time, a page at a time', async () => {
    const since = new Date();
    await pause(5);
    const started: string[] = [];
    for (let i = 0; i < 4; i++) {
      started.push(await app.flows.start('hello', { name: `list-${i}` }));
      await pause(3);
    }
    const broken = await app.flows.start('broken', {});
    for (const id of started) await waitForStatus(app.flows, id, 'completed');
    expect((await waitForStatus(app.flows, broken, 'failed')).error).toEqual({ name: 'TypeError', message: 'broken on purpose', step: 'boom' });

    const recent = await app.flows.list({ since });
    expect(recent.total).toBe(5);
    expect(recent.runs.map((r) => r.id)).toEqual([broken, ...[...started].reverse()]);
    const hello = await app.flows.list({ flow: 'hello', since, offset: 1, limit: 2 });
    expect(hello.total).toBe(4);
    expect(hello.runs.map((r) => r.id)).toEqual([started[2], started[1]]);
    const failed = await app.flows.list({ status: 'failed' });
    expect(failed.runs.map((r) => r.id)).toEqual([broken]);
    const both = await app.flows.list({ status: ['failed', 'completed'], since, limit: 1 });
    expect(both).toMatchObject({ total: 5, runs: [{ id: broken, flow: 'broken', status: 'failed' }] });
    expect(both.runs[0]!.durationMs).toBeGreaterThanOrEqual(0);
    expect((await app.flows.list({ since: new Date(Date.now() + 60_000) })).total).toBe(0);
  });
});

describe('runs stored but never queued (the starting process died in between)', () => {
  const prefix = uniquePrefix('flows-recovery');
  const redis = rawRedis();
  let app: FlowsApp;

  beforeAll(async () => {
    app = await startFlows([ServiceFlows], prefix, { queue: { prefix, stalledIntervalMs: 100, lockDurationMs: 2_000 } });
  });
  afterAll(async () => {
    await app?.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });

  it('are queued again by a worker, once their note is due; a run of another status is left alone', async () => {
    const now = Date.now();
    const lost = (status: string, name: string) => ({ flow: 'hello', status, input: JSON.stringify({ name }), trigger: '{"kind":"start"}', createdAt: String(now), updatedAt: String(now) });
    // What a process leaves when it dies after storing the run and before adding its job (or mid-execution, its lock expired).
    await redis.hset(`${prefix}:run:{lost-queued}`, lost('queued', 'queued'));
    await redis.hset(`${prefix}:run:{lost-running}`, lost('running', 'running'));
    await redis.hset(`${prefix}:run:{parked}`, lost('sleeping', 'parked'));
    await redis.zadd(`${prefix}:pending`, now - 1, 'lost-queued', now - 1, 'lost-running', now - 1, 'parked');
    expect((await waitForStatus(app.flows, 'lost-queued', 'completed')).output).toBe('hello queued');
    expect((await waitForStatus(app.flows, 'lost-running', 'completed')).output).toBe('hello running');
    await waitFor(async () => (await redis.zcard(`${prefix}:pending`)) === 0);
    expect((await app.flows.get('parked'))?.status).toBe('sleeping');
    expect(app.logs.text()).toMatch(/flow runs? (was|were) stored but not queued/);
  });
});

describe('startup checks', () => {
  const prefix = uniquePrefix('flows-startup');
  afterAll(() => deleteKeys(prefix));

  @Injectable()
  class First {
    @Flow('same')
    async a(flow: FlowContext) {
      await flow.step('x', () => 1);
    }
  }
  @Injectable()
  class Second {
    @Flow('same')
    async b(flow: FlowContext) {
      await flow.step('x', () => 1);
    }
  }
  @Injectable()
  class BadFallback {
    @Flow('fallback', { onFailure: 'missing' })
    async run(flow: FlowContext) {
      await flow.step('x', () => 1);
    }
  }
  @Injectable()
  class BadLimit {
    @Flow('limited', { concurrency: { key: (input) => input.id, limit: 0 } })
    async run(flow: FlowContext) {
      await flow.step('x', () => 1);
    }
  }

  it.each([
    [[First, Second], 'Flow name "same" is declared twice, on First.a and on Second.b: flow names are unique in an app; rename one.'],
    [[BadFallback], '@Flow(\'fallback\') on BadFallback.run names onFailure "missing", which is not a method of that class: add the method or fix the name.'],
    [[BadLimit], '@Flow(\'limited\') option concurrency.limit is 0; it must be a whole number >= 1.'],
  ])('refuses %o', async (providers, message) => {
    await expect(startFlows(providers, prefix)).rejects.toThrow(new FlowConfigurationError(message));
  });
});

describe('a flow whose code changed under a live run', () => {
  const prefix = uniquePrefix('flows-determinism');
  afterAll(() => deleteKeys(prefix));

  @Injectable()
  class Version1 {
    @Flow('evolving')
    async run(flow: FlowContext) {
      await flow.step('fetch', () => count('v1:fetch'));
      await flow.sleep('pause', '700ms');
      await flow.step('notify', () => count('v1:notify'));
    }
  }
  @Injectable()
  class Version2 {
    // A step inserted before the sleep: the recorded run has `pause` at that position.
    @Flow('evolving')
    async run(flow: FlowContext) {
      await flow.step('fetch', () => count('v2:fetch'));
      await flow.step('enrich', () => count('v2:enrich'));
      await flow.sleep('pause', '700ms');
      await flow.step('notify', () => count('v2:notify'));
    }
  }

  it('fails the run with an error naming both step ids, then runs it on the new code when replayed from there', async () => {
    const v1 = await startFlows([Version1], prefix);
    const runId = await v1.flows.start('evolving', {});
    await waitForStatus(v1.flows, runId, 'sleeping');
    await v1.close();
    const v2 = await startFlows([Version2], prefix);
    try {
      const run = await waitForStatus(v2.flows, runId, 'failed', 5_000);
      expect(run.error).toEqual({
        name: 'FlowDeterminismError',
        message: `Flow "evolving" run "${runId}" reached step "enrich" where the recorded run has step "pause": the code changed under a live run. ` +
          `Replay the run from "pause" (FlowsService.replay(runId, { fromStep: 'pause' })) to run it on the new code.`,
        step: 'pause',
      });
      expect([calls['v1:fetch'], calls['v2:fetch'], calls['v2:enrich']]).toEqual([1, undefined, undefined]);
      await v2.flows.replay(runId);
      await waitForStatus(v2.flows, runId, 'completed', 5_000);
      expect([calls['v1:fetch'], calls['v2:fetch'], calls['v2:enrich'], calls['v2:notify']]).toEqual([1, undefined, 1, 1]);
      await waitFor(async () => (await v2.flows.get(runId))?.steps.map((s) => s.id).join() === 'fetch,enrich,pause,notify');
    } finally {
      await v2.close();
    }
  });
});
