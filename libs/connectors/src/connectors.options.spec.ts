import { RedisConfigurationError } from '@aiwire/core';
import { DEFAULT_CONNECTORS_OPTIONS as D } from './connectors.constants.js';
import { resolveConnectorOptions, resolveConnectorsOptions } from './connectors.options.js';
import { ConnectorConfigurationError } from './errors/connector-configuration.error.js';
import { githubKind } from './kinds/github.kind.js';
import { EnvSecretsProvider } from './secrets/env-secrets.provider.js';
import { env } from './secrets/secret.js';

const redis = { url: 'redis://127.0.0.1:6379' };

describe('resolveConnectorsOptions: every default applied once, every mistake refused before anything connects', () => {
  it('fills the module defaults', () => {
    const resolved = resolveConnectorsOptions({ redis, connectors: {} });
    expect(resolved).toMatchObject({ keyPrefix: D.keyPrefix, secretsCacheTtlMs: D.secretsCacheTtlMs, encryptionKey: undefined, defaults: {} });
    expect(resolved.secrets).toEqual([expect.any(EnvSecretsProvider)]);
    expect(resolved.webhooks).toEqual({ subscriptions: [], registerOnStartup: true, failOnStartupError: false });
    expect(resolveConnectorsOptions({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000'] } }, connectors: {} }).keyPrefix).toBe('{aiwire}:connectors');
  });

  it('refuses a cluster prefix without a hash tag, and connectorNames the options do not configure', () => {
    expect(() => resolveConnectorsOptions({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000'] } }, keyPrefix: 'app', connectors: {} })).toThrow(RedisConfigurationError);
    expect(() => resolveConnectorsOptions({ redis, connectors: {} }, ['ghost'])).toThrow(ConnectorConfigurationError);
  });

  it('merges a connector over the module defaults over its kind over ours', () => {
    const defaults = { timeoutMs: 5_000, headers: { 'X-App': 'shop', 'user-agent': 'mine' }, circuitBreaker: { failureThreshold: 2 } };
    const stripe = resolveConnectorOptions('pay', { kind: 'stripe', apiVersion: '2024-06-20', headers: { 'x-app': 'pay' } }, defaults);
    expect(stripe.baseUrl.href).toBe('https://api.stripe.com/');
    expect(stripe.headers).toEqual({ 'user-agent': 'mine', accept: 'application/json', 'stripe-version': '2024-06-20', 'x-app': 'pay' });
    expect(stripe).toMatchObject({
      timeoutMs: 5_000,
      rateLimit: { key: 'pay', capacity: 100, refillPerSecond: 100, maxWaitMs: D.rateLimitMaxWaitMs },
      circuitBreaker: { ...D.circuitBreaker, failureThreshold: 2 },
      idempotency: { header: 'idempotency-key', methods: ['POST'] },
    });
    expect(stripe.retry).toMatchObject({ maxRetries: 3, methods: new Set(D.retry.methods) });
    const quiet = resolveConnectorOptions('gh', { kind: 'github', retry: false, circuitBreaker: false, rateLimit: { capacity: 5, refillPerSecond: 1, key: 'shared' } }, {});
    expect(quiet).toMatchObject({ descriptor: githubKind, timeoutMs: D.timeoutMs, circuitBreaker: undefined, idempotency: undefined, rateLimit: { key: 'shared', capacity: 5 } });
    expect(quiet.retry).toMatchObject({ maxRetries: 0, methods: new Set() });
    expect(quiet.headers).toMatchObject({ accept: 'application/vnd.github+json', 'x-github-api-version': D.githubApiVersion });
  });

  it('fills the auth defaults, and refuses incomplete auth at startup', () => {
    const oauth = resolveConnectorOptions('crm', { kind: 'hubspot', auth: { type: 'oauth2', tokenUrl: 'https://x.test/token', clientId: 'c', clientSecret: 's', refreshToken: env('RT'), timeoutMs: undefined } }, {});
    expect(oauth.auth).toEqual([{ type: 'oauth2', tokenUrl: 'https://x.test/token', clientId: 'c', clientSecret: 's', refreshToken: env('RT'), grant: 'refresh_token', ...D.auth.oauth2 }]);
    const jwt = resolveConnectorOptions('svc', { kind: 'rest', baseUrl: 'https://x.test', auth: [{ type: 'jwt', algorithm: 'HS256', secret: 'k' }, { type: 'basic', username: 'u' }] }, {});
    expect(jwt.auth).toEqual([
      { type: 'jwt', algorithm: 'HS256', secret: 'k', key: 'k', ...D.auth.jwt },
      { type: 'basic', username: 'u', password: '' },
    ]);
    expect(() => resolveConnectorOptions('svc', { kind: 'rest', baseUrl: 'https://x.test', auth: { type: 'jwt', algorithm: 'RS256' } }, {})).toThrow(/auth.privateKey" is required for RS256/);
  });
});
