import { Logger } from '@nestjs/common';
import { RateLimitTimeoutError, type BucketSpec, type RedisTokenBucket } from '@aiwire/core';
import { messages } from '../connectors.messages.js';
import type { RateLimitState } from '../dialects/provider-dialect.interface.js';

/**
 * The connector's share of the provider's limit: one token bucket in Redis for every process,
 * lowered to what the provider reports so all processes slow down together.
 */
export class ConnectorRateLimiter {
  private readonly logger = new Logger(ConnectorRateLimiter.name);
  private readonly spec: BucketSpec;
  private degraded = false;

  constructor(
    private readonly buckets: RedisTokenBucket,
    key: string,
    capacity: number,
    refillPerSecond: number,
    private readonly maxWaitMs: number,
    private readonly connector: string,
    private readonly redisUp: () => boolean,
  ) {
    this.spec = { key, capacity, refillPerSecond, cost: 1 };
  }

  /** Waits for a slot; resolves to the ms waited. Without Redis, lets the call through (the provider's own limit still applies). */
  async acquire(signal?: AbortSignal): Promise<number> {
    if (!this.redisUp()) return this.degrade('Redis is reconnecting');
    try {
      const { waitedMs } = await this.buckets.acquire([this.spec], { maxWaitMs: this.maxWaitMs, ...(signal && { signal }) });
      this.degraded = false;
      return waitedMs;
    } catch (error) {
      if (error instanceof RateLimitTimeoutError || signal?.aborted) throw error;
      return this.degrade((error as Error).message);
    }
  }

  private degrade(reason: string): number {
    if (!this.degraded) this.logger.warn(messages.rateLimiterUnavailable(this.connector, reason));
    this.degraded = true;
    return 0;
  }

  /** The provider reported its remaining budget: lower the shared bucket when it is getting low. */
  observe(state: RateLimitState | undefined): void {
    if (!state || state.remaining > this.spec.capacity / 2) return;
    this.tighten(state.remaining, state.resetAtMs);
  }

  /** The provider refused with a wait: every process pauses with us. */
  pause(delayMs: number): void {
    this.tighten(0, Date.now() + delayMs);
  }

  private tighten(remaining: number, resetAtMs: number): void {
    if (!this.redisUp()) return;
    // Best effort and off the call's path: a failure only means the bucket stays a little optimistic.
    this.buckets.tighten(this.spec.key, this.spec, remaining, resetAtMs).catch(() => undefined);
  }
}
