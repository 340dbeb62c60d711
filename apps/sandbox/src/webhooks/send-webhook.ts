import type { SendWebhookOptions, SignedWebhook, WebhookDeliveryResult, WebhookEventInput, WebhookSource } from '../interfaces/webhook-delivery.interface.js';
import { buildWebhook } from './webhook-envelope.js';

/** POSTs an already built delivery and reads the receiver's answer. */
export async function postWebhook(target: string, webhook: SignedWebhook, timeoutMs = 10_000, signal?: AbortSignal): Promise<WebhookDeliveryResult> {
  const signals = [AbortSignal.timeout(timeoutMs), ...(signal ? [signal] : [])];
  const res = await fetch(target, { method: 'POST', headers: webhook.headers, body: webhook.body, signal: AbortSignal.any(signals), redirect: 'manual' });
  const text = await res.text();
  let body: unknown = text;
  if ((res.headers.get('content-type') ?? '').includes('json')) {
    try {
      body = JSON.parse(text) as unknown;
    } catch {
      body = text;
    }
  }
  return { status: res.status, body, headers: Object.fromEntries(res.headers) };
}

/** Sends one correctly signed webhook to `target`, exactly as `source` would (one attempt, no retries). */
export function sendWebhook(target: string, source: WebhookSource, event: WebhookEventInput, secret: string, options: SendWebhookOptions = {}): Promise<WebhookDeliveryResult> {
  return postWebhook(target, buildWebhook(source, event, secret, options), options.timeoutMs);
}
