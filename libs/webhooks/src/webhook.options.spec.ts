import { RedisConfigurationError } from '@aiwire/core';
import { resolveWebhookOptions, resolveWebhookRoute } from './webhook.options.js';
import { WebhookConfigurationError } from './errors/webhook-configuration.error.js';

const sources = { stripe: { scheme: 'stripe' as const, secrets: ['whsec_x'] } };
const cluster = { cluster: { nodes: ['redis://127.0.0.1:7000'] } };

describe('resolveWebhookOptions', () => {
  it('applies every default once, nested objects included', () => {
    const resolved = resolveWebhookOptions({ redis: { url: 'redis://127.0.0.1:6379' }, sources });
    expect({ ...resolved, sources: [...resolved.sources.keys()] }).toEqual({
      redis: { url: 'redis://127.0.0.1:6379' },
      sources: ['stripe'],
      workers: true,
      concurrency: 10,
      attempts: 5,
      backoff: { delayMs: 1_000, maxDelayMs: 3_600_000 },
      keyPrefix: 'aiwire:webhooks',
      unavailableRetryAfterSeconds: 5,
      storeTimeoutMs: 2_000,
      trustProxy: false,
      queue: { prefix: 'aiwire', lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 5 },
    });
    expect(resolved.sources.get('stripe')).toMatchObject({ maxBodyBytes: 1_048_576, dedupTtlMs: 259_200_000, maxJsonDepth: 64 });
  });

  it('keeps what was given, falsy values included, and fills only the rest of a nested object', () => {
    const resolved = resolveWebhookOptions({
      redis: { url: 'redis://127.0.0.1:6379' }, sources, workers: false, concurrency: 0, trustProxy: 0, keyPrefix: 'app',
      backoff: { maxDelayMs: 10 }, queue: { prefix: 'q', maxStalledCount: 0 },
    });
    expect(resolved).toMatchObject({
      workers: false, concurrency: 0, trustProxy: 0, keyPrefix: 'app', backoff: { delayMs: 1_000, maxDelayMs: 10 },
      queue: { prefix: 'q', lockDurationMs: 30_000, stalledIntervalMs: 30_000, maxStalledCount: 0 },
    });
  });

  it('hash-tags the default prefixes on a Redis Cluster', () => {
    const resolved = resolveWebhookOptions({ redis: cluster, sources });
    expect([resolved.keyPrefix, resolved.queue.prefix]).toEqual(['{aiwire}:webhooks', '{aiwire}']);
  });

  it('refuses prefixes that cannot share a slot on a cluster, and a bad source, before anything connects', () => {
    expect(() => resolveWebhookOptions({ redis: cluster, sources, keyPrefix: 'app' })).toThrow(RedisConfigurationError);
    expect(() => resolveWebhookOptions({ redis: cluster, sources, keyPrefix: '{a}', queue: { prefix: '{b}' } })).toThrow(RedisConfigurationError);
    expect(() => resolveWebhookOptions({ redis: cluster, sources: { stripe: { scheme: 'stripe', secrets: [] } } })).toThrow(WebhookConfigurationError);
  });
});

describe('resolveWebhookRoute', () => {
  it('mounts at /webhooks on the HTTP server unless told otherwise', () => {
    expect(resolveWebhookRoute({})).toEqual({ prefix: 'webhooks', mount: 'server' });
    expect(resolveWebhookRoute({ prefix: 'hooks', mount: 'controller' })).toEqual({ prefix: 'hooks', mount: 'controller' });
  });
});
