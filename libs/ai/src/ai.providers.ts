import { Logger, type Provider } from '@nestjs/common';
import Bull from 'bull';
import { computeBackoff, connectRedis, createBullClientFactory, failFastOptions, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { AI_CLIENTS, AI_OPTIONS, AI_QUEUE, AI_QUEUE_NAME, AI_REDIS, CALLBACK_BACKOFF } from './ai.constants.js';
import { messages } from './ai.messages.js';
import { MODULE_OPTIONS_TOKEN } from './ai.module-definition.js';
import { resolveAiOptions, type ResolvedAiOptions } from './ai.options.js';
import { AiCache } from './cache/ai-cache.js';
import { AiExecutor } from './execution/ai-executor.js';
import { AttemptRunner } from './execution/attempt-runner.js';
import { ProviderRegistry } from './execution/provider-registry.js';
import { SpendGuard } from './execution/spend-guard.js';
import { AiJobStore } from './jobs/ai-job.store.js';
import { AiRateLimiter } from './limits/ai-rate-limiter.js';
import { AiBudget } from './usage/ai-budget.js';
import { PriceTable } from './usage/price-table.js';

type O = ResolvedAiOptions;

/**
 * Everything the module builds from its options. The options are resolved (and checked) first,
 * so a wrong option fails the startup before any connection opens; Bull's connections open only
 * once the module's own connection has shown Redis to be what the options say it is.
 */
export const aiProviders: Provider[] = [
  { provide: AI_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: resolveAiOptions },
  { provide: AI_REDIS, inject: [AI_OPTIONS], useFactory: connectAiRedis },
  { provide: AI_CLIENTS, inject: [AI_OPTIONS, AI_REDIS], useFactory: (o: O, _checked: RedisClient) => createBullClientFactory(o.redis) },
  { provide: AI_QUEUE, inject: [AI_OPTIONS, AI_CLIENTS], useFactory: createAiQueue },
  { provide: ProviderRegistry, inject: [AI_OPTIONS], useFactory: (o: O) => new ProviderRegistry(o) },
  { provide: AiRateLimiter, inject: [AI_REDIS, AI_OPTIONS], useFactory: (r: RedisClient, o: O) => new AiRateLimiter(r, o.limits, o.keyPrefix, o.rateLimitMaxWaitMs) },
  { provide: AiBudget, inject: [AI_REDIS, AI_OPTIONS], useFactory: (r: RedisClient, o: O) => new AiBudget(r, o.limits, o.keyPrefix) },
  { provide: PriceTable, inject: [AI_OPTIONS], useFactory: (o: O) => new PriceTable(o.prices) },
  { provide: AttemptRunner, inject: [AiRateLimiter, AI_OPTIONS], useFactory: (l: AiRateLimiter, o: O) => new AttemptRunner(l, o.retry) },
  { provide: SpendGuard, inject: [PriceTable, AiBudget], useFactory: (p: PriceTable, b: AiBudget) => new SpendGuard(p, b) },
  { provide: AiExecutor, inject: [ProviderRegistry, AttemptRunner, SpendGuard], useFactory: (r: ProviderRegistry, a: AttemptRunner, s: SpendGuard) => new AiExecutor(r, a, s) },
  { provide: AiCache, inject: [AI_REDIS], useFactory: (r: RedisClient) => new AiCache(r) },
  { provide: AiJobStore, inject: [AI_REDIS, AI_OPTIONS], useFactory: (r: RedisClient, o: O) => new AiJobStore(r, o.keyPrefix, o.jobs.resultTtlSeconds) },
];

/**
 * A connection of its own that gives up on a command quickly, so that a Redis outage degrades
 * calls to uncached and unlimited instead of stalling them. The app starts even when Redis is
 * down; a healthy one is connected before the first call, and one that cannot work as configured
 * (cluster nodes naming a single Redis, or the reverse) fails the startup with `RedisConfigurationError`.
 */
function connectAiRedis(options: O): Promise<RedisClient> {
  return connectRedis(options.redis, failFastOptions(options.redis, 1), {
    logger: new Logger('AiModule'),
    messages: { down: messages.redisDown, up: messages.redisBack },
    readyTimeoutMs: options.redisReadyTimeoutMs,
  });
}

function createAiQueue(options: O, clients: BullClientFactory): Bull.Queue {
  const { jobs } = options;
  return new Bull(AI_QUEUE_NAME, {
    prefix: jobs.queuePrefix,
    createClient: clients,
    settings: {
      backoffStrategies: {
        [CALLBACK_BACKOFF]: (attemptsMade: number) => computeBackoff(Math.max(1, attemptsMade), { baseMs: jobs.callbackBackoffMs, maxMs: jobs.callbackMaxBackoffMs, jitter: 'full' }),
      },
    },
  });
}
