import { resolveSources } from './webhook-sources.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';

describe('resolveSources', () => {
  it('applies the defaults: 1 MiB, 64 levels of JSON, 72 h de-dup, no rate limit, an allowlist of harmless headers', () => {
    const source = resolveSources({ stripe: { scheme: 'stripe', secrets: ['whsec_x'] } }).get('stripe')!;
    expect(source).toMatchObject({ maxBodyBytes: 1_048_576, dedupTtlMs: 259_200_000, rateLimit: undefined, allowList: undefined });
    expect(source.maxJsonDepth).toBe(64);
    expect([...source.storedHeaders]).toEqual(expect.arrayContaining(['content-type', 'user-agent', 'x-github-event', 'webhook-id']));
    for (const hidden of ['stripe-signature', 'authorization', 'cookie', 'x-api-key']) expect(source.storedHeaders.has(hidden)).toBe(false);
  });

  it('lets anyone in only when allowIps is absent', () => {
    const sources = resolveSources({ open: { scheme: 'github', secrets: ['s'] }, closed: { scheme: 'github', secrets: ['s'], allowIps: [] } });
    expect(sources.get('open')!.allowList).toBeUndefined();
    expect(sources.get('closed')!.allowList!.allows('192.0.2.1')).toBe(false);
  });

  it('converts a rate limit window to milliseconds (1 s by default)', () => {
    const sources = resolveSources({
      a: { scheme: 'github', secrets: ['s'], rateLimit: { limit: 10 } },
      b: { scheme: 'github', secrets: ['s'], rateLimit: { limit: 10, windowSeconds: 60 } },
    });
    expect(sources.get('a')!.rateLimit).toEqual({ limit: 10, windowMs: 1000 });
    expect(sources.get('b')!.rateLimit).toEqual({ limit: 10, windowMs: 60_000 });
  });

  it.each([
    ['no secrets', { s: { scheme: 'stripe', secrets: [] } }, 'has no secrets'],
    ['an undefined env var as the only secret', { s: { scheme: 'stripe', secrets: [undefined as unknown as string] } }, 'has no secrets'],
    ['an unknown scheme', { s: { scheme: 'strpe', secrets: ['x'] } }, 'names scheme "strpe", which does not exist'],
    ['a bad CIDR', { s: { scheme: 'stripe', secrets: ['x'], allowIps: ['10.0.0.0/33'] } }, 'allowIps[0] "10.0.0.0/33" is not an IP address or CIDR'],
    ['a CIDR with an empty prefix', { s: { scheme: 'stripe', secrets: ['x'], allowIps: ['10.0.0.1/'] } }, 'write "10.0.0.1" or "10.0.0.0/24"'],
    ['allowIps from an unset variable', { s: { scheme: 'stripe', secrets: ['x'], allowIps: '' } }, 'allowIps must be an array'],
    ['a name that is not a path segment', { 'a/b': { scheme: 'stripe', secrets: ['x'] } }, 'must match [A-Za-z0-9_-]+'],
    ['a signature header in storeHeaders', { s: { scheme: 'stripe', secrets: ['x'], storeHeaders: ['Stripe-Signature'] } }, 'storeHeaders names "stripe-signature"'],
    ['a credential in storeHeaders', { s: { scheme: 'github', secrets: ['x'], storeHeaders: ['x-tenant', 'Authorization'] } }, 'storeHeaders names "authorization"'],
    ['a storeHeaders entry that is no header name', { s: { scheme: 'github', secrets: ['x'], storeHeaders: ['x tenant'] } }, '"x tenant" in storeHeaders is not a header name'],
    ['a maxJsonDepth beyond what Redis decodes', { s: { scheme: 'github', secrets: ['x'], maxJsonDepth: 1001 } }, 'maxJsonDepth 1001 must be a whole number from 1 to 1000'],
  ])('refuses %s at startup with a message that says what to fix', (_case, config, message) => {
    expect(() => resolveSources(config as never)).toThrow(WebhookConfigurationError);
    expect(() => resolveSources(config as never)).toThrow(message);
  });
});
