import { Logger, type Provider } from '@nestjs/common';
import { closeRedis, connectRedis, enableCorrelation, failFastOptions, type RedisClient } from '@aiwire/core';
import { MONITORING_CORRELATION, MONITORING_OPTIONS, MONITORING_REDIS } from './monitoring.constants.js';
import { MODULE_OPTIONS_TOKEN } from './monitoring.module-definition.js';
import { resolveMonitoringOptions, type ResolvedMonitoringOptions } from './monitoring.options.js';
import type { MonitoringModuleOptions } from './interfaces/monitoring-module-options.interface.js';
import { MONITORING_SHARED_PROVIDERS } from './queues/shared.providers.js';

/** Longest wait at startup for Redis; after it the module starts anyway and reports not-ready until Redis is back. */
const READY_TIMEOUT_MS = 2_000;
/** Reconnect attempts a command waits through before it fails. */
const FAIL_FAST_RETRIES = 1;

/** Monitoring's own connection (health, alert state, the caching interceptor), or undefined without `redis`. */
export async function connectMonitoringRedis(options: ResolvedMonitoringOptions): Promise<RedisClient | undefined> {
  if (!options.redis) return undefined;
  const logger = new Logger('MonitoringModule');
  return connectRedis(options.redis, failFastOptions(options.redis, FAIL_FAST_RETRIES), {
    logger,
    messages: { down: (reason: string) => `Redis is unreachable (${reason}): readiness reports it; alerts and the cache pause`, up: () => 'Redis is back' },
    readyTimeoutMs: READY_TIMEOUT_MS,
  });
}

/** Closes the connection when the app shuts down. */
export class MonitoringRedisCloser {
  constructor(private readonly redis: RedisClient | undefined) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.redis) await closeRedis(this.redis);
  }
}

/** The providers every part builds on: resolved options, Redis, the app's Bull queues, the circuit breakers' states. */
export const MONITORING_PROVIDERS: Provider[] = [
  { provide: MONITORING_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: (options: MonitoringModuleOptions) => resolveMonitoringOptions(options) },
  { provide: MONITORING_REDIS, inject: [MONITORING_OPTIONS], useFactory: connectMonitoringRedis },
  // Logs and traces read the correlation id; metrics and alerts do not, and leave the process without its cost.
  { provide: MONITORING_CORRELATION, inject: [MONITORING_OPTIONS], useFactory: (options: ResolvedMonitoringOptions) => (options.logs || options.tracing ? (enableCorrelation(), true) : false) },
  { provide: MonitoringRedisCloser, inject: [MONITORING_REDIS], useFactory: (redis: RedisClient | undefined) => new MonitoringRedisCloser(redis) },
  ...MONITORING_SHARED_PROVIDERS,
];
