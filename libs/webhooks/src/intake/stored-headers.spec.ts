import { resolveScheme } from '../schemes/scheme-registry.js';
import { WebhookConfigurationError } from '../errors/webhook-configuration.error.js';
import { resolveStoredHeaders, storedHeaders } from './stored-headers.js';
import type { WebhookSourceOptions } from '../interfaces/webhook-source-options.interface.js';

const allowed = (options: WebhookSourceOptions) => resolveStoredHeaders('s', resolveScheme('s', options.scheme, options), options);

describe('stored headers (an allowlist)', () => {
  const delivery = {
    'content-type': 'application/json',
    'user-agent': 'GitLab/17.0',
    'x-gitlab-event': 'Push Hook',
    'x-gitlab-token': 'glpat-never-stored',
    'x-auth-token': 'never-stored',
    authorization: 'Bearer never-stored',
    cookie: 'a=never-stored',
    'x-signature': 'abc',
    'x-tenant': 'acme',
    'x-ticket-id': 't-1',
    'x-tags': ['a', 'b'],
  };

  it('keeps only the harmless defaults, whatever else a sender or a proxy adds', () => {
    const kept = storedHeaders(delivery, allowed({ scheme: 'hmac-sha256', secrets: ['x'] }));
    expect(kept).toEqual({ 'content-type': 'application/json', 'user-agent': 'GitLab/17.0', 'x-gitlab-event': 'Push Hook' });
  });

  it("adds a source's storeHeaders (any case) and the hmac-sha256 id and type headers", () => {
    const kept = storedHeaders(delivery, allowed({ scheme: 'hmac-sha256', secrets: ['x'], idHeader: 'x-ticket-id', storeHeaders: ['X-Tenant', 'x-tags'] }));
    expect(kept).toEqual({
      'content-type': 'application/json', 'user-agent': 'GitLab/17.0', 'x-gitlab-event': 'Push Hook', 'x-ticket-id': 't-1', 'x-tenant': 'acme', 'x-tags': 'a, b',
    });
  });

  it("never holds a scheme's signature header, even one of the defaults' names", () => {
    const scheme = { name: 'odd', signatureHeaders: ['Webhook-Id'], verify: () => undefined, eventId: () => 'i', eventType: () => 't' };
    expect(resolveStoredHeaders('s', scheme, { scheme, secrets: ['x'] }).has('webhook-id')).toBe(false);
  });

  it.each([
    ['a signature header', { scheme: 'github', storeHeaders: ['X-Hub-Signature-256'] }, 'storeHeaders names "x-hub-signature-256", which carries a signature or a credential'],
    ['a credential', { scheme: 'github', storeHeaders: ['cookie'] }, 'storeHeaders names "cookie"'],
    ['a name with a space', { scheme: 'github', storeHeaders: ['x tenant'] }, '"x tenant" in storeHeaders is not a header name'],
    ['an empty name', { scheme: 'github', storeHeaders: [''] }, '"" in storeHeaders is not a header name'],
  ])('refuses %s at startup', (_case, options, message) => {
    const config = { secrets: ['x'], ...options } as WebhookSourceOptions;
    expect(() => allowed(config)).toThrow(WebhookConfigurationError);
    expect(() => allowed(config)).toThrow(message);
  });
});
