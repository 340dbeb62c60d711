import type { WebhookExecutionMessage, WebhookIntakeMessage } from '@aiwire/webhooks';
import type { AiCacheMessage, AiRequestMessage } from '@aiwire/ai';
import type { HttpAttemptMessage } from '@aiwire/connectors';
import type { AiwireMetrics } from './aiwire-metrics.js';
import type { BoundedValues } from './bounded-values.js';

/** The intake message; `type` is absent when the delivery was refused before its type was read. */
export type IntakeMessage = WebhookIntakeMessage & { readonly type?: string };

/** What the recorders write to; `types` bounds the event types counted per source. */
export interface MetricsSink {
  readonly metrics: AiwireMetrics;
  readonly types: BoundedValues;
}

/**
 * From one message of each channel to the metrics. Labels are bounded: configured names (source,
 * handler, connector, provider, model), route templates, fixed sets; never an id or a raw path.
 */
export const recorders = {
  intake({ metrics, types }: MetricsSink, message: IntakeMessage): void {
    const type = message.type ? types.value(message.source, message.type) : '';
    metrics.webhooksReceived.inc({ source: message.source, type, outcome: message.outcome });
  },

  /** Once per job attempt in the worker: a cached series, found by its label values (in `labelNames` order). */
  execution({ metrics, types }: MetricsSink, message: WebhookExecutionMessage): void {
    metrics.handlerDuration.series(message.source, types.value(message.source, message.type), message.handler, message.outcome).observe(message.durationMs / 1000);
  },

  /** Each request sent, retries included, as OTel's `http.client.request.duration`. */
  httpAttempt({ metrics }: MetricsSink, message: HttpAttemptMessage): void {
    const a = message.attributes;
    metrics.httpClientDuration.series(a['aiwire.connector.name'], a['http.request.method'], statusClass(a['http.response.status_code'])).observe(message.durationMs / 1000);
  },

  /** A call that reached a provider: duration, tokens and cost. A cached answer used none of them. */
  aiRequest({ metrics }: MetricsSink, message: AiRequestMessage): void {
    if (message.cached) return;
    const a = message.attributes;
    const operation = a['gen_ai.operation.name'];
    const provider = a['gen_ai.provider.name'];
    const model = a['gen_ai.request.model'];
    metrics.genAiDuration.series(operation, provider, model, a['error.type'] ?? '').observe(message.latencyMs / 1000);
    const input = a['gen_ai.usage.input_tokens'];
    const output = a['gen_ai.usage.output_tokens'];
    if (input !== undefined) metrics.genAiTokenUsage.series(operation, provider, model, 'input').observe(input);
    if (output !== undefined) metrics.genAiTokenUsage.series(operation, provider, model, 'output').observe(output);
    if (message.costUsd > 0) metrics.aiCost.inc({ provider: message.provider ?? a['gen_ai.provider.name'], model: a['gen_ai.request.model'] }, message.costUsd);
  },

  /** `shared` (answered by an identical call in flight) is a hit: no provider call was made for it. */
  aiCache({ metrics }: MetricsSink, message: AiCacheMessage): void {
    if (message.event === 'hit' || message.event === 'shared') metrics.aiCacheRequests.inc({ result: 'hit' });
    else if (message.event === 'miss') metrics.aiCacheRequests.inc({ result: 'miss' });
  },
};

/** `2xx`, `4xx`, ...; `error` when no answer came (timeout, network). */
export function statusClass(status: number | undefined): string {
  return status === undefined ? 'error' : `${Math.floor(status / 100)}xx`;
}
