import type { Logger } from '@nestjs/common';
import type { RedisClient } from '@aiwire/core';
import { cachingMessages } from './caching.messages.js';

export const FAILED: unique symbol = Symbol('redis failed');

/** After a failure the cache is skipped this long, so a slow Redis delays one request, not each. */
const COOLDOWN_MS = 1_000;

/**
 * Redis for the response cache, where a failure is never the request's: every command is bounded
 * by a timeout and answers `FAILED` instead of throwing; the first failure of an outage is logged
 * (and the recovery), and after one the cache is skipped for a second.
 */
export class BoundedRedis {
  private pausedUntil = 0;
  private failing = false;

  constructor(
    readonly client: RedisClient,
    private readonly logger: Logger,
  ) {}

  /** Connected, and not pausing after a failure. Down is already logged by the module's connection. */
  get usable(): boolean {
    return this.client.status === 'ready' && Date.now() >= this.pausedUntil;
  }

  /** `command`'s answer, or `FAILED` when it rejects or takes longer than `timeoutMs`. */
  async run<T>(command: () => Promise<T>, timeoutMs: number): Promise<T | typeof FAILED> {
    try {
      const answer = await within(command(), timeoutMs);
      if (answer === undefined) return this.failed(`no answer within ${timeoutMs} ms`);
      if (this.failing) this.logger.log(cachingMessages.redisBack());
      this.failing = false;
      return answer.value;
    } catch (error) {
      return this.failed(error instanceof Error ? error.message : String(error));
    }
  }

  private failed(reason: string): typeof FAILED {
    this.pausedUntil = Date.now() + COOLDOWN_MS;
    if (!this.failing) this.logger.warn(cachingMessages.redisFailed(reason));
    this.failing = true;
    return FAILED;
  }
}

/** `{ value }` if `promise` resolves within `ms`, else undefined (a rejection passes through). */
export async function within<T>(promise: Promise<T>, ms: number): Promise<{ value: T } | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<undefined>((resolve) => (timer = setTimeout(resolve, ms, undefined)));
  try {
    return await Promise.race([promise.then((value) => ({ value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}
