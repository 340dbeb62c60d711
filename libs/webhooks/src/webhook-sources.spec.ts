import { IpAllowList, resolveSources } from './webhook-sources.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';

describe('resolveSources', () => {
  it('applies the defaults: 1 MiB, 72 h de-dup, no rate limit, signature and credential headers hidden', () => {
    const source = resolveSources({ stripe: { scheme: 'stripe', secrets: ['whsec_x'] } }).get('stripe')!;
    expect(source).toMatchObject({ maxBodyBytes: 1_048_576, dedupTtlMs: 259_200_000, rateLimit: undefined, allowList: undefined });
    expect([...source.hiddenHeaders]).toEqual(expect.arrayContaining(['stripe-signature', 'authorization', 'cookie']));
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
    ['a bad CIDR', { s: { scheme: 'stripe', secrets: ['x'], allowIps: ['10.0.0.0/33'] } }, '"10.0.0.0/33" in allowIps'],
    ['a name that is not a path segment', { 'a/b': { scheme: 'stripe', secrets: ['x'] } }, 'must match [A-Za-z0-9_-]+'],
  ])('refuses %s at startup with a message that says what to fix', (_case, config, message) => {
    expect(() => resolveSources(config as never)).toThrow(WebhookConfigurationError);
    expect(() => resolveSources(config as never)).toThrow(message);
  });
});

describe('IpAllowList', () => {
  const list = new IpAllowList('s', ['192.0.2.0/24', '203.0.113.7', '2001:db8::/32']);

  it.each([
    ['192.0.2.200', true], ['192.0.3.1', false], ['203.0.113.7', true], ['203.0.113.8', false],
    ['::ffff:192.0.2.9', true], ['::ffff:10.0.0.1', false], ['2001:db8:1::5', true], ['2001:db9::1', false],
    [undefined, false], ['not-an-ip', false],
  ])('%s → %s', (ip, allowed) => {
    expect(list.allows(ip)).toBe(allowed);
  });
});
