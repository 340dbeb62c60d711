import type { AiRequestMessage } from '@aiwire/ai';
import type { HttpCallMessage } from '@aiwire/connectors';
import type { WebhookExecutionMessage, WebhookIntakeMessage } from '@aiwire/webhooks';
import type { MonitoringAlertMetric } from '../interfaces/monitoring-module-options.interface.js';

/** One event as a counter rule sees it: where it came from and why, or undefined when the metric does not count it. */
export interface CountedEvent {
  readonly source: string | undefined;
  readonly reason: string | undefined;
}

/** What a counter metric listens to and how it reads a message. */
export interface AlertMetricSpec {
  /** The diagnostics channel, subscribed by name (the lib that publishes it is an optional peer). */
  readonly channel: string;
  /** What `source` names for this metric. */
  readonly source: string;
  /** Accepted `reason` spellings → the reason as classified; empty when the metric takes no reason. */
  readonly reasons: Readonly<Record<string, string>>;
  readonly classify: (message: unknown) => CountedEvent | undefined;
}

/** Intake outcomes that refuse a delivery (`intake-replies.ts` of @aiwire/webhooks), and `signature` for the first. */
const REJECTIONS = [
  'invalid_signature', 'forbidden', 'payload_too_large', 'invalid_json', 'rate_limited', 'unknown_source', 'unavailable',
  'missing_event_id', 'missing_event_type', 'event_id_too_long', 'event_type_too_long', 'too_deeply_nested',
  'unstorable_payload', 'internal_error', 'raw_body_unavailable',
] as const;

const HTTP_REASONS = ['timeout', 'network', 'rate_limited', 'client_error', 'server_error', 'provider_error', 'circuit_open'] as const;

const identity = (names: readonly string[]): Record<string, string> => Object.fromEntries(names.map((n) => [n, n]));

/** Why a connector call failed, in a few stable words: from its `error.type` (status, `timeout`, network code, provider code) and error name. */
export function httpErrorReason(message: HttpCallMessage): (typeof HTTP_REASONS)[number] {
  if (message.error?.name === 'CircuitOpenError') return 'circuit_open';
  const type = message.attributes['error.type'];
  if (type === 'timeout') return 'timeout';
  if (type === '429') return 'rate_limited';
  if (type !== undefined && /^5\d\d$/.test(type)) return 'server_error';
  if (type !== undefined && /^4\d\d$/.test(type)) return 'client_error';
  if (message.attributes['http.response.status_code'] !== undefined) return 'provider_error';
  return 'network';
}

/** Every metric a counter rule can name. */
export const ALERT_METRICS: Readonly<Record<MonitoringAlertMetric, AlertMetricSpec>> = {
  webhook_rejected: {
    channel: 'aiwire:webhook:intake',
    source: 'a webhook source name',
    reasons: { ...identity(REJECTIONS), signature: 'invalid_signature' },
    classify: (m) => {
      const { status, source, outcome } = m as WebhookIntakeMessage;
      return status >= 400 ? { source, reason: outcome } : undefined;
    },
  },
  webhook_dead: {
    channel: 'aiwire:webhook:execution',
    source: 'a webhook source name',
    reasons: {},
    classify: (m) => ((m as WebhookExecutionMessage).outcome === 'dead' ? { source: (m as WebhookExecutionMessage).source, reason: undefined } : undefined),
  },
  ai_error: {
    channel: 'aiwire:ai:request',
    source: 'an AI provider name',
    reasons: {},
    classify: (m) => ((m as AiRequestMessage).outcome === 'error' ? { source: (m as AiRequestMessage).provider, reason: undefined } : undefined),
  },
  http_error: {
    channel: 'aiwire:http:call',
    source: 'a connector name',
    reasons: identity(HTTP_REASONS),
    classify: (m) => {
      const call = m as HttpCallMessage;
      return call.outcome === 'error' ? { source: call.attributes['aiwire.connector.name'], reason: httpErrorReason(call) } : undefined;
    },
  },
};

/** The channel the `aiCostUsd` rules read (`costUsd` of every AI call). */
export const AI_COST_CHANNEL = 'aiwire:ai:request';
