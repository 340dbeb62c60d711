import { Inject, Injectable } from '@nestjs/common';
import type { Queue, JobOptions } from 'bull';
import type { Redis } from 'ioredis';
import { INTAKE_LUA } from './intake.lua.js';
import { JITTER_BACKOFF, WEBHOOK_QUEUE, WEBHOOK_REDIS, DEFAULT_WEBHOOK_OPTIONS as D } from '../webhook.constants.js';
import { MODULE_OPTIONS_TOKEN } from '../webhook.module-definition.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import type { HandlerMatch } from '../webhook.registry.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';
import type { WebhookModuleOptions } from '../interfaces/webhook-module-options.interface.js';

/** What a Bull job of the webhook queue carries: one event for one handler. */
export interface ExecutionJobData {
  readonly event: StoredWebhookEvent;
  readonly handler: string;
  readonly dedupTtlMs: number;
}

export type StoreOutcome =
  | { readonly kind: 'enqueued' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'no-handlers' };

type IntakeCommand = (numKeys: number, ...args: (string | number)[]) => Promise<[number, number]>;

/** Decides (de-dup, rate limit) and stores (Bull) one verified delivery. */
@Injectable()
export class WebhookStore {
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  private readonly retry: { attempts: number; delayMs: number; maxDelayMs: number };
  private readonly intake: IntakeCommand;

  constructor(
    @Inject(WEBHOOK_REDIS) private readonly redis: Redis,
    @Inject(WEBHOOK_QUEUE) private readonly queue: Queue<ExecutionJobData>,
    @Inject(MODULE_OPTIONS_TOKEN) options: WebhookModuleOptions,
  ) {
    this.keyPrefix = options.keyPrefix ?? D.keyPrefix;
    this.timeoutMs = options.storeTimeoutMs ?? D.storeTimeoutMs;
    this.retry = {
      attempts: options.attempts ?? D.attempts,
      delayMs: options.backoff?.delayMs ?? D.backoffDelayMs,
      maxDelayMs: options.backoff?.maxDelayMs ?? D.backoffMaxDelayMs,
    };
    if (!('aiwireWebhookIntake' in redis)) redis.defineCommand('aiwireWebhookIntake', { lua: INTAKE_LUA });
    const command = (redis as unknown as Record<string, IntakeCommand>)['aiwireWebhookIntake'];
    if (!command) throw new Error('ioredis did not define the intake command');
    this.intake = command.bind(redis);
  }

  dedupKey(source: string, eventId: string): string {
    return `${this.keyPrefix}:dedup:${source}:${eventId}`;
  }

  /** Resolves once Redis holds the outcome; rejects with WebhookStoreUnavailableError otherwise. */
  async store(source: ResolvedSource, event: StoredWebhookEvent, matches: readonly HandlerMatch[]): Promise<StoreOutcome> {
    // Fail fast while disconnected rather than parking the request in ioredis' offline queue.
    if (this.redis.status !== 'ready') throw new WebhookStoreUnavailableError(`redis is ${this.redis.status}`);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new WebhookStoreUnavailableError(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
    });
    try {
      return await Promise.race([this.decideAndEnqueue(source, event, matches), timeout]);
    } catch (error) {
      if (error instanceof WebhookStoreUnavailableError) throw error;
      throw new WebhookStoreUnavailableError(error instanceof Error ? error.message : String(error));
    } finally {
      clearTimeout(timer);
    }
  }

  private async decideAndEnqueue(source: ResolvedSource, event: StoredWebhookEvent, matches: readonly HandlerMatch[]): Promise<StoreOutcome> {
    const jobIds = matches.map((m) => executionJobId(event, m.handler.id));
    const [verdict, retryAfterMs] = await this.decide(source, event, jobIds);
    if (verdict === 1) return { kind: 'duplicate' };
    if (verdict === 2) return { kind: 'rate-limited', retryAfterMs };
    if (verdict === 3) return { kind: 'no-handlers' };
    const jobs = matches.map((m, i) => ({
      data: { event, handler: m.handler.id, dedupTtlMs: source.dedupTtlMs },
      opts: this.jobOptions(jobIds[i] as string, m),
    }));
    // Bull adds a bulk in one MULTI: every execution is stored, or none is.
    if (jobs.length === 1) await this.queue.add(jobs[0]!.data, jobs[0]!.opts);
    else await this.queue.addBulk(jobs);
    return { kind: 'enqueued' };
  }

  /**
   * Verdict as INTAKE_LUA returns it. Without a rate limit the same decision needs no script:
   * one EXISTS over the id and its executions, or one SET NX when nothing will run — cheaper for
   * Redis, which shares the measured path with every other instance.
   */
  private async decide(source: ResolvedSource, event: StoredWebhookEvent, jobIds: readonly string[]): Promise<[number, number]> {
    const dedupKey = this.dedupKey(source.name, event.id);
    const jobKeys = jobIds.map((id) => this.queue.toKey(id));
    const limit = source.rateLimit;
    if (limit) return this.intake(2 + jobKeys.length, dedupKey, `${this.keyPrefix}:rate:${source.name}`, ...jobKeys, limit.limit, limit.windowMs, source.dedupTtlMs);
    if (jobKeys.length === 0) return [(await this.redis.set(dedupKey, '1', 'PX', source.dedupTtlMs, 'NX')) === null ? 1 : 3, 0];
    return [(await this.redis.exists(dedupKey, ...jobKeys)) > 0 ? 1 : 0, 0];
  }

  jobOptions(jobId: string, match: HandlerMatch): JobOptions {
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
