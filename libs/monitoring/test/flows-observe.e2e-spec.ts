import request from 'supertest';
import { hasSubscribers } from 'node:diagnostics_channel';
import { FlowsService, type FlowRunDetail, type FlowRunStatus } from '@aiwire/flows';
import { startApp, type RunningApp } from '../../../test/support/http-app.js';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';
import { parseExposition } from './exposition.js';
import { LineCapture } from './fixtures/logs-host.js';
import { flowClasses, flowsHost, flowsLog, flowsModule, monitoring } from './fixtures/flows-app.js';

async function settled(flows: FlowsService, id: string, status: FlowRunStatus): Promise<FlowRunDetail> {
  let last: FlowRunDetail | undefined;
  try {
    return await waitFor(async () => {
      last = await flows.get(id);
      return last?.status === status && last;
    }, 15_000, `run ${id} ${status}`);
  } catch (error) {
    throw new Error(`${(error as Error).message}; the run is ${JSON.stringify(last)}`);
  }
}

describe('flow runs and steps in the metrics and the logs', () => {
  const prefix = uniquePrefix('flows-observe');
  const log = flowsLog();
  const out = new LineCapture();
  let running: RunningApp | undefined;
  let flows: FlowsService;

  beforeAll(async () => {
    running = await startApp('express', flowsHost([flowsModule(prefix), monitoring({ metrics: { defaultMetrics: false }, logs: { destination: out, level: 'debug' } })], flowClasses(log)));
    flows = running.app.get(FlowsService);
    log.declined.add('inv-1');
    await flows.start('order-sync', { orderId: 'o-1', lines: 3 }, { id: 'ord-1' });
    await flows.start('order-sync', { orderId: 'o-2', lines: 30 }, { id: 'ord-2' });
    await flows.start('invoice', { invoiceId: 'inv-1' }, { id: 'inv-1' });
    await flows.start('reminder', { ticketId: 'T-1' }, { id: 'rem-1' });
    await Promise.all([settled(flows, 'ord-1', 'completed'), settled(flows, 'ord-2', 'completed'), settled(flows, 'inv-1', 'failed'), settled(flows, 'rem-1', 'sleeping')]);
    expect(await flows.cancel('rem-1')).toBe(true);
    await settled(flows, 'rem-1', 'cancelled');
  }, 60_000);
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  it('counts ended runs and step executions by outcome, with their durations', async () => {
    const text = await waitFor(async () => {
      const body = (await request(running!.url).get('/metrics')).text;
      return body.includes('aiwire_flow_runs_total{flow="reminder",status="cancelled"}') && body;
    }, 5_000, 'the cancelled run in the metrics');
    const metrics = parseExposition(text);
    expect(metrics.types.get('aiwire_flow_runs_total')).toBe('counter');
    expect(metrics.types.get('aiwire_flow_run_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('aiwire_flow_steps_total')).toBe('counter');
    expect(metrics.types.get('aiwire_flow_step_duration_seconds')).toBe('histogram');
    const byLabels = (name: string) => metrics.series(name).map((s) => ({ ...s.labels, value: s.value })).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    expect(byLabels('aiwire_flow_runs_total')).toEqual([
      { flow: 'invoice', status: 'failed', value: 1 },
      { flow: 'order-sync', status: 'completed', value: 2 },
      { flow: 'reminder', status: 'cancelled', value: 1 },
    ]);
    expect(byLabels('aiwire_flow_steps_total')).toEqual([
      { flow: 'invoice', step: 'charge', outcome: 'failed', value: 1 },
      { flow: 'invoice', step: 'charge', outcome: 'retrying', value: 1 },
      { flow: 'invoice', step: 'load', outcome: 'completed', value: 1 },
      { flow: 'order-sync', step: 'fetch', outcome: 'completed', value: 2 },
      { flow: 'order-sync', step: 'save', outcome: 'completed', value: 2 },
      { flow: 'order-sync', step: 'split', outcome: 'completed', value: 1 },
      { flow: 'order-sync', step: 'transform', outcome: 'completed', value: 2 },
      { flow: 'reminder', step: 'prepare', outcome: 'completed', value: 1 },
    ]);
    // Every execution's duration, whatever its outcome: charge ran twice.
    expect(metrics.value('aiwire_flow_step_duration_seconds_count', { flow: 'invoice', step: 'charge' })).toBe(2);
    expect(metrics.value('aiwire_flow_step_duration_seconds_count', { flow: 'order-sync', step: 'split' })).toBe(1);
    expect(metrics.value('aiwire_flow_step_duration_seconds_bucket', { flow: 'order-sync', step: 'fetch', le: '+Inf' })).toBe(2);
    expect(metrics.value('aiwire_flow_run_duration_seconds_count', { flow: 'order-sync', status: 'completed' })).toBe(2);
    expect(metrics.value('aiwire_flow_run_duration_seconds_count', { flow: 'reminder', status: 'cancelled' })).toBe(1);
    expect(metrics.value('aiwire_flow_run_duration_seconds_sum', { flow: 'invoice', status: 'failed' })).toBeGreaterThan(0);
  });

  it('writes a line per step outcome and per run end, with the run id as correlation id', async () => {
    await waitFor(() => out.find({ event: 'flow.run', run_id: 'rem-1' }).length === 1, 5_000, 'the cancelled run line');
    const steps = (runId: string) => out.find({ event: 'flow.step', run_id: runId }).map((l) => [l.level, l.step, l.outcome, l.attempt]);
    expect(steps('ord-2')).toEqual([[20, 'fetch', 'completed', 1], [20, 'transform', 'completed', 1], [20, 'split', 'completed', 1], [20, 'save', 'completed', 1]]);
    expect(steps('inv-1')).toEqual([[20, 'load', 'completed', 1], [40, 'charge', 'retrying', 1], [50, 'charge', 'failed', 2]]);
    // The engine runs the step in the run's correlation context: the step's own line carries the run id.
    expect(out.find({ msg: 'fetching the order' }).map((l) => [l.order, l.correlation_id]).sort()).toEqual([['o-1', 'ord-1'], ['o-2', 'ord-2']]);
    for (const line of out.find({ event: 'flow.step' })) {
      expect(line).toMatchObject({ correlation_id: line.run_id, flow: expect.any(String), kind: 'step', duration_ms: expect.any(Number) });
    }
    expect(out.find({ event: 'flow.step', run_id: 'inv-1', outcome: 'failed' })[0]).toMatchObject({ flow: 'invoice', error: 'card declined for inv-1', msg: 'flow invoice step charge failed (attempt 2)' });
    const runs = out.find({ event: 'flow.run' }).map((l) => [l.run_id, l.level, l.status, l.correlation_id]);
    expect(runs.sort()).toEqual([
      ['inv-1', 50, 'failed', 'inv-1'],
      ['ord-1', 30, 'completed', 'ord-1'],
      ['ord-2', 30, 'completed', 'ord-2'],
      ['rem-1', 30, 'cancelled', 'rem-1'],
    ]);
    expect(out.find({ event: 'flow.run', run_id: 'inv-1' })[0]).toMatchObject({ flow: 'invoice', trigger: 'start', duration_ms: expect.any(Number), error: expect.stringContaining('card declined for inv-1') });
  });

  it('unsubscribes when the app closes', async () => {
    expect(hasSubscribers('aiwire:flow:step')).toBe(true);
    await running!.close();
    running = undefined;
    expect(hasSubscribers('aiwire:flow:step')).toBe(false);
    expect(hasSubscribers('aiwire:flow:run')).toBe(false);
  });
});

describe('flows with metrics and logs off', () => {
  const prefix = uniquePrefix('flows-observe-off');
  let running: RunningApp;
  afterAll(async () => {
    await running?.close();
    await deleteKeys(prefix);
  });

  it('subscribes to nothing, so the engine publishes to no one', async () => {
    running = await startApp('express', flowsHost([flowsModule(prefix), monitoring({})], flowClasses(flowsLog())));
    const flows = running.app.get(FlowsService);
    await flows.start('order-sync', { orderId: 'o-9', lines: 1 }, { id: 'ord-9' });
    await settled(flows, 'ord-9', 'completed');
    expect(hasSubscribers('aiwire:flow:step')).toBe(false);
    expect(hasSubscribers('aiwire:flow:run')).toBe(false);
  });
});
