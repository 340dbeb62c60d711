import { resolveKeyPrefix, type RedisConnectionConfig } from '@aiwire/core';
import { messages } from './ai.messages.js';
import { AiConfigurationError } from './errors/ai-configuration.error.js';
import type { AiModuleExtras, AiModuleOptions } from './interfaces/ai-module-options.interface.js';
import type { ModelPrice, ProviderLimits, ProviderOptions } from './interfaces/provider-options.interface.js';

/** Every default of the module's options, in one place; read by `resolveAiOptions` only. */
export const DEFAULT_AI_OPTIONS = {
  keyPrefix: 'aiwire:ai',
  maxRetries: 3,
  baseDelayMs: 500,
  maxDelayMs: 60_000,
  timeoutMs: 60_000,
  deadlineMs: 120_000,
  cacheTtlSeconds: 3600,
  /** The single-flight lock of a cached call outlives its deadline by this much (`cache.lockTtlMs` unset). */
  cacheLockMarginMs: 5000,
  cacheResultLockTtlMs: 65_000,
  cacheResultWaitMs: 60_000,
  circuitFailureThreshold: 5,
  circuitWindowMs: 30_000,
  circuitCooldownMs: 30_000,
  /** `limits.<name>.maxWaitMs` of a provider that sets none. */
  rateLimitMaxWaitMs: 30_000,
  jobsWorkers: true,
  jobsConcurrency: 5,
  jobResultTtlSeconds: 86_400,
  callbackAttempts: 8,
  callbackBackoffMs: 1000,
  callbackMaxBackoffMs: 3_600_000,
  callbackTimeoutMs: 10_000,
  queuePrefix: 'aiwire',
  routesPath: 'ai',
  summaryMaxWords: 60,
  /** How long the module waits for Redis at startup before it starts degraded (uncached, unlimited). */
  redisReadyTimeoutMs: 2000,
} as const;

/** Defaults of each provider kind's options, applied where the provider is built (its constructor). */
export const DEFAULT_PROVIDER_OPTIONS = {
  openai: { baseURL: 'https://api.openai.com/v1', model: 'gpt-4o-mini', reservedOutputTokens: 1024 },
  anthropic: { baseURL: 'https://api.anthropic.com', model: 'claude-haiku-4-5', maxTokens: 1024, version: '2023-06-01', structuredOutput: 'tool' },
} as const;

/** The module's options with every default applied and the Redis prefixes resolved; what the providers read. */
export interface ResolvedAiOptions {
  readonly redis: RedisConnectionConfig;
  readonly providers: Readonly<Record<string, ProviderOptions>>;
  readonly defaultProvider: string | undefined;
  readonly fallback: readonly string[];
  readonly limits: Readonly<Record<string, ProviderLimits>>;
  readonly prices: Readonly<Record<string, ModelPrice>> | undefined;
  /** Prefix of the module's own keys (cache, locks, limits, budgets, jobs), hash-tagged on a cluster. */
  readonly keyPrefix: string;
  readonly retry: { readonly maxRetries: number; readonly baseDelayMs: number; readonly maxDelayMs: number; readonly timeoutMs: number; readonly deadlineMs: number };
  readonly circuit: { readonly failureThreshold: number; readonly windowMs: number; readonly cooldownMs: number };
  readonly cache: {
    /** Calls are cached unless they say `cache: false` (the module's `cache` option is set). */
    readonly enabled: boolean;
    readonly ttlSeconds: number;
    /** Set by the user; else each call's lock lives for its deadline + `lockMarginMs`. */
    readonly lockTtlMs: number | undefined;
    readonly lockMarginMs: number;
  };
  /** Defaults of `@CacheAiResult` options. */
  readonly cacheResult: { readonly lockTtlMs: number; readonly waitMs: number };
  readonly rateLimitMaxWaitMs: number;
  readonly jobs: {
    readonly callbackSecret: string | undefined;
    readonly callbackAllowHosts: readonly string[];
    readonly workers: boolean;
    readonly concurrency: number;
    readonly resultTtlSeconds: number;
    readonly callbackAttempts: number;
    readonly callbackBackoffMs: number;
    readonly callbackMaxBackoffMs: number;
    readonly callbackTimeoutMs: number;
    /** Bull `prefix` of the queue `ai`, hash-tagged on a cluster. */
    readonly queuePrefix: string;
  };
  readonly summaryMaxWords: number;
  readonly redisReadyTimeoutMs: number;
}

const D = DEFAULT_AI_OPTIONS;

/**
 * Checks the options and merges every default once. Throws `AiConfigurationError` for providers
 * the module cannot use as written, and `RedisConfigurationError` for a `keyPrefix` or
 * `jobs.queuePrefix` without a hash tag on a Redis Cluster — before any connection opens. The two
 * prefixes need not share a tag: no call touches keys under both (a job's state is stored, then
 * the job queued, in two calls), so the queue and the module's keys may live on different nodes.
 */
export function resolveAiOptions(options: AiModuleOptions): ResolvedAiOptions {
  validateProviders(options);
  const { retry = {}, circuit = {}, cache, jobs = {} } = options;
  return {
    redis: options.redis,
    providers: options.providers,
    defaultProvider: options.defaultProvider,
    fallback: options.fallback ?? [],
    limits: options.limits ?? {},
    prices: options.prices,
    keyPrefix: resolveKeyPrefix(options.redis, options.keyPrefix, D.keyPrefix, 'keyPrefix'),
    retry: {
      maxRetries: retry.maxRetries ?? D.maxRetries,
      baseDelayMs: retry.baseDelayMs ?? D.baseDelayMs,
      maxDelayMs: retry.maxDelayMs ?? D.maxDelayMs,
      timeoutMs: retry.timeoutMs ?? D.timeoutMs,
      deadlineMs: retry.deadlineMs ?? D.deadlineMs,
    },
    circuit: {
      failureThreshold: circuit.failureThreshold ?? D.circuitFailureThreshold,
      windowMs: circuit.windowMs ?? D.circuitWindowMs,
      cooldownMs: circuit.cooldownMs ?? D.circuitCooldownMs,
    },
    cache: { enabled: cache !== undefined, ttlSeconds: cache?.ttlSeconds ?? D.cacheTtlSeconds, lockTtlMs: cache?.lockTtlMs, lockMarginMs: D.cacheLockMarginMs },
    cacheResult: { lockTtlMs: D.cacheResultLockTtlMs, waitMs: D.cacheResultWaitMs },
    rateLimitMaxWaitMs: D.rateLimitMaxWaitMs,
    jobs: {
      callbackSecret: jobs.callbackSecret,
      callbackAllowHosts: jobs.callbackAllowHosts ?? [],
      workers: jobs.workers ?? D.jobsWorkers,
      concurrency: jobs.concurrency ?? D.jobsConcurrency,
      resultTtlSeconds: jobs.resultTtlSeconds ?? D.jobResultTtlSeconds,
      callbackAttempts: jobs.callbackAttempts ?? D.callbackAttempts,
      callbackBackoffMs: jobs.callbackBackoffMs ?? D.callbackBackoffMs,
      callbackMaxBackoffMs: D.callbackMaxBackoffMs,
      callbackTimeoutMs: jobs.callbackTimeoutMs ?? D.callbackTimeoutMs,
      queuePrefix: resolveKeyPrefix(options.redis, jobs.queuePrefix, D.queuePrefix, 'jobs.queuePrefix'),
    },
    summaryMaxWords: D.summaryMaxWords,
    redisReadyTimeoutMs: D.redisReadyTimeoutMs,
  };
}

/** The path of the job routes, or undefined when they are off. */
export function resolveRoutesPath(routes: AiModuleExtras['routes']): string | undefined {
  if (!routes) return undefined;
  return (typeof routes === 'object' ? routes.path : undefined) ?? D.routesPath;
}

/** Kinds, reserved tokens and every provider name the other options refer to. */
function validateProviders(options: AiModuleOptions): void {
  const names = Object.keys(options.providers ?? {});
  for (const [name, provider] of Object.entries(options.providers ?? {})) {
    if (!['openai', 'anthropic', 'local'].includes((provider as { kind?: string })?.kind ?? '')) {
      throw new AiConfigurationError(messages.badKind(name, String((provider as { kind?: unknown })?.kind)));
    }
    const reserve = provider.kind === 'openai' ? provider.reservedOutputTokens : provider.kind === 'anthropic' ? provider.maxTokens : undefined;
    if (reserve !== undefined && !(Number.isInteger(reserve) && reserve > 0)) {
      throw new AiConfigurationError(messages.badArgument(`providers.${name}.${provider.kind === 'openai' ? 'reservedOutputTokens' : 'maxTokens'} must be a positive integer`));
    }
  }
  for (const name of [...(options.fallback ?? []), ...(options.defaultProvider ? [options.defaultProvider] : []), ...Object.keys(options.limits ?? {})]) {
    if (!names.includes(name)) throw new AiConfigurationError(messages.unknownProvider(name, names));
  }
}
