import * as api from '@opentelemetry/api';
import { createOtelInstrumentation } from './otel-instrumentation.js';
import { fromCarrier, toCarrier } from './trace-carrier.js';
import { loadOtelApi } from './otel-api.js';
import { currentTraceIds, enableTraceIds } from './trace-ids.js';

const TRACE_ID = '4bf92f3577b34da6a3ce929d0e0e4736';
const SPAN_ID = '00f067aa0ba902b7';

describe('the trace context a job carries (no SDK registered in this file)', () => {
  it('writes W3C traceparent and tracestate, and reads them back as a remote context', () => {
    const context = { traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, traceState: api.createTraceState('vendor=a,other=b') };
    const carrier = toCarrier(context);
    expect(carrier).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-01`, tracestate: 'vendor=a,other=b' });
    const read = fromCarrier(api, carrier);
    expect(read).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 1, isRemote: true });
    expect(read?.traceState?.serialize()).toBe('vendor=a,other=b');
  });

  it('leaves tracestate out when there is none, and keeps an unsampled flag', () => {
    expect(toCarrier({ traceId: TRACE_ID, spanId: SPAN_ID, traceFlags: 0 })).toEqual({ traceparent: `00-${TRACE_ID}-${SPAN_ID}-00` });
  });

  it.each([
    ['absent', undefined],
    ['not a string', { traceparent: 42 }],
    ['garbage', { traceparent: 'hello' }],
    ['upper-case hex', { traceparent: `00-${TRACE_ID.toUpperCase()}-${SPAN_ID}-01` }],
    ['version ff', { traceparent: `ff-${TRACE_ID}-${SPAN_ID}-01` }],
    ['version 00 with extra fields', { traceparent: `00-${TRACE_ID}-${SPAN_ID}-01-extra` }],
    ['an all-zero trace id', { traceparent: `00-${'0'.repeat(32)}-${SPAN_ID}-01` }],
    ['an all-zero span id', { traceparent: `00-${TRACE_ID}-${'0'.repeat(16)}-01` }],
  ])('reads no context from a carrier that is %s', (_case, carrier) => {
    expect(fromCarrier(api, carrier as never)).toBeUndefined();
  });

  it('reads a later version, whose extra fields it ignores', () => {
    expect(fromCarrier(api, { traceparent: `01-${TRACE_ID}-${SPAN_ID}-01-future` })).toMatchObject({ traceId: TRACE_ID, spanId: SPAN_ID });
  });

  it('gives a PRODUCER span no carrier when no SDK makes real spans, so the job data stays as untraced', () => {
    const producer = createOtelInstrumentation(api).startProducer('send webhooks', {});
    expect(producer.carrier).toBeUndefined();
    producer.end();
  });

  it('puts no trace ids in log lines without an SDK, even with tracing on', () => {
    const off = enableTraceIds(api.trace);
    try {
      expect(currentTraceIds()).toBeUndefined();
    } finally {
      off();
    }
  });

  it('loads @opentelemetry/api, and reports an absent package as undefined rather than failing', async () => {
    expect((await loadOtelApi())?.trace).toBeDefined();
    expect(await loadOtelApi('@aiwire/no-such-package-for-tracing')).toBeUndefined();
  });

  it('throws when the package is there but fails to load: a broken install is not an absent one', async () => {
    await expect(loadOtelApi('data:text/javascript,throw new Error("broken install")')).rejects.toThrow('broken install');
  });
});
