import type { Logger } from '@nestjs/common';
import { messages } from '../ai.messages.js';

/**
 * Logs the first failure of Redis-held bookkeeping (limits, budget), then stays quiet: calls go on
 * without it, and one line says so instead of one per call while Redis is away.
 */
export class RedisFailureWarning {
  private warned = false;

  constructor(private readonly logger: Logger) {}

  warn(what: string, error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    this.logger.warn(messages.redisFailed(what, error instanceof Error ? error.message : String(error)));
  }
}
