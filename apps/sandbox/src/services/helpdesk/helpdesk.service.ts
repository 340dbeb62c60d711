import { nowSeconds, prefixedId } from '../../http/ids.js';
import { isRecord, type RequestContext } from '../../http/request-context.js';
import type { Reply, SandboxService } from '../../http/route.js';
import { buildWebhook } from '../../webhooks/webhook-envelope.js';
import type { ServiceContext } from '../service-context.js';
import type { HelpdeskEventType, HelpdeskState } from './helpdesk.state.js';

const EVENTS: readonly HelpdeskEventType[] = ['review.created', 'ticket.created'];
const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

const error = (status: number, code: string, message: string, headers?: Record<string, string>): Reply => ({
  status,
  body: { error: { code, message } },
  ...(headers && { headers }),
});

type Body = Record<string, unknown>;

/** A generic review/helpdesk platform: its API creates reviews and tickets and tells subscribers, signed `sha256=<hex>`. */
export function createHelpdeskService(sc: ServiceContext): SandboxService {
  const state = sc.state.helpdesk;
  const notify = (type: HelpdeskEventType, data: object) => {
    for (const sub of state.subscriptions.values()) {
      if (!sub.events.includes(type)) continue;
      // One id and one created_at for every attempt; each attempt is signed afresh.
      const event = { id: prefixedId('evt_', 24), type, payload: data, createdAt: nowSeconds() };
      void sc.outbound.deliver('helpdesk', sub.url, type, () => buildWebhook('hmac-sha256', event, sub.secret));
    }
  };
  const withBody = (then: (body: Body) => Reply) => (ctx: RequestContext): Reply => {
    const parsed = ctx.json();
    return parsed.ok && isRecord(parsed.value) ? then(parsed.value) : error(400, 'invalid_json', 'The body must be a JSON object.');
  };
  const one = <T>(map: Map<string, T>) => (ctx: RequestContext): Reply => {
    const item = map.get(ctx.params.id ?? '');
    return item ? { status: 200, body: item } : error(404, 'not_found', `No such resource: ${ctx.params.id ?? ''}`);
  };

  return {
    name: 'helpdesk',
    prefixes: ['/helpdesk/'],
    routes: [
      { method: 'POST', pattern: '/helpdesk/webhooks', handler: withBody((b) => subscribe(state, b)) },
      { method: 'GET', pattern: '/helpdesk/webhooks', handler: () => ({ status: 200, body: { data: [...state.subscriptions.values()].map(({ secret: _s, ...rest }) => rest) } }) },
      { method: 'DELETE', pattern: '/helpdesk/webhooks/:id', handler: (ctx) => (state.subscriptions.delete(ctx.params.id ?? '') ? { status: 204 } : error(404, 'not_found', 'No such webhook.')) },
      {
        method: 'POST',
        pattern: '/helpdesk/reviews',
        handler: withBody((b) => {
          const rating = Number(b.rating);
          if (!Number.isInteger(rating) || rating < 1 || rating > 5) return error(422, 'validation_failed', 'rating must be an integer from 1 to 5.');
          if (typeof b.customer_email !== 'string' || typeof b.body !== 'string') return error(422, 'validation_failed', 'customer_email and body are required.');
          const review = state.addReview({ product_id: String(b.product_id ?? ''), customer_email: b.customer_email, rating, title: String(b.title ?? ''), body: b.body });
          notify('review.created', review);
          return { status: 201, body: review };
        }),
      },
      { method: 'GET', pattern: '/helpdesk/reviews', handler: () => ({ status: 200, body: { data: [...state.reviews.values()] } }) },
      { method: 'GET', pattern: '/helpdesk/reviews/:id', handler: one(state.reviews) },
      {
        method: 'POST',
        pattern: '/helpdesk/tickets',
        handler: withBody((b) => {
          if (typeof b.customer_email !== 'string' || typeof b.subject !== 'string') return error(422, 'validation_failed', 'customer_email and subject are required.');
          const priority = PRIORITIES.find((p) => p === b.priority) ?? 'normal';
          const ticket = state.addTicket({ customer_email: b.customer_email, subject: b.subject, body: String(b.body ?? ''), priority, order_id: b.order_id === undefined ? null : String(b.order_id) });
          notify('ticket.created', ticket);
          return { status: 201, body: ticket };
        }),
      },
      {
        method: 'GET',
        pattern: '/helpdesk/tickets',
        handler: (ctx) => {
          const email = ctx.query.get('customer_email')?.toLowerCase();
          return { status: 200, body: { data: [...state.tickets.values()].filter((t) => !email || t.customer_email.toLowerCase() === email) } };
        },
      },
      { method: 'GET', pattern: '/helpdesk/tickets/:id', handler: one(state.tickets) },
      { method: 'POST', pattern: '/helpdesk/messages', handler: withBody((b) => sendMessage(state, b)) },
      {
        method: 'GET',
        pattern: '/helpdesk/messages',
        handler: (ctx) => {
          const to = ctx.query.get('to');
          return { status: 200, body: { data: to ? state.messagesTo(to) : [...state.messages] } };
        },
      },
      {
        method: 'GET',
        pattern: '/helpdesk/messages/:id',
        handler: (ctx) => {
          const message = state.messages.find((m) => m.id === ctx.params.id);
          return message ? { status: 200, body: message } : error(404, 'not_found', `No such resource: ${ctx.params.id ?? ''}`);
        },
      },
    ],
    before: (ctx) => (ctx.header('x-api-key') === sc.credentials.helpdeskApiKey ? undefined : error(401, 'unauthorized', 'Missing or invalid API key.')),
    notFound: () => error(404, 'not_found', 'No such route.'),
    failure(status) {
      if (status === 429) return error(429, 'rate_limited', 'Too many requests.', { 'Retry-After': '1' });
      return error(status, status >= 500 ? 'internal_error' : 'request_failed', status >= 500 ? 'Something went wrong on our side.' : 'Request failed.');
    },
  };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** POST /helpdesk/messages `{ to, subject, body, ticket_id?, order_id? }`: the platform emails the customer. */
function sendMessage(state: HelpdeskState, b: Body): Reply {
  if (typeof b.to !== 'string' || !EMAIL.test(b.to)) return error(422, 'validation_failed', 'to must be an email address.');
  if (typeof b.subject !== 'string' || b.subject.trim() === '' || typeof b.body !== 'string' || b.body.trim() === '') {
    return error(422, 'validation_failed', 'subject and body are required.');
  }
  const ref = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
  const message = state.sendMessage({ to: b.to, subject: b.subject, body: b.body, ticket_id: ref(b.ticket_id), order_id: ref(b.order_id) });
  return { status: 201, body: message };
}

function subscribe(state: HelpdeskState, body: Body): Reply {
  if (typeof body.url !== 'string' || !/^https?:\/\//.test(body.url)) return error(422, 'validation_failed', 'url must be an http(s) URL.');
  const events = Array.isArray(body.events) ? body.events : [...EVENTS];
  const unknown = events.find((e) => !EVENTS.includes(e as HelpdeskEventType));
  if (unknown !== undefined) return error(422, 'validation_failed', `Unknown event: ${String(unknown)}.`);
  const subscription = state.subscribe({ url: body.url, events: events as HelpdeskEventType[], ...(typeof body.secret === 'string' && body.secret !== '' && { secret: body.secret }) });
  return { status: 201, body: subscription };
}
