import { Counter, Gauge, type Registry } from 'prom-client';
import { BUCKETS } from './metric-buckets.js';
import type { ResolvedMetricsOptions } from './metrics.options.js';
import { SeriesHistogram } from './series-histogram.js';

/**
 * Every metric of the module, registered in its registry. Names and labels are part of the public API.
 * The histograms are prom-client Histograms with cached series (`series(...)`) for the recorders.
 */
export interface AiwireMetrics {
  readonly webhooksReceived: Counter<'source' | 'type' | 'outcome'>;
  readonly handlerDuration: SeriesHistogram<'source' | 'type' | 'handler' | 'outcome'>;
  readonly queueJobs: Gauge<'queue' | 'state'>;
  readonly httpClientDuration: SeriesHistogram<'connector' | 'method' | 'status_class'>;
  readonly genAiTokenUsage: SeriesHistogram<'gen_ai_operation_name' | 'gen_ai_provider_name' | 'gen_ai_request_model' | 'gen_ai_token_type'>;
  readonly genAiDuration: SeriesHistogram<'gen_ai_operation_name' | 'gen_ai_provider_name' | 'gen_ai_request_model' | 'error_type'>;
  readonly aiCost: Counter<'provider' | 'model'>;
  readonly aiCacheRequests: Counter<'result'>;
  readonly circuitState: Gauge<'name'>;
}

const GEN_AI = ['gen_ai_operation_name', 'gen_ai_provider_name', 'gen_ai_request_model'] as const;

/** Creates the metrics in `registry`; the two gauges are filled at scrape time by `collectors`. */
export function createAiwireMetrics(
  registry: Registry,
  options: ResolvedMetricsOptions,
  collectors: { queueJobs: (gauge: Gauge<'queue' | 'state'>) => Promise<void>; circuitState: (gauge: Gauge<'name'>) => void },
): AiwireMetrics {
  const registers = [registry];
  const seconds = (own: readonly number[]): number[] => [...(options.buckets ?? own)];
  return {
    webhooksReceived: new Counter({ name: 'aiwire_webhooks_received_total', help: 'Webhook deliveries answered by the intake, by outcome (accepted, duplicate, invalid_signature, rate_limited, ...).', labelNames: ['source', 'type', 'outcome'], registers }),
    handlerDuration: new SeriesHistogram({ name: 'aiwire_webhook_handler_duration_seconds', help: 'Duration of webhook handler executions (each attempt), by outcome (completed, retrying, dead).', labelNames: ['source', 'type', 'handler', 'outcome'], buckets: seconds(BUCKETS.handlerSeconds), registers }),
    queueJobs: new Gauge({ name: 'aiwire_queue_jobs', help: 'Jobs of each Bull queue by state (waiting, active, delayed, failed; dead: dead letters of the webhooks queue), read at scrape time.', labelNames: ['queue', 'state'], registers, collect() { return collectors.queueJobs(this); } }),
    httpClientDuration: new SeriesHistogram({ name: 'http_client_request_duration_seconds', help: 'Duration of HTTP requests sent by connectors (each attempt).', labelNames: ['connector', 'method', 'status_class'], buckets: seconds(BUCKETS.httpClientSeconds), registers }),
    genAiTokenUsage: new SeriesHistogram({ name: 'gen_ai_client_token_usage', help: 'Tokens used per AI call (not cached), by token type (input, output).', labelNames: [...GEN_AI, 'gen_ai_token_type'], buckets: [...BUCKETS.genAiTokens], registers }),
    genAiDuration: new SeriesHistogram({ name: 'gen_ai_client_operation_duration_seconds', help: 'Duration of AI calls that reached a provider (retries and fallbacks included).', labelNames: [...GEN_AI, 'error_type'], buckets: seconds(BUCKETS.genAiSeconds), registers }),
    aiCost: new Counter({ name: 'aiwire_ai_cost_usd_total', help: 'Estimated cost of AI calls in US dollars.', labelNames: ['provider', 'model'], registers }),
    aiCacheRequests: new Counter({ name: 'aiwire_ai_cache_requests_total', help: 'AI cache lookups: hit (stored, or shared with an identical call in flight) or miss.', labelNames: ['result'], registers }),
    circuitState: new Gauge({ name: 'aiwire_circuit_state', help: 'Circuit breaker state of each connector that has one: 0 closed, 1 half-open, 2 open.', labelNames: ['name'], registers, collect() { collectors.circuitState(this); } }),
  };
}
