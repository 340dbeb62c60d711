import { Injectable } from '@nestjs/common';
import { currentCorrelation, enableCorrelation, registerInstrumentation, type Instrumentation, type InstrumentedSpan, type SpanAttributes, type TraceCarrier } from '@aiwire/core';
import { Flow, flowRunChannel, flowStepChannel, type FlowContext, type FlowRunMessage, type FlowStepMessage } from '@aiwire/flows';
import { deleteKeys, uniquePrefix } from '../../../test/support/redis.js';
import { startFlows, waitForStatus, type FlowsApp } from './flows-harness.js';

interface RecordedSpan {
  readonly kind: 'server' | 'producer' | 'consumer' | 'internal';
  readonly name: string;
  readonly attributes: SpanAttributes;
  readonly carrier?: TraceCarrier;
  ended: boolean;
  error?: unknown;
}

/** A tracer that records what the engine asks of it (the instrumentation is the seam monitoring plugs an OpenTelemetry one into). */
function recordingInstrumentation(spans: RecordedSpan[], active: { span?: RecordedSpan }): Instrumentation {
  const start = (kind: RecordedSpan['kind'], name: string, attributes: SpanAttributes, carrier?: TraceCarrier): InstrumentedSpan => {
    const recorded: RecordedSpan = { kind, name, attributes, ended: false, ...(carrier && { carrier }) };
    spans.push(recorded);
    return {
      run: (fn) => {
        const outer = active.span;
        active.span = recorded;
        try {
          return fn();
        } finally {
          active.span = outer;
        }
      },
      end: (outcome) => {
        recorded.ended = true;
        recorded.error = outcome?.error;
      },
    };
  };
  return {
    startServer: (name, attributes) => start('server', name, attributes),
    startProducer: (name, attributes) => ({ ...start('producer', name, attributes), carrier: { traceparent: `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01` } }),
    startConsumer: (name, attributes, carrier) => start('consumer', name, attributes, carrier),
    startInternal: (name, attributes) => start('internal', name, attributes),
  };
}

const seen: { step: string; correlationId?: string; span?: string }[] = [];
const active: { span?: RecordedSpan } = {};

@Injectable()
class TracedFlows {
  @Flow('traced', { attempts: 2 })
  async traced(flow: FlowContext) {
    await flow.step('first', () => void seen.push({ step: 'first', correlationId: currentCorrelation()?.correlationId, span: active.span?.name }));
    await flow.sleep('nap', '20ms');
    await flow.step('second', () => {
      seen.push({ step: 'second', correlationId: currentCorrelation()?.correlationId });
      if (!seen.some((s) => s.step === 'second-failed')) {
        seen.push({ step: 'second-failed' });
        throw new Error('once');
      }
    });
  }
}

describe('observability of flow runs', () => {
  const prefix = uniquePrefix('flows-observability');
  const spans: RecordedSpan[] = [];
  const steps: FlowStepMessage[] = [];
  const runs: FlowRunMessage[] = [];
  const onStep = (m: FlowStepMessage) => steps.push(m);
  const onRun = (m: FlowRunMessage) => runs.push(m);
  let unregister: () => void;
  let app: FlowsApp;

  beforeAll(async () => {
    enableCorrelation();
    unregister = registerInstrumentation(recordingInstrumentation(spans, active));
    flowStepChannel.subscribe(onStep);
    flowRunChannel.subscribe(onRun);
    app = await startFlows([TracedFlows], prefix);
  });
  afterAll(async () => {
    unregister?.();
    flowStepChannel.unsubscribe(onStep);
    flowRunChannel.unsubscribe(onRun);
    await app?.close();
    await deleteKeys(prefix);
  });

  it('runs each job under the run id as correlation id, in a CONSUMER span, each executed step in a flow.step span', async () => {
    const runId = await app.flows.start('traced', {});
    await waitForStatus(app.flows, runId, 'completed');
    expect(seen.filter((s) => s.correlationId !== undefined).map((s) => [s.step, s.correlationId])).toEqual([
      ['first', runId], ['second', runId], ['second', runId],
    ]);
    expect(seen[0]!.span).toBe('flow.step');

    const consumers = spans.filter((s) => s.kind === 'consumer');
    // start, wake after the sleep, wake for the retry: three jobs, each carrying its producer's context.
    expect(consumers.length).toBeGreaterThanOrEqual(3);
    for (const span of consumers) {
      expect(span).toMatchObject({ name: 'process flows', ended: true, attributes: { 'messaging.system': 'bull', 'aiwire.flow.run_id': runId } });
      expect(span.carrier?.traceparent).toMatch(/^00-a{32}-b{16}-01$/);
    }
    const internal = spans.filter((s) => s.kind === 'internal');
    expect(internal.map((s) => [s.name, s.attributes['aiwire.flow.step'], s.attributes['aiwire.flow.attempt'], s.error === undefined])).toEqual([
      ['flow.step', 'first', 1, true], ['flow.step', 'second', 1, false], ['flow.step', 'second', 2, true],
    ]);
  });

  it('publishes every step outcome and run status on diagnostics_channel', () => {
    const runId = runs[0]!.runId;
    expect(steps.filter((m) => m.runId === runId).map((m) => `${m.step}:${m.kind}:${m.outcome}:${m.attempt}`)).toEqual([
      'first:step:started:1', 'first:step:completed:1', 'nap:sleep:parked:1', 'nap:sleep:resumed:1',
      'second:step:started:1', 'second:step:retrying:1', 'second:step:started:2', 'second:step:completed:2',
    ]);
    expect(runs.filter((m) => m.runId === runId).map((m) => m.status)).toEqual(['queued', 'running', 'sleeping', 'running', 'queued', 'running', 'completed']);
    const last = runs.filter((m) => m.runId === runId).at(-1)!;
    expect(last).toMatchObject({ flow: 'traced', trigger: 'start', previous: 'running' });
    expect(last.durationMs).toBeGreaterThan(0);
  });
});
