import { signWebhook } from '@aiwire/webhooks/testing';
import { base62, nowSeconds, prefixedId, uuid } from '../http/ids.js';
import { DEFAULT_CREDENTIALS, SHOPIFY_API_VERSION, STRIPE_API_VERSION } from '../sandbox.constants.js';
import type { SendWebhookOptions, SignedWebhook, WebhookEventInput, WebhookSource } from '../interfaces/webhook-delivery.interface.js';

type Built = { id: string; body: string; headers: Record<string, string>; sign: Parameters<typeof signWebhook>[3] };

/**
 * The delivery a provider would make for `event`: its envelope, its headers, and the
 * signature from `signWebhook` over exactly the bytes that are sent.
 */
export function buildWebhook(source: WebhookSource, event: WebhookEventInput, secret: string, options: SendWebhookOptions = {}): SignedWebhook {
  const timestamp = options.timestamp ?? nowSeconds();
  const built = BUILDERS[source](event, { signed: timestamp, created: event.createdAt ?? timestamp }, options);
  const signed = lowerKeys(signWebhook(source, secret, built.body, built.sign));
  if (source === 'hmac-sha256' && signed['x-signature'] && !signed['x-signature'].startsWith('sha256=')) {
    signed['x-signature'] = `sha256=${signed['x-signature']}`;
  }
  // The signer's headers are generic; the envelope's own (shop domain, hook id, ...) describe this delivery.
  const headers = { ...signed, ...lowerKeys(built.headers), ...(options.contentType === 'form' && { 'content-type': 'application/x-www-form-urlencoded' }) };
  return { id: built.id, body: built.body, headers };
}

/** When a delivery is signed, and when its event happened (the same unless `createdAt` is given), in unix seconds. */
interface Times {
  readonly signed: number;
  readonly created: number;
}

const BUILDERS: Record<WebhookSource, (event: WebhookEventInput, at: Times, options: SendWebhookOptions) => Built> = {
  stripe(event, at) {
    const id = event.id ?? prefixedId('evt_1', 23);
    const envelope = {
      id,
      object: 'event',
      api_version: STRIPE_API_VERSION,
      created: at.created,
      data: { object: event.payload },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type: event.type,
    };
    // Stripe sends pretty-printed JSON: receivers must verify the raw bytes, not a re-serialisation.
    const body = JSON.stringify(envelope, null, 2);
    return { id, body, headers: { 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' }, sign: { timestamp: at.signed } };
  },
  github(event, _at, options) {
    const id = event.id ?? uuid();
    const [name = event.type, action] = event.type.split(/\.(.*)/s);
    const payload = action ? { action, ...event.payload } : event.payload;
    const json = JSON.stringify(payload);
    const body = options.contentType === 'form' ? `payload=${encodeURIComponent(json)}` : json;
    const headers: Record<string, string> = {
      'User-Agent': `GitHub-Hookshot/${base62(7).toLowerCase()}`,
      'X-GitHub-Event': name,
      'X-GitHub-Delivery': id,
      'X-GitHub-Hook-Installation-Target-Type': 'repository',
      ...(options.hookId !== undefined && { 'X-GitHub-Hook-ID': String(options.hookId) }),
    };
    return { id, body, headers, sign: { id, type: name } };
  },
  shopify(event, at, options) {
    const id = event.id ?? uuid();
    const headers = {
      'X-Shopify-Topic': event.type,
      'X-Shopify-Webhook-Id': id,
      'X-Shopify-Event-Id': uuid(),
      'X-Shopify-Shop-Domain': options.shopDomain ?? DEFAULT_CREDENTIALS.shopDomain,
      'X-Shopify-API-Version': SHOPIFY_API_VERSION,
      'X-Shopify-Triggered-At': new Date(at.created * 1000).toISOString(),
      'User-Agent': 'Shopify-Captain-Hook',
    };
    return { id, body: JSON.stringify(event.payload), headers, sign: { id, type: event.type, timestamp: at.signed } };
  },
  slack(event, at) {
    const id = event.id ?? `Ev${base62(9).toUpperCase()}`;
    const envelope =
      event.type === 'url_verification'
        ? { token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl', challenge: (event.payload as { challenge?: string }).challenge ?? base62(48), type: 'url_verification' }
        : {
            token: 'Jhj5dZrVaK7ZwHHjRyZWjbDl',
            team_id: 'T0AIWSANDBX',
            api_app_id: 'A0AIWAPP001',
            event: { type: event.type, event_ts: `${at.created}.000100`, ...event.payload },
            type: 'event_callback',
            event_id: id,
            event_time: at.created,
            authorizations: [{ enterprise_id: null, team_id: 'T0AIWSANDBX', user_id: 'U0AIWBOT001', is_bot: true, is_enterprise_install: false }],
            is_ext_shared_channel: false,
            event_context: `4-${base62(40)}`,
          };
    return { id, body: JSON.stringify(envelope), headers: { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' }, sign: { timestamp: at.signed } };
  },
  standard(event, at) {
    const id = event.id ?? `msg_${base62(27)}`;
    const body = JSON.stringify({ type: event.type, timestamp: new Date(at.created * 1000).toISOString(), data: event.payload });
    return { id, body, headers: {}, sign: { id, timestamp: at.signed } };
  },
  'hmac-sha256'(event, at) {
    const id = event.id ?? prefixedId('evt_', 20);
    const body = JSON.stringify({ id, event_type: event.type, created_at: new Date(at.created * 1000).toISOString(), data: event.payload });
    return { id, body, headers: { 'User-Agent': 'Helpdesk-Webhooks/1.0' }, sign: { header: 'x-signature', timestamp: at.signed } };
  },
};

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}
