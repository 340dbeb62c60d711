import { Logger } from '@nestjs/common';
import { CircuitOpenError, RateLimitTimeoutError, sleep } from '@aiwire/core';
import { rateLimitChannel } from '../ai.channels.js';
import { AiProviderError } from '../errors/ai-provider.error.js';
import { AiTimeoutError } from '../errors/ai-timeout.error.js';
import type { ProviderCall, ProviderReply } from '../providers/ai-provider.interface.js';
import type { AiRateLimiter, Reservation } from '../limits/ai-rate-limiter.js';
import { worstCaseUsage } from '../limits/token-estimator.js';
import { RedisFailureWarning } from './redis-failure-warning.js';
import { publishAttempt } from './attempt-events.js';
import { checkOutput } from './output-check.js';
import type { PreparedRequest } from './prepared-request.js';
import type { ProviderEntry } from './provider-registry.js';
import { judge, retryDelay, type DelayOptions, type Verdict } from './retry-policy.js';

export interface Served {
  reply: ProviderReply;
  /** The validated structured output. */
  value?: unknown;
  attempts: number;
}

/** A provider failed for good for this call. */
export class ProviderGaveUp extends Error {
  constructor(
    readonly error: unknown,
    readonly verdict: Verdict,
    readonly attempts: number,
  ) {
    super(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

export interface RunnerOptions extends DelayOptions {
  maxRetries: number;
}

/** One provider's attempts for one call: limiter, circuit, timeout, validation, retries. */
export class AttemptRunner {
  private readonly logger = new Logger(AttemptRunner.name);
  private readonly redisFailure = new RedisFailureWarning(this.logger);

  constructor(
    private readonly limiter: AiRateLimiter,
    private readonly options: RunnerOptions,
  ) {}

  async run(entry: ProviderEntry, request: PreparedRequest, model: string, deadlineAt: number): Promise<Served> {
    const { provider, breaker } = entry;
    const deterministic = provider.kind === 'local';
    // Attempts that reached the provider; a refusal by the circuit or the limiter is not one.
    let made = 0;
    for (let attempt = 1; ; attempt++) {
      const remaining = deadlineAt - Date.now();
      if (remaining <= 0) {
        const error = new AiTimeoutError(provider.name, 'deadline', request.deadlineMs);
        throw new ProviderGaveUp(error, judge(error, deterministic), made);
      }
      const started = Date.now();
      let reservation: Reservation | undefined;
      try {
        reservation = deterministic ? undefined : await this.reserve(entry, request, remaining);
        const timeoutMs = Math.min(request.timeoutMs, deadlineAt - Date.now());
        const signal = request.signal ? AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]) : AbortSignal.timeout(timeoutMs);
        const call: ProviderCall = {
          model,
          messages: request.messages,
          signal,
          timeoutMs,
          ...(request.temperature !== undefined && { temperature: request.temperature }),
          ...(request.maxTokens !== undefined && { maxTokens: request.maxTokens }),
          ...(request.output && { output: request.output.spec }),
          ...(request.task && { task: request.task }),
        };
        const reply = await breaker.execute(() => {
          made += 1;
          return provider.complete(call);
        });
        // Bookkeeping is off the caller's path: the answer is here, the buckets catch up a moment later.
        void this.settle(reservation, reply);
        const value = await checkOutput(provider.name, request, reply);
        publishAttempt({ entry, request, model, attempt, outcome: 'success', started, reply });
        return { reply, attempts: made, ...(request.output && { value }) };
      } catch (error) {
        if (request.signal?.aborted) throw request.signal.reason;
        await this.settle(reservation, error);
        const verdict = judge(error, deterministic);
        const delayMs = verdict.retryable && attempt <= this.options.maxRetries ? retryDelay(attempt, verdict, this.options) : undefined;
        // A wait that would end past the deadline is pointless: give up now and let the next provider serve.
        if (delayMs === undefined || Date.now() + delayMs >= deadlineAt) {
          const final = verdict.retryable && verdict.reason !== 'rate_limited' && verdict.reason !== 'invalid_output' ? { ...verdict, reason: 'retries_exhausted' as const } : verdict;
          publishAttempt({ entry, request, model, attempt, outcome: 'failed', started, error, verdict: final });
          throw new ProviderGaveUp(error, final, made);
        }
        publishAttempt({ entry, request, model, attempt, outcome: 'retry', started, error, verdict, delayMs });
        await sleep(delayMs, request.signal);
      }
    }
  }

  private async reserve(entry: ProviderEntry, request: PreparedRequest, remaining: number): Promise<Reservation | undefined> {
    const provider = entry.provider.name;
    if (!this.limiter.isLimited(provider)) return undefined;
    const usage = worstCaseUsage(request, entry.provider.reservedOutputTokens);
    const tokens = usage.inputTokens + usage.outputTokens;
    try {
      const { reservation, waitedMs } = await this.limiter.reserve(provider, tokens, Math.min(this.limiter.maxWaitMs(provider), remaining), request.signal);
      if (waitedMs > 0 && rateLimitChannel.hasSubscribers) rateLimitChannel.publish({ provider, waitedMs, tokens: reservation.tokens });
      return reservation;
    } catch (error) {
      if (error instanceof RateLimitTimeoutError || request.signal?.aborted) throw error;
      this.redisFailure.warn('rate limiting', error);
      return undefined;
    }
  }

  /** Settles the attempt's reservation; after a success this runs off the caller's path. */
  private async settle(reservation: Reservation | undefined, outcome: ProviderReply | unknown): Promise<void> {
    if (!reservation) return;
    try {
      if (outcome instanceof AiProviderError) {
        // An error status means nothing was generated: the reserved tokens go back.
        await this.limiter.settle(reservation, 0, outcome.rateLimits);
      } else if (outcome instanceof CircuitOpenError) {
        await this.limiter.settle(reservation, 0, undefined);
      } else if (isReply(outcome)) {
        await this.limiter.settle(reservation, outcome.usage.inputTokens + outcome.usage.outputTokens, outcome.rateLimits);
      } else {
        await this.limiter.settle(reservation, undefined, undefined);
      }
    } catch (error) {
      this.redisFailure.warn('rate-limit bookkeeping', error);
    }
  }

}

function isReply(value: unknown): value is ProviderReply {
  return typeof value === 'object' && value !== null && 'usage' in value && 'finishReason' in value;
}
