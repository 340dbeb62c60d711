import { nowSeconds, prefixedId, uuid } from '../http/ids.js';
import type { EmittingService } from '../interfaces/sandbox.interface.js';
import type { OutboundDeliveryRecord } from '../interfaces/webhook-delivery.interface.js';
import { signed } from '../services/github/github.service.js';
import type { ServiceContext } from '../services/service-context.js';
import { buildWebhook } from './webhook-envelope.js';

/** Delivers one event to each matching subscription registered through the service's API. */
export function emitToSubscriptions(sc: ServiceContext, service: EmittingService, type: string, payload: object): Promise<OutboundDeliveryRecord[]> {
  const jobs: Promise<OutboundDeliveryRecord>[] = [];
  if (service === 'stripe') {
    for (const endpoint of sc.state.stripe.webhookEndpoints.values()) {
      if (endpoint.status !== 'enabled' || !(endpoint.enabled_events.includes(type) || endpoint.enabled_events.includes('*'))) continue;
      // One event (id, created) for all attempts; each attempt is signed afresh, as Stripe's retries are.
      const event = { id: prefixedId('evt_1', 23), type, payload, createdAt: nowSeconds() };
      jobs.push(sc.outbound.deliver('stripe', endpoint.url, type, () => buildWebhook('stripe', event, endpoint.secret)));
    }
  } else if (service === 'shopify') {
    for (const webhook of sc.state.shopify.webhooks.values()) {
      if (webhook.topic !== type) continue;
      const event = { id: uuid(), type, payload, createdAt: nowSeconds() };
      const options = { shopDomain: sc.credentials.shopDomain };
      jobs.push(sc.outbound.deliver('shopify', webhook.address, type, () => buildWebhook('shopify', event, sc.credentials.shopifyApiSecret, options)));
    }
  } else {
    const name = type.split('.')[0] ?? type;
    for (const record of sc.state.github.hooks.values()) {
      if (!record.hook.active || !(record.hook.events.includes(name) || record.hook.events.includes('*'))) continue;
      jobs.push(sc.outbound.deliver('github', record.hook.config.url, type, () => signed(record, type, payload)));
    }
  }
  return Promise.all(jobs);
}
