import { Logger, Module, type DynamicModule, type Provider } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import Bull from 'bull';
import type { Redis } from 'ioredis';
import { computeBackoff, createBullClientFactory, createRedisClient, type BullClientFactory } from '@aiwire/core';
import { ASYNC_OPTIONS_TYPE, ConfigurableModuleClass, MODULE_OPTIONS_TOKEN, OPTIONS_TYPE } from './ai.module-definition.js';
import { AI_CLIENTS, AI_QUEUE, AI_QUEUE_NAME, AI_REDIS, CALLBACK_BACKOFF, DEFAULT_AI_OPTIONS as D } from './ai.constants.js';
import { AiService } from './ai.service.js';
import { AiOrchestrator } from './ai.orchestrator.js';
import { createAiJobsController } from './ai-jobs.controller.js';
import { CacheAiResultExplorer } from './cache-ai-result.explorer.js';
import { AiCache } from './cache/ai-cache.js';
import { AiExecutor } from './execution/ai-executor.js';
import { AttemptRunner } from './execution/attempt-runner.js';
import { ProviderRegistry } from './execution/provider-registry.js';
import { SpendGuard } from './execution/spend-guard.js';
import { AiJobStore } from './jobs/ai-job.store.js';
import { AiJobsProcessor } from './jobs/ai-jobs.processor.js';
import { AiJobsService } from './jobs/ai-jobs.service.js';
import { AiRateLimiter } from './limits/ai-rate-limiter.js';
import { AiBudget } from './usage/ai-budget.js';
import { PriceTable } from './usage/price-table.js';
import type { AiModuleExtras, AiModuleOptions } from './interfaces/ai-module-options.interface.js';

type O = AiModuleOptions;
const prefix = (o: O): string => o.keyPrefix ?? D.keyPrefix;

const providers: Provider[] = [
  { provide: AI_REDIS, inject: [MODULE_OPTIONS_TOKEN], useFactory: connectRedis },
  { provide: AI_CLIENTS, inject: [MODULE_OPTIONS_TOKEN], useFactory: (o: O) => createBullClientFactory(o.redis) },
  { provide: AI_QUEUE, inject: [MODULE_OPTIONS_TOKEN, AI_CLIENTS], useFactory: createQueue },
  { provide: ProviderRegistry, inject: [MODULE_OPTIONS_TOKEN], useFactory: (o: O) => new ProviderRegistry(o) },
  { provide: AiRateLimiter, inject: [AI_REDIS, MODULE_OPTIONS_TOKEN], useFactory: (r: Redis, o: O) => new AiRateLimiter(r, o.limits ?? {}, prefix(o), D.rateLimitMaxWaitMs) },
  { provide: AiBudget, inject: [AI_REDIS, MODULE_OPTIONS_TOKEN], useFactory: (r: Redis, o: O) => new AiBudget(r, o.limits ?? {}, prefix(o)) },
  { provide: PriceTable, inject: [MODULE_OPTIONS_TOKEN], useFactory: (o: O) => new PriceTable(o.prices) },
  {
    provide: AttemptRunner,
    inject: [AiRateLimiter, MODULE_OPTIONS_TOKEN],
    useFactory: (l: AiRateLimiter, o: O) =>
      new AttemptRunner(l, {
        maxRetries: o.retry?.maxRetries ?? D.maxRetries,
        baseDelayMs: o.retry?.baseDelayMs ?? D.baseDelayMs,
        maxDelayMs: o.retry?.maxDelayMs ?? D.maxDelayMs,
      }),
  },
  { provide: SpendGuard, inject: [PriceTable, AiBudget], useFactory: (p: PriceTable, b: AiBudget) => new SpendGuard(p, b) },
  { provide: AiExecutor, inject: [ProviderRegistry, AttemptRunner, SpendGuard], useFactory: (r: ProviderRegistry, a: AttemptRunner, s: SpendGuard) => new AiExecutor(r, a, s) },
  { provide: AiCache, inject: [AI_REDIS], useFactory: (r: Redis) => new AiCache(r) },
  { provide: AiJobStore, inject: [AI_REDIS, MODULE_OPTIONS_TOKEN], useFactory: (r: Redis, o: O) => new AiJobStore(r, prefix(o), o.jobs?.resultTtlSeconds ?? D.jobResultTtlSeconds) },
  AiService, AiJobsService, AiJobsProcessor, AiOrchestrator, CacheAiResultExplorer,
];

/**
 * AI calls that survive 429s, respect RPM/TPM quotas across processes, cache and de-duplicate,
 * fall back between providers, run as async jobs and count cost. Inject AiService and AiJobsService.
 */
@Module({
  imports: [DiscoveryModule],
  providers,
  exports: [AiService, AiJobsService, AI_QUEUE],
})
export class AiModule extends ConfigurableModuleClass {
  static override forRoot(options: typeof OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRoot(options), options.routes);
  }

  static override forRootAsync(options: typeof ASYNC_OPTIONS_TYPE): DynamicModule {
    return withRoutes(super.forRootAsync(options), options.routes);
  }
}

function withRoutes(definition: DynamicModule, routes: AiModuleExtras['routes']): DynamicModule {
  if (!routes) return definition;
  const path = typeof routes === 'object' ? (routes.path ?? D.routesPath) : D.routesPath;
  return { ...definition, controllers: [createAiJobsController(path)] };
}

/**
 * A client of its own that gives up on a command after one reconnect attempt, so that a Redis
 * outage degrades calls to uncached and unlimited instead of stalling them. The app starts even
 * when Redis is down; a healthy one is connected before the first call.
 */
async function connectRedis(options: O): Promise<Redis> {
  const logger = new Logger('AiModule');
  const redis = createRedisClient(options.redis, { maxRetriesPerRequest: 1 });
  let down = false;
  redis.on('error', (error: Error) => {
    if (down) return;
    down = true;
    logger.error(`Redis unreachable for the AI module (${error.message}); calls run without cache and shared limits until it is back`);
  });
  redis.on('ready', () => {
    if (down) logger.log('Redis connection restored for the AI module');
    down = false;
  });
  if (redis.status !== 'ready') {
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        redis.off('ready', done);
        resolve();
      };
      const timer = setTimeout(done, 2000);
      redis.once('ready', done);
    });
  }
  return redis;
}

function createQueue(options: O, clients: BullClientFactory): Bull.Queue {
  const jobs = options.jobs ?? {};
  return new Bull(AI_QUEUE_NAME, {
    prefix: jobs.queuePrefix ?? D.queuePrefix,
    createClient: clients,
    settings: {
      backoffStrategies: {
        [CALLBACK_BACKOFF]: (attemptsMade: number) => computeBackoff(Math.max(1, attemptsMade), { baseMs: jobs.callbackBackoffMs ?? D.callbackBackoffMs, maxMs: D.callbackMaxBackoffMs, jitter: 'full' }),
      },
    },
  });
}
