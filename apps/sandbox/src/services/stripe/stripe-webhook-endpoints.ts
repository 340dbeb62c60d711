import { decodeNestedForm } from '../../http/form-encoding.js';
import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply } from '../../http/route.js';
import { invalidParam, parameterMissing, parameterUnknown, resourceMissing, stripeError } from './stripe.errors.js';
import type { StripeState } from './stripe.state.js';

const KNOWN = new Set(['url', 'enabled_events', 'description', 'metadata', 'api_version', 'connect', 'expand']);
const EVENT_TYPE = /^(\*|[a-z_]+(\.[a-z_]+)+)$/;
/** Stripe's cap on webhook endpoints per account and mode. */
const MAX_ENDPOINTS = 16;

/** POST /v1/webhook_endpoints: the only answer that carries the signing `secret`. */
export function createWebhookEndpoint(state: StripeState, ctx: RequestContext): Reply {
  const params = decodeNestedForm(ctx.form());
  const unknown = Object.keys(params).find((k) => !KNOWN.has(k));
  if (unknown) return parameterUnknown(unknown);
  const { url, enabled_events: events, description, metadata, api_version: apiVersion } = params;
  if (typeof url !== 'string' || url === '') return parameterMissing('url');
  if (!isHttpUrl(url)) return invalidParam('url', `Invalid URL: ${url}`, 'url_invalid');
  if (!Array.isArray(events) || events.length === 0) return parameterMissing('enabled_events');
  const bad = events.findIndex((e) => typeof e !== 'string' || !EVENT_TYPE.test(e));
  if (bad >= 0) return invalidParam(`enabled_events[${bad}]`, `Invalid enabled_events[${bad}]: must be a valid event type or '*'`, 'parameter_invalid_string');
  if (metadata !== undefined && !isRecord(metadata)) return invalidParam('metadata', 'Invalid hash', 'parameter_invalid_string');
  if (state.webhookEndpoints.size >= MAX_ENDPOINTS) {
    return stripeError(400, { type: 'invalid_request_error', message: `You have reached the maximum of ${MAX_ENDPOINTS} test webhook endpoints.` });
  }
  const endpoint = state.createWebhookEndpoint({
    url,
    enabled_events: events as string[],
    ...(typeof description === 'string' && { description }),
    ...(isRecord(metadata) && { metadata: Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)])) }),
    ...(typeof apiVersion === 'string' && { api_version: apiVersion }),
  });
  return { status: 200, body: { ...endpoint } };
}

function isHttpUrl(text: string): boolean {
  try {
    const { protocol } = new URL(text);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

const UPDATABLE = new Set(['url', 'enabled_events', 'description', 'metadata', 'disabled', 'expand']);

/** POST /v1/webhook_endpoints/:id: changes url, events, description, metadata or `disabled`; the secret is not shown again. */
export function updateWebhookEndpoint(state: StripeState, ctx: RequestContext): Reply {
  const endpoint = state.webhookEndpoints.get(ctx.params.id ?? '');
  if (!endpoint) return resourceMissing('webhook endpoint', ctx.params.id ?? '');
  const params = decodeNestedForm(ctx.form());
  const unknown = Object.keys(params).find((k) => !UPDATABLE.has(k));
  if (unknown) return parameterUnknown(unknown);
  const { url, enabled_events: events, description, metadata, disabled } = params;
  if (url !== undefined && (typeof url !== 'string' || !isHttpUrl(url))) return invalidParam('url', `Invalid URL: ${String(url)}`, 'url_invalid');
  if (events !== undefined) {
    const bad = Array.isArray(events) ? events.findIndex((e) => typeof e !== 'string' || !EVENT_TYPE.test(e)) : 0;
    if (bad >= 0 || (events as unknown[]).length === 0) return invalidParam(`enabled_events[${Math.max(0, bad)}]`, `Invalid enabled_events[${Math.max(0, bad)}]: must be a valid event type or '*'`, 'parameter_invalid_string');
  }
  if (disabled !== undefined && disabled !== 'true' && disabled !== 'false') return invalidParam('disabled', 'Invalid boolean: ' + String(disabled), 'parameter_invalid_boolean');
  if (metadata !== undefined && !isRecord(metadata)) return invalidParam('metadata', 'Invalid hash', 'parameter_invalid_string');
  if (typeof url === 'string') endpoint.url = url;
  if (Array.isArray(events)) endpoint.enabled_events = events as string[];
  if (typeof description === 'string') endpoint.description = description;
  if (isRecord(metadata)) endpoint.metadata = { ...endpoint.metadata, ...Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)])) };
  if (disabled !== undefined) endpoint.status = disabled === 'true' ? 'disabled' : 'enabled';
  const { secret: _secret, ...shown } = endpoint;
  return { status: 200, body: shown };
}
