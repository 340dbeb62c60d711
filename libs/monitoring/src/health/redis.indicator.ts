import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import type { RedisClient } from '@aiwire/core';
import { MONITORING_REDIS } from '../monitoring.constants.js';
import { healthMessages } from './health.messages.js';

/** `redis`: monitoring's own Redis answers PING within `timeoutMs`. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(MONITORING_REDIS) private readonly redis: RedisClient | undefined,
  ) {}

  /** False without `redis`: then there is nothing of monitoring's own to check. */
  get configured(): boolean {
    return this.redis !== undefined;
  }

  async check(timeoutMs: number): Promise<HealthIndicatorResult<'redis'>> {
    const session = this.indicators.check('redis');
    const { redis } = this;
    // A connection that is not ready answers nothing: say so at once rather than wait for the timeout.
    if (!redis || redis.status !== 'ready') return session.down({ message: healthMessages.redisNotConnected(redis?.status ?? 'not configured') });
    const result = await session.attempt(() => redis.ping().then(() => undefined)).withTimeout(timeoutMs);
    const detail = result.redis;
    if (detail.status === 'down') detail.message = healthMessages.redisFailed(String(detail.message));
    return result;
  }
}
