import { uuid } from '../../http/ids.js';
import { isRecord } from '../../http/request-context.js';
import type { SandboxService } from '../../http/route.js';
import { FixedWindowLimiter, type WindowHit } from '../../limits/fixed-window.js';
import type { ServiceContext } from '../service-context.js';
import { crmHandlers } from './hubspot-objects.js';
import { search } from './hubspot-search.js';
import { expiredToken, hubspotError, hubspotFailure, invalidAuthentication, rateLimited } from './hubspot.errors.js';

const TOKEN = 'hubspot.token';

/** CRM v3 objects, accepting tokens the OAuth stand-in issued (or the private-app token). */
export function createHubSpotService(sc: ServiceContext): SandboxService {
  const state = sc.state.hubspot;
  const max = sc.limits.hubspot?.max ?? 100;
  const intervalMs = sc.limits.hubspot?.intervalMs ?? 10_000;
  const daily = sc.limits.hubspot?.daily ?? 250_000;
  const burst = new FixedWindowLimiter(max, intervalMs);
  const day = new FixedWindowLimiter(daily, 86_400_000);
  const contacts = crmHandlers(state, 'contacts', sc.origin);
  const notes = crmHandlers(state, 'notes', sc.origin);
  const tickets = crmHandlers(state, 'tickets', sc.origin);
  const at = (path: string) => `/crm/v3/objects/${path}`;

  return {
    name: 'hubspot',
    prefixes: ['/crm/'],
    routes: [
      { method: 'GET', pattern: at('contacts'), handler: contacts.list },
      { method: 'POST', pattern: at('contacts/search'), handler: (ctx) => search(state, 'contacts', ctx) },
      { method: 'POST', pattern: at('tickets/search'), handler: (ctx) => search(state, 'tickets', ctx) },
      { method: 'POST', pattern: at('notes/search'), handler: (ctx) => search(state, 'notes', ctx) },
      { method: 'POST', pattern: at('contacts'), handler: contacts.create },
      { method: 'GET', pattern: at('contacts/:id'), handler: contacts.get },
      { method: 'PATCH', pattern: at('contacts/:id'), handler: contacts.patch },
      { method: 'POST', pattern: at('notes'), handler: notes.create },
      { method: 'GET', pattern: at('notes/:id'), handler: notes.get },
      { method: 'POST', pattern: at('tickets'), handler: tickets.create },
      { method: 'GET', pattern: at('tickets/:id'), handler: tickets.get },
      { method: 'PATCH', pattern: at('tickets/:id'), handler: tickets.patch },
    ],
    before(ctx) {
      const token = ctx.bearer();
      if (!token) return invalidAuthentication();
      if (token !== sc.credentials.hubspotPrivateAppToken) {
        const check = sc.state.oauth.checkAccessToken(token);
        if (!check.valid) return check.reason === 'expired' ? expiredToken(check.expiredAt) : invalidAuthentication();
      }
      ctx.locals.set(TOKEN, token);
      const d = day.hit(token);
      if (!d.allowed) return rateLimited('DAILY');
      if (!burst.hit(token).allowed) return rateLimited('TEN_SECONDLY_ROLLING');
      return undefined;
    },
    decorate(ctx, reply) {
      const key = (ctx.locals.get(TOKEN) as string | undefined) ?? 'anonymous';
      const b: WindowHit = burst.peek(key);
      const correlationId = isRecord(reply.body) && typeof reply.body.correlationId === 'string' ? reply.body.correlationId : uuid();
      reply.headers = {
        'X-HubSpot-Correlation-Id': correlationId,
        'X-HubSpot-RateLimit-Daily': String(daily),
        'X-HubSpot-RateLimit-Daily-Remaining': String(day.peek(key).remaining),
        'X-HubSpot-RateLimit-Interval-Milliseconds': String(intervalMs),
        'X-HubSpot-RateLimit-Max': String(max),
        'X-HubSpot-RateLimit-Remaining': String(reply.status === 429 ? 0 : b.remaining),
        ...reply.headers,
      };
    },
    notFound: () => hubspotError(404, 'OBJECT_NOT_FOUND', 'resource not found'),
    failure: (status) => hubspotFailure(status),
  };
}
