import { createChannel, type ChannelListener } from '@aiwire/core';
import type { WebhookExecutionMessage } from '@aiwire/webhooks';
import type { AiCacheMessage, AiRequestMessage } from '@aiwire/ai';
import type { HttpAttemptMessage } from '@aiwire/connectors';
import { recorders, type IntakeMessage, type MetricsSink } from './metrics.recorders.js';

/**
 * Subscribes the recorders to the channels they read, by name (the libs publishing them are
 * optional); returns what unsubscribes them. A listener that throws never reaches the publisher.
 */
export function subscribeMetrics(sink: MetricsSink): () => void {
  const off = [
    on<IntakeMessage>('aiwire:webhook:intake', (m) => recorders.intake(sink, m)),
    on<WebhookExecutionMessage>('aiwire:webhook:execution', (m) => recorders.execution(sink, m)),
    on<HttpAttemptMessage>('aiwire:http:attempt', (m) => recorders.httpAttempt(sink, m)),
    on<AiRequestMessage>('aiwire:ai:request', (m) => recorders.aiRequest(sink, m)),
    on<AiCacheMessage>('aiwire:ai:cache', (m) => recorders.aiCache(sink, m)),
  ];
  return () => off.forEach((unsubscribe) => unsubscribe());
}

function on<T>(name: string, listener: ChannelListener<T>): () => void {
  const channel = createChannel<T>(name);
  channel.subscribe(listener);
  return () => channel.unsubscribe(listener);
}
