import { RedisConfigurationError } from '@aiwire/core';
import { DEFAULT_AI_OPTIONS as D, resolveAiOptions, resolveRoutesPath } from './ai.options.js';
import { AiConfigurationError } from './errors/ai-configuration.error.js';

const providers = { local: { kind: 'local' as const } };
const cluster = { cluster: { nodes: ['redis://127.0.0.1:7000'] } };

describe('resolveAiOptions', () => {
  it('merges every default once', () => {
    const o = resolveAiOptions({ redis: { url: 'redis://127.0.0.1:6379' }, providers });
    expect(o).toMatchObject({
      keyPrefix: 'aiwire:ai',
      fallback: [],
      limits: {},
      retry: { maxRetries: 3, baseDelayMs: 500, maxDelayMs: 60_000, timeoutMs: 60_000, deadlineMs: 120_000 },
      circuit: { failureThreshold: 5, windowMs: 30_000, cooldownMs: 30_000 },
      cache: { enabled: false, ttlSeconds: 3600, lockTtlMs: undefined, lockMarginMs: 5000 },
      cacheResult: { lockTtlMs: 65_000, waitMs: 60_000 },
      rateLimitMaxWaitMs: 30_000,
      jobs: { callbackAllowHosts: [], workers: true, concurrency: 5, resultTtlSeconds: 86_400, callbackAttempts: 8, callbackBackoffMs: 1000, callbackMaxBackoffMs: 3_600_000, callbackTimeoutMs: 10_000, queuePrefix: 'aiwire' },
      summaryMaxWords: 60,
    });
  });

  it('keeps what the user set, and turns the cache on when `cache` is given at all', () => {
    const o = resolveAiOptions({ redis: {}, providers, keyPrefix: 'shop:ai', cache: {}, retry: { maxRetries: 0 }, jobs: { queuePrefix: 'shop', workers: false } });
    expect(o).toMatchObject({ keyPrefix: 'shop:ai', cache: { enabled: true, ttlSeconds: D.cacheTtlSeconds }, retry: { maxRetries: 0, baseDelayMs: D.baseDelayMs }, jobs: { queuePrefix: 'shop', workers: false } });
  });

  it('hash-tags the default prefixes on a Redis Cluster and keeps tagged ones', () => {
    expect(resolveAiOptions({ redis: cluster, providers })).toMatchObject({ keyPrefix: '{aiwire}:ai', jobs: { queuePrefix: '{aiwire}' } });
    // Different tags are fine: no call touches keys under both prefixes.
    expect(resolveAiOptions({ redis: cluster, providers, keyPrefix: '{a}:ai', jobs: { queuePrefix: '{b}' } })).toMatchObject({ keyPrefix: '{a}:ai', jobs: { queuePrefix: '{b}' } });
  });

  it('refuses a prefix without a hash tag on a Redis Cluster, naming the option and what to write', () => {
    expect(() => resolveAiOptions({ redis: cluster, providers, keyPrefix: 'shop:ai' })).toThrow(RedisConfigurationError);
    expect(() => resolveAiOptions({ redis: cluster, providers, keyPrefix: 'shop:ai' })).toThrow('keyPrefix "shop:ai" has no hash tag');
    expect(() => resolveAiOptions({ redis: cluster, providers, jobs: { queuePrefix: 'shop' } })).toThrow(/jobs\.queuePrefix "shop" has no hash tag.*use "\{shop\}"/);
  });

  it('refuses providers it cannot use before anything connects', () => {
    expect(() => resolveAiOptions({ redis: {}, providers: { x: { kind: 'gemini' } } as never })).toThrow(AiConfigurationError);
    expect(() => resolveAiOptions({ redis: {}, providers, fallback: ['openai'] })).toThrow('AI provider "openai" is not configured');
    expect(() => resolveAiOptions({ redis: {}, providers: { o: { kind: 'openai', reservedOutputTokens: 0 } } })).toThrow('providers.o.reservedOutputTokens must be a positive integer');
  });

  it('resolves the routes path', () => {
    expect(resolveRoutesPath(undefined)).toBeUndefined();
    expect(resolveRoutesPath(false)).toBeUndefined();
    expect(resolveRoutesPath(true)).toBe('ai');
    expect(resolveRoutesPath({})).toBe('ai');
    expect(resolveRoutesPath({ path: 'llm' })).toBe('llm');
  });
});
