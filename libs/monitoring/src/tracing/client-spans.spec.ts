import * as api from '@opentelemetry/api';
import { createChannel } from '@aiwire/core';
import type { AiAttemptMessage } from '@aiwire/ai';
import type { HttpAttemptMessage } from '@aiwire/connectors';
import { registerInMemorySdk, type InMemorySdk } from '../../test/fixtures/tracing-sdk.js';
import { subscribeClientSpans } from './client-spans.js';

const { SpanKind, SpanStatusCode } = api;
// The libs' channels, by name, as monitoring subscribes to them.
const aiAttempts = createChannel<AiAttemptMessage>('aiwire:ai:attempt');
const httpAttempts = createChannel<HttpAttemptMessage>('aiwire:http:attempt');

const aiAttempt = (over: Partial<AiAttemptMessage> = {}): AiAttemptMessage => ({
  provider: 'openai',
  attempt: 1,
  outcome: 'success',
  status: 200,
  durationMs: 250,
  attributes: {
    'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.output.type': 'text',
    'gen_ai.response.finish_reasons': ['stop'], 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 5, 'server.address': 'api.openai.com', 'server.port': 443,
  },
  ...over,
});

const httpAttempt = (over: Partial<HttpAttemptMessage['attributes']> = {}, attempt = 1): HttpAttemptMessage => ({
  attempt,
  durationMs: 40,
  rateLimitWaitMs: 0,
  attributes: {
    'http.request.method': 'POST', 'url.template': '/api/chat.postMessage', 'url.full': 'https://slack.com/api/chat.postMessage', 'url.scheme': 'https',
    'server.address': 'slack.com', 'server.port': 443, 'http.response.status_code': 200, 'aiwire.connector.name': 'slack', 'aiwire.connector.service': 'slack', ...over,
  },
});

describe('CLIENT spans made from the AI and connector attempt messages', () => {
  let sdk: InMemorySdk;
  let unsubscribe: () => void;

  beforeAll(() => {
    sdk = registerInMemorySdk();
    unsubscribe = subscribeClientSpans(api);
  });
  afterAll(async () => {
    unsubscribe();
    await sdk.close();
  });
  beforeEach(() => sdk.exporter.reset());

  /** Publishes as the libs do: synchronously, inside the caller's span. */
  function inHandlerSpan(publish: () => void): { traceId: string; spanId: string } {
    const handler = api.trace.getTracer('app').startSpan('handler');
    api.context.with(api.trace.setSpan(api.context.active(), handler), publish);
    handler.end();
    return handler.spanContext();
  }

  it('an AI attempt: "{operation} {model}", CLIENT, child of the active span, gen_ai.* attributes, back-dated by its duration', () => {
    const before = performance.timeOrigin + performance.now();
    const parent = inHandlerSpan(() => aiAttempts.publish(aiAttempt()));
    const [span] = sdk.spans().filter((s) => s.name === 'chat gpt-4o-mini');
    expect(span).toMatchObject({ kind: SpanKind.CLIENT, traceId: parent.traceId, parentSpanId: parent.spanId, status: { code: SpanStatusCode.UNSET }, scope: '@aiwire/monitoring' });
    expect(span!.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.response.finish_reasons': ['stop'],
      'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 5, 'server.address': 'api.openai.com', 'http.response.status_code': 200, 'aiwire.ai.provider': 'openai',
    });
    expect(span!.endMs - span!.startMs).toBeCloseTo(250, 0);
    expect(span!.startMs).toBeLessThan(before);
  });

  it('a failed or retried AI attempt is an error span typed by error.type, else by its reason', () => {
    inHandlerSpan(() => {
      aiAttempts.publish(aiAttempt({ outcome: 'retry', status: 429, attributes: { ...aiAttempt().attributes, 'error.type': '429' } }));
      aiAttempts.publish(aiAttempt({ outcome: 'failed', status: undefined, reason: 'deadline', attempt: 2 }));
    });
    const spans = sdk.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(spans.map((s) => [s.status.code, s.attributes['error.type']])).toEqual([[SpanStatusCode.ERROR, '429'], [SpanStatusCode.ERROR, 'deadline']]);
    expect(spans[1]!.attributes).not.toHaveProperty('http.response.status_code');
  });

  it('a connector request: "{method} {url.template}", CLIENT, child of the active span, with its http.* attributes', () => {
    const parent = inHandlerSpan(() => httpAttempts.publish(httpAttempt()));
    const [span] = sdk.spans().filter((s) => s.name === 'POST /api/chat.postMessage');
    expect(span).toMatchObject({ kind: SpanKind.CLIENT, traceId: parent.traceId, parentSpanId: parent.spanId, status: { code: SpanStatusCode.UNSET } });
    expect(span!.attributes).toMatchObject({ 'http.request.method': 'POST', 'url.template': '/api/chat.postMessage', 'http.response.status_code': 200, 'server.address': 'slack.com', 'aiwire.connector.name': 'slack' });
    expect(span!.endMs - span!.startMs).toBeCloseTo(40, 0);
  });

  it('a connector request that failed (a 503, a timeout) is an error span; its retry says resend_count', () => {
    inHandlerSpan(() => {
      httpAttempts.publish(httpAttempt({ 'http.response.status_code': 503, 'error.type': '503' }));
      httpAttempts.publish(httpAttempt({ 'http.response.status_code': undefined, 'error.type': 'timeout', 'http.request.resend_count': 1 }, 2));
    });
    const spans = sdk.spans().filter((s) => s.kind === SpanKind.CLIENT);
    expect(spans.map((s) => [s.status.code, s.attributes['error.type'], s.attributes['http.request.resend_count']])).toEqual([[SpanStatusCode.ERROR, '503', undefined], [SpanStatusCode.ERROR, 'timeout', 1]]);
  });

  it('makes no span once unsubscribed', () => {
    const off = subscribeClientSpans(api);
    off();
    unsubscribe();
    inHandlerSpan(() => {
      aiAttempts.publish(aiAttempt());
      httpAttempts.publish(httpAttempt());
    });
    expect(sdk.spans().filter((s) => s.kind === SpanKind.CLIENT)).toEqual([]);
    unsubscribe = subscribeClientSpans(api);
  });
});
