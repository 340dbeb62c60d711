import { Injectable } from '@nestjs/common';
import { Flow, type FlowContext } from '@aiwire/flows';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { gate, rawRedis, startFlows, waitForStatus, type FlowsApp } from './flows-harness.js';

const calls: Record<string, number> = {};
const count = (name: string) => (calls[name] = (calls[name] ?? 0) + 1);
const gates = new Map<string, ReturnType<typeof gate>>();
const prefix = uniquePrefix('flows-parking');

@Injectable()
class ParkingFlows {
  @Flow('sleeper')
  async sleeper(flow: FlowContext<{ ms: number }>) {
    await flow.step('before', () => count(`sleeper:before:${flow.runId}`));
    await flow.sleep('nap', flow.input.ms);
    return flow.step('after', () => count(`sleeper:after:${flow.runId}`));
  }

  @Flow('quick')
  async quick(flow: FlowContext) {
    return flow.step('only', () => 'done');
  }

  @Flow('waiter')
  async waiter(flow: FlowContext<{ ticketId: string; timeout: string }>) {
    await flow.step('before', () => count(`waiter:before:${flow.runId}`));
    const reply = await flow.waitForEvent<{ ticketId: string; text: string }>('reply', { event: 'ticket.replied', match: 'ticketId', timeout: flow.input.timeout as '1s' });
    return flow.step('after', () => ({ reply }));
  }

  @Flow('gated')
  async gated(flow: FlowContext<{ key: string }>) {
    await flow.step('slow', async () => {
      count(`gated:slow:${flow.runId}`);
      await gates.get(flow.input.key)?.promise;
    });
    await flow.step('next', () => count(`gated:next:${flow.runId}`));
  }

  @Flow('ticket', { cancelOn: { event: 'ticket.closed', match: 'ticketId' } })
  async ticket(flow: FlowContext<{ ticketId: string }>) {
    await flow.sleep('long', '1h');
  }

  @Flow('until')
  async until(flow: FlowContext<{ at: string }>) {
    await flow.sleepUntil('at', flow.input.at);
    return flow.step('after', () => 'woke');
  }

  @Flow('bad-sleep', { attempts: 1 })
  async badSleep(flow: FlowContext<{ duration: string }>) {
    await flow.sleep('x', flow.input.duration as '1s');
  }

  @Flow('order-held', { trigger: { event: 'order.held' } })
  async held(flow: FlowContext<{ orderId: string }>) {
    return flow.step('hold', () => ({ held: flow.input.orderId, trigger: flow.trigger }));
  }
}

describe('sleeps, waits and cancellation (concurrency 1)', () => {
  let app: FlowsApp;

  beforeAll(async () => {
    app = await startFlows([ParkingFlows], prefix, { concurrency: 1 });
  });
  afterAll(async () => {
    await app?.close();
    await deleteKeys(prefix);
  });

  it('sleeps without holding the worker: another run completes meanwhile', async () => {
    const sleeping = await app.flows.start('sleeper', { ms: 1_500 });
    const parked = await waitForStatus(app.flows, sleeping, 'sleeping');
    expect(parked.waitingFor).toMatchObject({ kind: 'sleep', step: 'nap' });
    const quick = await app.flows.start('quick', {});
    await waitForStatus(app.flows, quick, 'completed', 1_000);
    expect((await app.flows.get(sleeping))?.status).toBe('sleeping');
    await waitForStatus(app.flows, sleeping, 'completed', 5_000);
    expect([calls[`sleeper:before:${sleeping}`], calls[`sleeper:after:${sleeping}`]]).toEqual([1, 1]);
  });

  it('sleeps until a moment, and refuses a duration without a unit', async () => {
    const past = await app.flows.start('until', { at: new Date(Date.now() - 1_000).toISOString() });
    const soon = await app.flows.start('until', { at: new Date(Date.now() + 400).toISOString() });
    expect((await waitForStatus(app.flows, past, 'completed')).output).toBe('woke');
    expect((await waitForStatus(app.flows, soon, 'sleeping')).waitingFor).toMatchObject({ kind: 'sleep', step: 'at' });
    await waitForStatus(app.flows, soon, 'completed', 5_000);
    const bad = await app.flows.start('bad-sleep', { duration: '30 minutes' });
    expect((await waitForStatus(app.flows, bad, 'failed')).error).toEqual({
      name: 'TypeError',
      message: `sleep('x') is "30 minutes": write milliseconds (a number >= 0) or a string such as '500ms', '30s', '30m', '2h', '1d', '1w'.`,
    });
  });

  it('resumes a wait on a matching emit only, with the payload', async () => {
    const runId = await app.flows.start('waiter', { ticketId: 't-1', timeout: '1h' });
    const parked = await waitForStatus(app.flows, runId, 'waiting');
    expect(parked.waitingFor).toMatchObject({ kind: 'event', step: 'reply', event: 'ticket.replied', match: { field: 'ticketId', value: '"t-1"' } });
    expect(await app.flows.emit('ticket.replied', { ticketId: 't-2', text: 'other' })).toEqual({ started: [], resumed: [], cancelled: [] });
    expect(await app.flows.emit('other.event', { ticketId: 't-1' })).toEqual({ started: [], resumed: [], cancelled: [] });
    expect((await app.flows.get(runId))?.status).toBe('waiting');
    expect(await app.flows.emit('ticket.replied', { ticketId: 't-1', text: 'thanks' }, { id: 'reply-1' })).toEqual({ started: [], resumed: [runId], cancelled: [] });
    const run = await waitForStatus(app.flows, runId, 'completed');
    expect(run.output).toEqual({ reply: { ticketId: 't-1', text: 'thanks' } });
    expect(run.steps.find((s) => s.id === 'reply')).toMatchObject({ kind: 'wait', status: 'completed', output: { ticketId: 't-1', text: 'thanks' } });
    expect(calls[`waiter:before:${runId}`]).toBe(1);
  });

  it('does nothing for an emit whose id was emitted before', async () => {
    const runId = await app.flows.start('waiter', { ticketId: 't-3', timeout: '1h' });
    await waitForStatus(app.flows, runId, 'waiting');
    expect(await app.flows.emit('ticket.replied', { ticketId: 't-3', text: 'first' }, { id: 'dup-1' })).toMatchObject({ resumed: [runId] });
    expect(await app.flows.emit('ticket.replied', { ticketId: 't-3', text: 'second' }, { id: 'dup-1' })).toEqual({ started: [], resumed: [], cancelled: [] });
    expect((await waitForStatus(app.flows, runId, 'completed')).output).toEqual({ reply: { ticketId: 't-3', text: 'first' } });
  });

  it('times a wait out to null', async () => {
    const runId = await app.flows.start('waiter', { ticketId: 't-4', timeout: '300ms' });
    const run = await waitForStatus(app.flows, runId, 'completed', 5_000);
    expect(run.output).toEqual({ reply: null });
    // Its registration is gone: a late emit resumes nothing.
    expect(await app.flows.emit('ticket.replied', { ticketId: 't-4', text: 'late' })).toEqual({ started: [], resumed: [], cancelled: [] });
  });

  it('starts the flows an emitted event triggers, the event id as run id', async () => {
    const result = await app.flows.emit('order.held', { orderId: 'o-1' }, { id: 'evt-held-1' });
    expect(result).toEqual({ started: ['evt-held-1'], resumed: [], cancelled: [] });
    const run = await waitForStatus(app.flows, 'evt-held-1', 'completed');
    expect(run.output).toEqual({ held: 'o-1', trigger: { kind: 'event', type: 'order.held' } });
    expect(run.trigger).toEqual({ kind: 'event', type: 'order.held' });
  });

  it('cancels a running run at its next step boundary', async () => {
    gates.set('c1', gate());
    const runId = await app.flows.start('gated', { key: 'c1' });
    await waitFor(() => calls[`gated:slow:${runId}`] === 1);
    expect(await app.flows.cancel(runId)).toBe(true);
    expect((await app.flows.get(runId))?.status).toBe('running');
    gates.get('c1')!.open();
    const run = await waitForStatus(app.flows, runId, 'cancelled');
    expect(run.steps.map((s) => [s.id, s.status])).toEqual([['slow', 'completed']]);
    expect(calls[`gated:next:${runId}`]).toBeUndefined();
    expect(await app.flows.cancel(runId)).toBe(false);
  });

  it('cancels a parked run at once', async () => {
    const runId = await app.flows.start('sleeper', { ms: 60_000 });
    await waitForStatus(app.flows, runId, 'sleeping');
    expect(await app.flows.cancel(runId)).toBe(true);
    const run = await app.flows.get(runId);
    expect(run).toMatchObject({ status: 'cancelled' });
    expect(run?.finishedAt).toBeDefined();
    expect(await app.flows.cancel('no-such-run')).toBe(false);
  });

  it('cancels a waiting run whose lock another execution still holds, once that execution lets go', async () => {
    const runId = await app.flows.start('waiter', { ticketId: 't-lock', timeout: '1h' });
    await waitForStatus(app.flows, runId, 'waiting');
    // The execution that parked the run may not have released its lock yet when the cancel arrives.
    const redis = rawRedis();
    try {
      await redis.set(`${prefix}:run:{${runId}}:lock`, 'another-execution', 'PX', 800);
      expect(await app.flows.cancel(runId)).toBe(true);
      const run = await waitForStatus(app.flows, runId, 'cancelled', 5_000);
      expect(run.steps.map((s) => [s.id, s.status])).toEqual([['before', 'completed'], ['reply', 'waiting']]);
      expect(await app.flows.emit('ticket.replied', { ticketId: 't-lock', text: 'late' })).toEqual({ started: [], resumed: [], cancelled: [] });
    } finally {
      redis.disconnect();
    }
  });

  it('cancels the runs a cancelOn event matches, and only those', async () => {
    const one = await app.flows.start('ticket', { ticketId: 'k-1' });
    const two = await app.flows.start('ticket', { ticketId: 'k-2' });
    await waitForStatus(app.flows, one, 'sleeping');
    await waitForStatus(app.flows, two, 'sleeping');
    expect(await app.flows.emit('ticket.closed', { ticketId: 'k-1' })).toEqual({ started: [], resumed: [], cancelled: [one] });
    expect((await app.flows.get(one))?.status).toBe('cancelled');
    expect((await app.flows.get(two))?.status).toBe('sleeping');
    // Its registration went with it.
    expect(await app.flows.emit('ticket.closed', { ticketId: 'k-1' })).toEqual({ started: [], resumed: [], cancelled: [] });
    await app.flows.cancel(two);
  });
});

describe('parked runs survive a restart (forRootAsync)', () => {
  const restartPrefix = uniquePrefix('flows-restart');
  afterAll(() => deleteKeys(restartPrefix));

  it('resumes a sleep and a wait in a new app', async () => {
    const first = await startFlows([ParkingFlows], restartPrefix, {}, 'forRootAsync');
    const sleeping = await first.flows.start('sleeper', { ms: 1_200 });
    const waiting = await first.flows.start('waiter', { ticketId: 'r-1', timeout: '1h' });
    await waitForStatus(first.flows, sleeping, 'sleeping');
    await waitForStatus(first.flows, waiting, 'waiting');
    await first.close();

    const second = await startFlows([ParkingFlows], restartPrefix, {}, 'forRootAsync');
    try {
      expect(await second.flows.emit('ticket.replied', { ticketId: 'r-1', text: 'after restart' })).toMatchObject({ resumed: [waiting] });
      expect((await waitForStatus(second.flows, waiting, 'completed')).output).toEqual({ reply: { ticketId: 'r-1', text: 'after restart' } });
      await waitForStatus(second.flows, sleeping, 'completed', 5_000);
      expect([calls[`sleeper:before:${sleeping}`], calls[`sleeper:after:${sleeping}`], calls[`waiter:before:${waiting}`]]).toEqual([1, 1, 1]);
    } finally {
      await second.close();
    }
  });
});
