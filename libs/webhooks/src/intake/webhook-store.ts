import { Inject, Injectable } from '@nestjs/common';
import type { Queue, JobOptions } from 'bull';
import type { RedisClient } from '@aiwire/core';
import { buildIntakeScript } from './intake.lua.js';
import { bullAddJobKeys, bullJobKeyPrefix, bullJobOptions, bullQueueToken, loadBullAddJobScript, msgpackString } from './bull-add-job.js';
import { JITTER_BACKOFF, WEBHOOK_QUEUE, WEBHOOK_REDIS, DEFAULT_WEBHOOK_OPTIONS as D } from '../webhook.constants.js';
import { MODULE_OPTIONS_TOKEN } from '../webhook.module-definition.js';
import { resolveWebhookRedisKeys } from '../webhook-redis.providers.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import type { HandlerMatch } from '../webhook.registry.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';
import type { WebhookModuleOptions } from '../interfaces/webhook-module-options.interface.js';

/** What a Bull job of the webhook queue carries: one event for one handler. */
export interface ExecutionJobData {
  readonly event: StoredWebhookEvent;
  readonly handler: string;
}

export type StoreOutcome =
  | { readonly kind: 'enqueued' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'no-handlers' }
  /** JSON cannot write the event (nothing reached Redis): the sender's payload, not an outage. */
  | { readonly kind: 'unstorable'; readonly reason: string };

/** The intake script as an ioredis command: the number of keys, the keys, then ARGV (see intake.lua.ts). */
type IntakeCommand = (...args: (string | number | Buffer)[]) => Promise<[number, number]>;

/** KEYS before the job hashes: dedup, rate limit and Bull's six addJob keys. */
const FIXED_KEYS = 8;

const JOB_NAME = '__default__';

/** Decides (de-dup, rate limit) and stores (Bull) one verified delivery, in one round trip. */
@Injectable()
export class WebhookStore {
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly retry: { attempts: number; delayMs: number; maxDelayMs: number };
  private readonly intake: IntakeCommand;
  private readonly queueKeys: readonly string[];
  private readonly jobKeyPrefix: string;
  private readonly queueToken: string;

  constructor(
    @Inject(WEBHOOK_REDIS) private readonly redis: RedisClient,
    @Inject(WEBHOOK_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(MODULE_OPTIONS_TOKEN) options: WebhookModuleOptions,
  ) {
    this.keyPrefix = resolveWebhookRedisKeys(options).keyPrefix;
    this.timeoutMs = options.storeTimeoutMs ?? D.storeTimeoutMs;
    this.retry = {
      attempts: options.attempts ?? D.attempts,
      delayMs: options.backoff?.delayMs ?? D.backoffDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? D.backoffMaxDelayMs,
    };
    if (!('aiwireWebhookIntake' in redis)) {
      // No fixed numberOfKeys: each execution's job hash is a key too, so calls pass their key count first.
      redis.defineCommand('aiwireWebhookIntake', { lua: buildIntakeScript(loadBullAddJobScript()) });
    }
    const command = (redis as unknown as Record<string, IntakeCommand>)['aiwireWebhookIntake'];
    if (!command) throw new Error('ioredis did not define the intake command');
    this.intake = command.bind(redis);
    this.queueKeys = bullAddJobKeys(queue);
    this.jobKeyPrefix = bullJobKeyPrefix(queue);
    this.queueToken = bullQueueToken(queue);
  }

  dedupKey(source: string, eventId: string): string {
    return `${this.keyPrefix}:dedup:${source}:${eventId}`;
  }

  /**
   * Resolves once Redis holds the outcome, or at once with `unstorable`; rejects with
   * WebhookStoreUnavailableError when Redis fails — and only then.
   */
  async store(source: ResolvedSource, event: StoredWebhookEvent, matches: readonly HandlerMatch[]): Promise<StoreOutcome> {
    const timestamp = Date.now();
    let jobs: (string | Buffer)[];
    try {
      jobs = this.jobArguments(event, matches, timestamp);
    } catch (error) {
      // Too deep for the stack, or a cycle or BigInt put there after parsing: retrying cannot help.
      return { kind: 'unstorable', reason: (error instanceof Error ? error.message : String(error)).split('\n')[0]! };
    }
    // Fail fast while disconnected rather than parking the request in ioredis' offline queue.
    if (this.redis.status !== 'ready') throw new WebhookStoreUnavailableError(`redis is ${this.redis.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WebhookStoreUnavailableError(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.decideAndEnqueue(source, event.id, jobs, timestamp), timeout]);
    } catch (error) {
      if (error instanceof WebhookStoreUnavailableError) throw error;
      throw new WebhookStoreUnavailableError(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Per execution: job id, data JSON, opts. The event is written once and spliced into each job's
   * data, which is byte for byte `JSON.stringify({ event, handler })` (ExecutionJobData's order).
   */
  private jobArguments(event: StoredWebhookEvent, matches: readonly HandlerMatch[], timestamp: number): (string | Buffer)[] {
    if (matches.length === 0) return [];
    const eventJson = JSON.stringify(event);
    const jobs: (string | Buffer)[] = [];
    for (const match of matches) {
      const jobId = executionJobId(event, match.handler.id);
      jobs.push(jobId, `{"event":${eventJson},"handler":${JSON.stringify(match.handler.id)}}`, msgpackString(bullJobOptions(this.jobOptions(jobId, match), timestamp)));
    }
    return jobs;
  }

  private async decideAndEnqueue(source: ResolvedSource, eventId: string, jobs: readonly (string | Buffer)[], timestamp: number): Promise<StoreOutcome> {
    const limit = source.rateLimit;
    const args: (string | number | Buffer)[] = [FIXED_KEYS + jobs.length / 3, this.dedupKey(source.name, eventId), `${this.keyPrefix}:rate:${source.name}`, ...this.queueKeys];
    for (let i = 0; i < jobs.length; i += 3) args.push(this.jobKeyPrefix + (jobs[i] as string));
    args.push(limit?.limit ?? 0, limit?.windowMs ?? 0, source.dedupTtlMs, this.jobKeyPrefix, this.queueToken, timestamp, JOB_NAME, ...jobs);
    const [verdict, retryAfterMs] = await this.intake(...args);
    if (verdict === 1) return { kind: 'duplicate' };
    if (verdict === 2) return { kind: 'rate-limited', retryAfterMs };
    if (verdict === 3) return { kind: 'no-handlers' };
    return { kind: 'enqueued' };
  }

  jobOptions(jobId: string, match: HandlerMatch): JobOptions & { jobId: string } {
    const { attempts, backoff } = match.options;
    return {
      jobId,
      attempts: attempts ?? this.retry.attempts,
      backoff: {
        type: JITTER_BACKOFF,
        options: { delayMs: backoff?.delayMs ?? this.retry.delayMs, maxDelayMs: backoff?.maxDelayMs ?? this.retry.maxDelayMs },
      },
      removeOnComplete: true,
      removeOnFail: false,
    };
  }
}

/** Stable per (event, handler), so a re-sent delivery can never queue the same execution twice. */
export function executionJobId(event: Pick<StoredWebhookEvent, 'source' | 'id'>, handlerId: string): string {
  return `${event.source}:${event.id}:${handlerId}`;
}
