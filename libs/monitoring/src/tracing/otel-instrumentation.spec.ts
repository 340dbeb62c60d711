import * as api from '@opentelemetry/api';
import { currentInstrumentation } from '@aiwire/core';
import { registerInMemorySdk, type InMemorySdk } from '../../test/fixtures/tracing-sdk.js';
import { createOtelInstrumentation } from './otel-instrumentation.js';
import { startTracing } from './tracing-runtime.js';
import { currentTraceIds } from './trace-ids.js';
import { hasContextManager } from './otel-api.js';

const { SpanKind, SpanStatusCode } = api;

describe('the OpenTelemetry instrumentation (in-memory SDK)', () => {
  let sdk: InMemorySdk;
  const instrumentation = () => createOtelInstrumentation(api);
  const byName = (name: string) => sdk.spans().find((s) => s.name === name)!;

  beforeAll(() => {
    sdk = registerInMemorySdk();
  });
  afterAll(() => sdk.close());
  beforeEach(() => sdk.exporter.reset());

  it('a SERVER span continues the trace context of the request headers, and is active while its work runs', async () => {
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const span = instrumentation().startServer('POST /webhooks/:source', { 'http.request.method': 'POST', 'client.address': undefined }, { traceparent });
    const seen = await span.run(async () => {
      await new Promise((r) => setTimeout(r, 1));
      return api.trace.getActiveSpan()?.spanContext().traceId;
    });
    span.end({ attributes: { 'http.response.status_code': 202 } });
    const server = byName('POST /webhooks/:source');
    expect(seen).toBe('4bf92f3577b34da6a3ce929d0e0e4736');
    expect(server).toMatchObject({ kind: SpanKind.SERVER, traceId: '4bf92f3577b34da6a3ce929d0e0e4736', parentSpanId: '00f067aa0ba902b7', scope: '@aiwire/monitoring' });
    expect(server.attributes).toEqual({ 'http.request.method': 'POST', 'http.response.status_code': 202 });
    expect(server.status.code).toBe(SpanStatusCode.UNSET);
  });

  it('under a span of the app (its HTTP instrumentation) the intake span is an INTERNAL child, not a second SERVER span', () => {
    const tracer = api.trace.getTracer('app');
    tracer.startActiveSpan('GET app', (outer) => {
      instrumentation().startServer('POST /webhooks/:source', {}, { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' }).end();
      outer.end();
    });
    const outer = byName('GET app');
    expect(byName('POST /webhooks/:source')).toMatchObject({ kind: SpanKind.INTERNAL, traceId: outer.traceId, parentSpanId: outer.spanId });
  });

  it('an INTERNAL span (a flow step) is a child of the active span, and the active span while its work runs', async () => {
    const consumer = instrumentation().startConsumer('process flows', {}, undefined);
    let seen: string | undefined;
    await consumer.run(async () => {
      const step = instrumentation().startInternal!('flow.step', { 'aiwire.flow.step': 'charge', 'aiwire.flow.attempt': 1, unset: undefined });
      seen = await step.run(async () => api.trace.getActiveSpan()?.spanContext().spanId);
      step.end({ error: new TypeError('card declined') });
    });
    consumer.end();
    const parent = byName('process flows');
    const step = byName('flow.step');
    expect(step).toMatchObject({ kind: SpanKind.INTERNAL, traceId: parent.traceId, parentSpanId: parent.spanId, status: { code: SpanStatusCode.ERROR } });
    expect(seen).toBe(step.spanId);
    expect(step.attributes).toEqual({ 'aiwire.flow.step': 'charge', 'aiwire.flow.attempt': 1, 'error.type': 'TypeError' });
  });

  it('a PRODUCER span is a child of the active span and carries its own context; the CONSUMER is its child and linked to it', () => {
    const tracer = api.trace.getTracer('app');
    const carrier = tracer.startActiveSpan('intake', (intake) => {
      const producer = instrumentation().startProducer('send webhooks', { 'messaging.system': 'bull' });
      producer.end();
      intake.end();
      return producer.carrier;
    });
    const producer = byName('send webhooks');
    expect(producer).toMatchObject({ kind: SpanKind.PRODUCER, parentSpanId: byName('intake').spanId });
    expect(carrier).toEqual({ traceparent: `00-${producer.traceId}-${producer.spanId}-01` });

    const consumer = instrumentation().startConsumer('process webhooks', { 'messaging.operation.type': 'process' }, carrier);
    consumer.run(() => expect(currentTraceIds()).toBeUndefined()); // trace ids in logs only once tracing is started (below)
    consumer.end();
    const processed = byName('process webhooks');
    expect(processed).toMatchObject({ kind: SpanKind.CONSUMER, traceId: producer.traceId, parentSpanId: producer.spanId, links: [{ traceId: producer.traceId, spanId: producer.spanId }] });
  });

  it('a CONSUMER span starts a new trace, without links, when its job carries no context or a malformed one', () => {
    const outer = api.trace.getTracer('app').startSpan('unrelated');
    api.context.with(api.trace.setSpan(api.context.active(), outer), () => {
      instrumentation().startConsumer('process none', {}, undefined).end();
      instrumentation().startConsumer('process bad', {}, { traceparent: 'not-a-traceparent' }).end();
    });
    outer.end();
    for (const name of ['process none', 'process bad']) {
      const span = byName(name);
      expect(span.parentSpanId).toBeUndefined();
      expect(span.traceId).not.toBe(outer.spanContext().traceId);
      expect(span.links).toEqual([]);
    }
  });

  it('ends a span once, and marks it failed with error.type: an Error by its name (with the exception), a string as it is', () => {
    const failed = instrumentation().startConsumer('failed', {}, undefined);
    failed.end({ error: new TypeError('handler broke') });
    failed.end();
    instrumentation().startServer('refused', {}, {}).end({ error: '503' });
    instrumentation().startServer('odd', {}, {}).end({ error: { weird: true } });
    expect(sdk.spans().filter((s) => s.name === 'failed')).toHaveLength(1);
    expect(byName('failed')).toMatchObject({ status: { code: SpanStatusCode.ERROR, message: 'handler broke' }, attributes: { 'error.type': 'TypeError' } });
    expect(sdk.exporter.getFinishedSpans().find((s) => s.name === 'failed')!.events.map((e) => e.name)).toEqual(['exception']);
    expect(byName('refused')).toMatchObject({ status: { code: SpanStatusCode.ERROR, message: '503' }, attributes: { 'error.type': '503' } });
    expect(byName('odd').attributes['error.type']).toBe('Error');
  });

  it('startTracing registers the instrumentation and trace ids once per process, until the last app stops', () => {
    expect(currentInstrumentation()).toBeUndefined();
    const first = startTracing(api);
    const second = startTracing(api);
    const registered = currentInstrumentation();
    expect(registered).toBeDefined();
    const span = api.trace.getTracer('app').startSpan('logged');
    api.context.with(api.trace.setSpan(api.context.active(), span), () => {
      expect(currentTraceIds()).toEqual({ trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
    });
    expect(currentTraceIds()).toBeUndefined(); // no active span
    first();
    first();
    expect(currentInstrumentation()).toBe(registered);
    second();
    expect(currentInstrumentation()).toBeUndefined();
    api.context.with(api.trace.setSpan(api.context.active(), span), () => expect(currentTraceIds()).toBeUndefined());
    span.end();
  });

  it('sees the registered context manager, and tells when there is none (the last test: it unregisters it)', () => {
    expect(hasContextManager(api)).toBe(true);
    api.context.disable();
    expect(hasContextManager(api)).toBe(false);
  });
});
