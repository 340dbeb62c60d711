import { Injectable } from '@nestjs/common';
import { Flow, FlowReplayError, FlowRunNotFoundError, FlowStepFailedError, flowStepChannel, type FlowContext, type FlowStepMessage } from '@aiwire/flows';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { rawRedis, startFlows, waitForStatus, type FlowsApp } from './flows-harness.js';

/** Counters outside Redis: how many times each function really ran. */
const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
const control = { failCharge: 0, failFlaky: 0, failA: 0 };
const failures: { error: string; failure?: unknown; runId: string }[] = [];
const redis = rawRedis();
const prefix = uniquePrefix('flows-steps');

@Injectable()
class StepFlows {
  @Flow('once')
  async once(flow: FlowContext<{ tag: string }>) {
    count(`once:body:${flow.input.tag}`);
    const a = await flow.step('a', () => ({ n: count(`once:a:${flow.input.tag}`), at: new Date(0) }));
    await flow.sleep('nap-1', '30ms');
    const b = await flow.step('b', async () => {
      // The step before is stored before this one starts.
      const stored = await redis.hget(`${prefix}:run:{${flow.runId}}:steps`, 'a');
      count(`once:b:${flow.input.tag}`);
      return { sawA: stored !== null && (JSON.parse(stored) as { status: string }).status === 'completed' };
    });
    await flow.sleep('nap-2', '30ms');
    const c = await flow.step('c', () => count(`once:c:${flow.input.tag}`));
    return { a, b, c };
  }

  @Flow('flaky', { attempts: 3 })
  async flaky(flow: FlowContext) {
    await flow.step('before', () => count(`flaky:before:${flow.runId}`));
    return flow.step('flaky', () => {
      count(`flaky:${flow.runId}`);
      if (control.failFlaky-- > 0) throw new Error('not yet');
      return 'finally';
    });
  }

  @Flow('overrides', { attempts: 3 })
  async overrides(flow: FlowContext<{ attempts: number }>) {
    await flow.step('try', () => {
      count(`overrides:${flow.runId}`);
      throw new Error('always');
    }, { attempts: flow.input.attempts, backoff: { delayMs: 1 } });
  }

  @Flow('payment', { attempts: 2, onFailure: 'refund' })
  async payment(flow: FlowContext<{ amount: number }>) {
    await flow.step('reserve', () => count(`payment:reserve:${flow.runId}`));
    await flow.step('charge', () => {
      count(`payment:charge:${flow.runId}`);
      if (control.failCharge > 0) throw new Error('card declined');
      return { charged: flow.input.amount };
    });
    await flow.step('receipt', () => count(`payment:receipt:${flow.runId}`));
    return 'paid';
  }

  async refund(flow: FlowContext<{ amount: number }>, error: Error) {
    failures.push({ error: error.message, failure: flow.failure, runId: flow.runId });
    await flow.step('notify', () => `refunded ${flow.input.amount} after: ${error.message}`);
  }

  @Flow('fallback-sleeps', { attempts: 1, onFailure: 'slowFallback' })
  async fallbackSleeps(flow: FlowContext) {
    await flow.step('fail', () => {
      throw new Error('down');
    });
  }

  async slowFallback(flow: FlowContext) {
    await flow.step('before', () => count(`fallback:before:${flow.runId}`));
    await flow.sleep('cool', '200ms');
    await flow.step('after', () => count(`fallback:after:${flow.runId}`));
  }

  @Flow('parallel')
  async parallel(flow: FlowContext) {
    const [a, b] = await flow.parallel([
      () => flow.step('pa', () => {
        count(`parallel:a:${flow.runId}`);
        if (control.failA-- > 0) throw new Error('a failed once');
        return 1;
      }),
      flow.step('pb', async () => {
        count(`parallel:b:${flow.runId}`);
        await new Promise((r) => setTimeout(r, 30));
        return 'two';
      }),
    ]);
    return { a, b };
  }

  @Flow('big', { attempts: 3 })
  async big(flow: FlowContext) {
    await flow.step('big', () => {
      count(`big:${flow.runId}`);
      return 'x'.repeat(2_000);
    });
  }
}

describe('flow steps (forRoot)', () => {
  let app: FlowsApp;
  const messages: FlowStepMessage[] = [];
  const listen = (m: FlowStepMessage) => messages.push(m);

  beforeAll(async () => {
    flowStepChannel.subscribe(listen);
    app = await startFlows([StepFlows], prefix, { maxStepResultBytes: 1_024 });
  });
  afterAll(async () => {
    flowStepChannel.unsubscribe(listen);
    await app?.close();
    redis.disconnect();
    await deleteKeys(prefix);
  });

  it('runs each step once across re-runs, stores it before the next starts, and replays stored results', async () => {
    const runId = await app.flows.start('once', { tag: 't1' });
    const run = await waitForStatus(app.flows, runId, 'completed');
    // The body ran three times (two sleeps); every step function once.
    expect(calls['once:body:t1']).toBe(3);
    expect([calls['once:a:t1'], calls['once:b:t1'], calls['once:c:t1']]).toEqual([1, 1, 1]);
    // The first run sees the stored (JSON) result too: a Date is its ISO string on every run.
    expect(run.output).toEqual({ a: { n: 1, at: '1970-01-01T00:00:00.000Z' }, b: { sawA: true }, c: 1 });
    expect(run.steps.map((s) => [s.id, s.kind, s.status])).toEqual([
      ['a', 'step', 'completed'], ['nap-1', 'sleep', 'completed'], ['b', 'step', 'completed'], ['nap-2', 'sleep', 'completed'], ['c', 'step', 'completed'],
    ]);
  });

  it('retries a failing step on its own with backoff, the steps before it not repeated', async () => {
    control.failFlaky = 2;
    const runId = await app.flows.start('flaky', {});
    const run = await waitForStatus(app.flows, runId, 'completed');
    expect(run.output).toBe('finally');
    expect(calls[`flaky:${runId}`]).toBe(3);
    expect(calls[`flaky:before:${runId}`]).toBe(1);
    expect(run.steps.find((s) => s.id === 'flaky')).toMatchObject({ status: 'completed', attempts: 3 });
    const outcomes = messages.filter((m) => m.runId === runId && m.step === 'flaky').map((m) => `${m.outcome}:${m.attempt}`);
    expect(outcomes).toEqual(['started:1', 'retrying:1', 'started:2', 'retrying:2', 'started:3', 'completed:3']);
  });

  it('takes a step\'s own attempts over the flow\'s', async () => {
    const one = await app.flows.start('overrides', { attempts: 1 });
    const five = await app.flows.start('overrides', { attempts: 5 });
    expect((await waitForStatus(app.flows, one, 'failed')).error).toEqual({ name: 'Error', message: 'always', step: 'try' });
    await waitForStatus(app.flows, five, 'failed');
    expect([calls[`overrides:${one}`], calls[`overrides:${five}`]]).toEqual([1, 5]);
  });

  it('fails the run after the last attempt, runs onFailure with the error and records its steps; replay resumes at the failed step', async () => {
    control.failCharge = 1;
    const runId = await app.flows.start('payment', { amount: 42 });
    const failed = await waitForStatus(app.flows, runId, 'failed');
    await waitFor(() => failures.some((f) => f.runId === runId));
    const run = await waitForStatus(app.flows, runId, 'failed');
    expect(failed.error).toEqual({ name: 'Error', message: 'card declined', step: 'charge' });
    expect(failures.find((f) => f.runId === runId)).toEqual({
      runId, error: 'Step "charge" failed after 2 attempts: card declined', failure: { name: 'Error', message: 'card declined', step: 'charge' },
    });
    const notify = await waitFor(async () => (await app.flows.get(runId))?.steps.find((s) => s.id === 'onFailure:notify'));
    expect(notify).toMatchObject({ status: 'completed', output: 'refunded 42 after: Step "charge" failed after 2 attempts: card declined' });
    expect(run.steps.find((s) => s.id === 'charge')).toMatchObject({ status: 'failed', attempts: 2, error: { name: 'Error', message: 'card declined' } });
    expect(calls[`payment:charge:${runId}`]).toBe(2);

    control.failCharge = 0;
    await app.flows.replay(runId);
    const replayed = await waitForStatus(app.flows, runId, 'completed');
    expect(replayed.output).toBe('paid');
    expect(replayed.error).toBeUndefined();
    expect(replayed.steps.map((s) => s.id)).toEqual(['reserve', 'charge', 'receipt']);
    expect([calls[`payment:reserve:${runId}`], calls[`payment:charge:${runId}`], calls[`payment:receipt:${runId}`]]).toEqual([1, 3, 1]);
  });

  it('replays a finished run from a chosen step, and refuses what cannot be replayed', async () => {
    const runId = await app.flows.start('payment', { amount: 7 });
    await waitForStatus(app.flows, runId, 'completed');
    await app.flows.replay(runId, { fromStep: 'charge' });
    await waitForStatus(app.flows, runId, 'completed');
    expect([calls[`payment:reserve:${runId}`], calls[`payment:charge:${runId}`], calls[`payment:receipt:${runId}`]]).toEqual([1, 2, 2]);

    await expect(app.flows.replay(runId, { fromStep: 'nope' })).rejects.toThrow(
      new FlowReplayError(runId, `Run "${runId}" has no step "nope" to replay from. Its steps: reserve, charge, receipt.`),
    );
    await expect(app.flows.replay('no-such-run')).rejects.toThrow(
      new FlowRunNotFoundError('no-such-run', 'No flow run has id "no-such-run" (never started, or expired after the retention).'),
    );
    const active = await app.flows.start('once', { tag: 'active' });
    await waitForStatus(app.flows, active, ['sleeping', 'running']);
    await expect(app.flows.replay(active)).rejects.toThrow(/^Run ".*" is (sleeping|running|queued): only a finished run \(completed, failed or cancelled\) can be replayed\. Cancel it first, or wait for it to end\.$/);
    await waitForStatus(app.flows, active, 'completed');
  });

  it('resumes an onFailure that sleeps, the run failed meanwhile and not replayable until it is done', async () => {
    const runId = await app.flows.start('fallback-sleeps', {});
    await waitFor(async () => (await app.flows.get(runId))?.steps.some((s) => s.id === 'onFailure:cool' && s.status === 'sleeping'));
    const during = await app.flows.get(runId);
    expect(during).toMatchObject({ status: 'failed', error: { name: 'Error', message: 'down', step: 'fail' }, waitingFor: { kind: 'sleep', step: 'onFailure:cool' } });
    await expect(app.flows.replay(runId)).rejects.toThrow(
      `Run "${runId}" is running its onFailure: only a finished run (completed, failed or cancelled) can be replayed. Cancel it first, or wait for it to end.`,
    );
    await waitFor(async () => (await app.flows.get(runId))?.steps.find((s) => s.id === 'onFailure:after')?.status === 'completed', 5_000);
    expect([calls[`fallback:before:${runId}`], calls[`fallback:after:${runId}`]]).toEqual([1, 1]);
    const after = await app.flows.get(runId);
    expect(after?.status).toBe('failed');
    expect(after?.waitingFor).toBeUndefined();
  });

  it('runs parallel steps (functions and promises), each retried on its own', async () => {
    control.failA = 1;
    const runId = await app.flows.start('parallel', {});
    const run = await waitForStatus(app.flows, runId, 'completed');
    expect(run.output).toEqual({ a: 1, b: 'two' });
    expect([calls[`parallel:a:${runId}`], calls[`parallel:b:${runId}`]]).toEqual([2, 1]);
    // A promise item is reached where it is written (before parallel() runs), a function item when parallel() calls it.
    expect(run.steps.map((s) => s.id)).toEqual(['pb', 'pa']);
  });

  it('refuses a result over maxStepResultBytes, without retrying', async () => {
    const runId = await app.flows.start('big', {});
    const run = await waitForStatus(app.flows, runId, 'failed');
    expect(run.error).toEqual({
      name: 'FlowStepResultTooLargeError',
      message: 'The result of step "big" is 2002 bytes of JSON, over the limit of 1024 (maxStepResultBytes): store large data elsewhere (a bucket, a table) and return its key.',
      step: 'big',
    });
    expect(calls[`big:${runId}`]).toBe(1);
  });

  it('rejects a step failed for good with FlowStepFailedError carrying the cause', () => {
    const error = new FlowStepFailedError('s', 2, 'Step "s" failed after 2 attempts: x', { cause: new Error('x') });
    expect(error).toMatchObject({ name: 'FlowStepFailedError', step: 's', attempts: 2 });
    expect((error.cause as Error).message).toBe('x');
  });
});
