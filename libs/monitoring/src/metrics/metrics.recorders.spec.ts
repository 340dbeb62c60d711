import { Registry } from 'prom-client';
import type { AiRequestMessage, GenAiAttributes } from '@aiwire/ai';
import type { HttpAttemptMessage, HttpAttributes } from '@aiwire/connectors';
import { createAiwireMetrics } from './aiwire-metrics.js';
import { BoundedValues } from './bounded-values.js';
import { recorders, statusClass, type MetricsSink } from './metrics.recorders.js';

/** The value of one series: a counter's value, or a histogram's `_count`/`_sum`. */
async function valueOf(registry: Registry, name: string, labels: Record<string, string>): Promise<number | undefined> {
  const metric = await registry.getSingleMetricAsString(name.replace(/_(count|sum)$/, '')).catch(() => '');
  const wanted = `${name}{${Object.entries(labels).map(([k, v]) => `${k}="${v}"`).join(',')}}`;
  const line = metric.split('\n').find((l) => l.startsWith(`${wanted} `));
  return line === undefined ? undefined : Number(line.slice(wanted.length + 1));
}

function sinkFor(options: { buckets?: number[]; types?: number } = {}): { registry: Registry; sink: MetricsSink } {
  const registry = new Registry();
  const metrics = createAiwireMetrics(registry, { defaultMetrics: false, buckets: options.buckets }, { queueJobs: async () => undefined, circuitState: () => undefined });
  return { registry, sink: { metrics, types: new BoundedValues(options.types ?? 200) } };
}

const genAi = (extra: Partial<GenAiAttributes> = {}): GenAiAttributes => ({ 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.output.type': 'text', ...extra });
const aiRequest = (extra: Partial<AiRequestMessage> = {}): AiRequestMessage => ({ provider: 'primary', outcome: 'success', cached: false, attempts: 1, latencyMs: 1500, costUsd: 0.002, fallbacks: 0, attributes: genAi({ 'gen_ai.usage.input_tokens': 12, 'gen_ai.usage.output_tokens': 30 }), ...extra });
const http = (status: number | undefined, method = 'GET'): HttpAttemptMessage => ({
  attributes: { 'http.request.method': method, 'url.template': '/v1/customers/{id}', 'url.full': 'https://api.stripe.com/v1/customers/cus_1', 'url.scheme': 'https', 'server.address': 'api.stripe.com', 'server.port': 443, 'aiwire.connector.name': 'stripe', 'aiwire.connector.service': 'stripe', ...(status !== undefined && { 'http.response.status_code': status }) } as HttpAttributes,
  attempt: 1,
  durationMs: 40,
  rateLimitWaitMs: 0,
});

describe('recorders', () => {
  it('counts intake outcomes by source, type and outcome; a refused delivery has type ""', async () => {
    const { registry, sink } = sinkFor();
    recorders.intake(sink, { source: 'stripe', type: 'charge.succeeded', status: 202, outcome: 'accepted', eventId: 'evt_1', durationMs: 1 });
    recorders.intake(sink, { source: 'stripe', type: 'charge.succeeded', status: 200, outcome: 'duplicate', eventId: 'evt_1', durationMs: 1 });
    recorders.intake(sink, { source: 'stripe', type: undefined, status: 401, outcome: 'invalid_signature', eventId: undefined, durationMs: 1 });
    recorders.intake(sink, { source: '(unknown)', type: undefined, status: 404, outcome: 'unknown_source', eventId: undefined, durationMs: 1 });
    recorders.intake(sink, { source: '(unknown)', type: undefined, status: 404, outcome: 'unknown_source', eventId: undefined, durationMs: 1 });
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'stripe', type: 'charge.succeeded', outcome: 'accepted' })).toBe(1);
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'stripe', type: 'charge.succeeded', outcome: 'duplicate' })).toBe(1);
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'stripe', type: '', outcome: 'invalid_signature' })).toBe(1);
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: '(unknown)', type: '', outcome: 'unknown_source' })).toBe(2);
    expect(await registry.getSingleMetricAsString('aiwire_webhooks_received_total')).not.toContain('evt_1');
  });

  it('counts event types beyond the limit per source as (other), in both webhook metrics', async () => {
    const { registry, sink } = sinkFor({ types: 2 });
    for (const type of ['a', 'b', 'c', 'd', 'a']) recorders.intake(sink, { source: 'gh', type, status: 202, outcome: 'accepted', eventId: type, durationMs: 1 });
    recorders.intake(sink, { source: 'other', type: 'c', status: 202, outcome: 'accepted', eventId: 'x', durationMs: 1 });
    recorders.execution(sink, { source: 'gh', type: 'e', eventId: 'e1', handler: 'H.m', attempt: 1, outcome: 'completed', durationMs: 5 });
    const text = await registry.getSingleMetricAsString('aiwire_webhooks_received_total');
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'gh', type: 'a', outcome: 'accepted' })).toBe(2);
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'gh', type: '(other)', outcome: 'accepted' })).toBe(2);
    expect(await valueOf(registry, 'aiwire_webhooks_received_total', { source: 'other', type: 'c', outcome: 'accepted' })).toBe(1);
    expect(text).not.toContain('type="d"');
    expect(await valueOf(registry, 'aiwire_webhook_handler_duration_seconds_count', { source: 'gh', type: '(other)', handler: 'H.m', outcome: 'completed' })).toBe(1);
  });

  it('observes handler executions in seconds, by outcome', async () => {
    const { registry, sink } = sinkFor();
    recorders.execution(sink, { source: 'stripe', type: 'charge.succeeded', eventId: 'evt_1', handler: 'Billing.onCharge', attempt: 1, outcome: 'retrying', durationMs: 20, error: 'boom' });
    recorders.execution(sink, { source: 'stripe', type: 'charge.succeeded', eventId: 'evt_1', handler: 'Billing.onCharge', attempt: 2, outcome: 'completed', durationMs: 300 });
    const labels = { source: 'stripe', type: 'charge.succeeded', handler: 'Billing.onCharge' };
    expect(await valueOf(registry, 'aiwire_webhook_handler_duration_seconds_count', { ...labels, outcome: 'retrying' })).toBe(1);
    expect(await valueOf(registry, 'aiwire_webhook_handler_duration_seconds_sum', { ...labels, outcome: 'completed' })).toBeCloseTo(0.3, 6);
    const text = await registry.getSingleMetricAsString('aiwire_webhook_handler_duration_seconds');
    expect(text).toContain('aiwire_webhook_handler_duration_seconds_bucket{le="0.25",source="stripe",type="charge.succeeded",handler="Billing.onCharge",outcome="completed"} 0');
    expect(text).toContain('aiwire_webhook_handler_duration_seconds_bucket{le="0.5",source="stripe",type="charge.succeeded",handler="Billing.onCharge",outcome="completed"} 1');
    expect(text).toContain('le="60"');
  });

  it('observes each connector request by connector, method and status class; no answer is "error"', async () => {
    const { registry, sink } = sinkFor();
    for (const m of [http(200), http(404), http(503), http(undefined), http(201, 'POST')]) recorders.httpAttempt(sink, m);
    for (const [method, status_class] of [['GET', '2xx'], ['GET', '4xx'], ['GET', '5xx'], ['GET', 'error'], ['POST', '2xx']]) {
      expect(await valueOf(registry, 'http_client_request_duration_seconds_count', { connector: 'stripe', method: method!, status_class: status_class! })).toBe(1);
    }
    const text = await registry.getSingleMetricAsString('http_client_request_duration_seconds');
    expect(text).not.toContain('cus_1');
    expect(text).toContain('le="0.075"');
    expect(statusClass(302)).toBe('3xx');
  });

  it('records an AI call: duration, input and output tokens, cost; a cached answer records nothing', async () => {
    const { registry, sink } = sinkFor();
    recorders.aiRequest(sink, aiRequest());
    recorders.aiRequest(sink, aiRequest({ cached: true, costUsd: 0, attempts: 0 }));
    const model = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini' };
    expect(await valueOf(registry, 'gen_ai_client_operation_duration_seconds_count', { ...model, error_type: '' })).toBe(1);
    expect(await valueOf(registry, 'gen_ai_client_operation_duration_seconds_sum', { ...model, error_type: '' })).toBe(1.5);
    expect(await valueOf(registry, 'gen_ai_client_token_usage_sum', { ...model, gen_ai_token_type: 'input' })).toBe(12);
    expect(await valueOf(registry, 'gen_ai_client_token_usage_sum', { ...model, gen_ai_token_type: 'output' })).toBe(30);
    expect(await valueOf(registry, 'gen_ai_client_token_usage_count', { ...model, gen_ai_token_type: 'output' })).toBe(1);
    expect(await valueOf(registry, 'aiwire_ai_cost_usd_total', { provider: 'primary', model: 'gpt-4o-mini' })).toBe(0.002);
    const tokens = await registry.getSingleMetricAsString('gen_ai_client_token_usage');
    expect(tokens).toContain('gen_ai_client_token_usage_bucket{le="16",gen_ai_operation_name="chat",gen_ai_provider_name="openai",gen_ai_request_model="gpt-4o-mini",gen_ai_token_type="input"} 1');
    expect(tokens).toContain('le="67108864"');
  });

  it('labels a failed AI call with its error type and records no tokens or cost for it', async () => {
    const { registry, sink } = sinkFor();
    recorders.aiRequest(sink, aiRequest({ provider: undefined, outcome: 'error', costUsd: 0, attributes: genAi({ 'error.type': 'AiUnavailableError' }) }));
    const model = { gen_ai_operation_name: 'chat', gen_ai_provider_name: 'openai', gen_ai_request_model: 'gpt-4o-mini' };
    expect(await valueOf(registry, 'gen_ai_client_operation_duration_seconds_count', { ...model, error_type: 'AiUnavailableError' })).toBe(1);
    expect(await registry.getSingleMetricAsString('gen_ai_client_token_usage')).not.toContain('_count{');
    expect(await registry.getSingleMetricAsString('aiwire_ai_cost_usd_total')).not.toContain('provider=');
  });

  it('counts cache hits (shared answers included) and misses, and nothing else', async () => {
    const { registry, sink } = sinkFor();
    for (const event of ['hit', 'shared', 'miss', 'store', 'error', 'hit'] as const) recorders.aiCache(sink, { event, key: 'aiwire:ai:cache:abc', durationMs: 1 });
    expect(await valueOf(registry, 'aiwire_ai_cache_requests_total', { result: 'hit' })).toBe(3);
    expect(await valueOf(registry, 'aiwire_ai_cache_requests_total', { result: 'miss' })).toBe(1);
    expect(await registry.getSingleMetricAsString('aiwire_ai_cache_requests_total')).not.toContain('abc');
  });

  it('uses the configured buckets for every duration histogram, and the OTel token buckets still', async () => {
    const { registry, sink } = sinkFor({ buckets: [0.5, 2] });
    recorders.aiRequest(sink, aiRequest());
    recorders.httpAttempt(sink, http(200));
    const text = await registry.metrics();
    expect(text).toContain('http_client_request_duration_seconds_bucket{le="2",connector="stripe",method="GET",status_class="2xx"} 1');
    expect(text).not.toContain('http_client_request_duration_seconds_bucket{le="0.005"');
    expect(text).toContain('gen_ai_client_operation_duration_seconds_bucket{le="0.5",');
    expect(text).not.toContain('gen_ai_client_operation_duration_seconds_bucket{le="0.01"');
    expect(text).toContain('gen_ai_client_token_usage_bucket{le="4",');
  });
});
