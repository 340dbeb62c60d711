import { Inject, Injectable } from '@nestjs/common';
import type { Queue, JobOptions } from 'bull';
import type { RedisClient, TraceCarrier } from '@aiwire/core';
import { buildIntakeScript } from './intake.lua.js';
import { bullAddJobKeys, bullJobKeyPrefix, bullJobOptions, bullQueueToken, loadBullAddJobScript } from './bull-add-job.js';
import { JITTER_BACKOFF, RESOLVED_WEBHOOK_OPTIONS, WEBHOOK_QUEUE, WEBHOOK_REDIS } from '../webhook.constants.js';
import { WebhookStoreUnavailableError } from '../errors/webhook-store-unavailable.error.js';
import type { HandlerMatch } from '../webhook.registry.js';
import type { ResolvedSource } from '../webhook-sources.js';
import type { ResolvedWebhookOptions } from '../webhook.options.js';
import type { ExecutionJobData } from '../interfaces/execution-job-data.interface.js';
import type { OnWebhookOptions } from '../interfaces/on-webhook-options.interface.js';
import type { StoredWebhookEvent } from '../interfaces/webhook-event.interface.js';

export type StoreOutcome =
  | { readonly kind: 'enqueued' }
  | { readonly kind: 'duplicate' }
  | { readonly kind: 'rate-limited'; readonly retryAfterMs: number }
  | { readonly kind: 'no-handlers' }
  /** JSON cannot write the event (nothing reached Redis): the sender's payload, not an outage. */
  | { readonly kind: 'unstorable'; readonly reason: string };

/** The intake script as an ioredis command: the number of keys, the keys, then ARGV (see intake.lua.ts). */
type IntakeCommand = (...args: (string | number)[]) => Promise<[number, number]>;

/** KEYS before the job hashes: dedup, rate limit and Bull's six addJob keys. */
const FIXED_KEYS = 8;

const JOB_NAME = '__default__';

/** Decides (de-dup, rate limit) and stores (Bull) one verified delivery, in one round trip. */
@Injectable()
export class WebhookStore {
  private readonly keyPrefix: string;
  private readonly timeoutMs: number;
  /** The module's attempts, for handlers that set none (the backoff falls back in the queue's strategy). */
  private readonly attempts: number;
  private readonly intake: IntakeCommand;
  private readonly queueKeys: readonly string[];
  private readonly jobKeyPrefix: string;
  private readonly queueToken: string;
  /** Per subscription: its jobs' opts JSON between the job id and the timestamp (see `optionsJson`). */
  private readonly optionsMiddle = new WeakMap<OnWebhookOptions, string>();

  constructor(
    @Inject(WEBHOOK_REDIS) private readonly redis: RedisClient,
    @Inject(WEBHOOK_QUEUE) queue: Queue<ExecutionJobData>,
    @Inject(RESOLVED_WEBHOOK_OPTIONS) options: ResolvedWebhookOptions,
  ) {
    this.keyPrefix = options.keyPrefix;
    this.timeoutMs = options.storeTimeoutMs;
    this.attempts = options.attempts;
    if (!('aiwireWebhookIntake' in redis)) {
      // No fixed numberOfKeys: each execution's job hash is a key too, so calls pass their key count first.
      redis.defineCommand('aiwireWebhookIntake', { lua: buildIntakeScript(loadBullAddJobScript()) });
    }
    this.intake = (redis as unknown as Record<string, IntakeCommand>)['aiwireWebhookIntake']!.bind(redis);
    this.queueKeys = bullAddJobKeys(queue);
    this.jobKeyPrefix = bullJobKeyPrefix(queue);
    this.queueToken = bullQueueToken(queue);
  }

  dedupKey(source: string, eventId: string): string {
    return `${this.keyPrefix}:dedup:${source}:${eventId}`;
  }

  /**
   * Resolves once Redis holds the outcome, or at once with `unstorable`; rejects with
   * WebhookStoreUnavailableError when Redis fails — and only then. `traces[i]`, when given, is
   * the trace context carried by the job of `matches[i]`.
   */
  store(source: ResolvedSource, event: StoredWebhookEvent, matches: readonly HandlerMatch[], traces?: readonly (TraceCarrier | undefined)[]): Promise<StoreOutcome> {
    const timestamp = Date.now();
    let jobs: string[];
    try {
      jobs = this.jobArguments(event, matches, timestamp, traces);
    } catch (error) {
      // Too deep for the stack, or a cycle or BigInt put there after parsing: retrying cannot help.
      return Promise.resolve({ kind: 'unstorable', reason: (error instanceof Error ? error.message : String(error)).split('\n')[0]! });
    }
    // Fail fast while disconnected rather than parking the request in ioredis' offline queue.
    if (this.redis.status !== 'ready') return Promise.reject(new WebhookStoreUnavailableError(`redis is ${this.redis.status}`));
    // One promise and one timer per delivery, settled by whichever comes first.
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new WebhookStoreUnavailableError(`no answer within ${this.timeoutMs} ms`)), this.timeoutMs);
      this.decideAndEnqueue(source, event.id, jobs, timestamp).then(
        (outcome) => {
          clearTimeout(timer);
          resolve(outcome);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error instanceof WebhookStoreUnavailableError ? error : new WebhookStoreUnavailableError(error instanceof Error ? error.message : String(error)));
        },
      );
    });
  }

  /**
   * Per execution: job id, data JSON, opts. The event is written once and spliced into each job's
   * data, which is byte for byte `JSON.stringify({ event, handler, trace })` (ExecutionJobData's
   * order; no `trace` without one).
   */
  private jobArguments(event: StoredWebhookEvent, matches: readonly HandlerMatch[], timestamp: number, traces: readonly (TraceCarrier | undefined)[] | undefined): string[] {
    if (matches.length === 0) return [];
    const eventJson = JSON.stringify(event);
    const jobs: string[] = [];
    for (let i = 0; i < matches.length; i++) {
      const match = matches[i]!;
      const jobId = executionJobId(event, match.handler.id);
      const trace = traces?.[i];
      const data = `{"event":${eventJson},"handler":${JSON.stringify(match.handler.id)}${trace === undefined ? '' : `,"trace":${JSON.stringify(trace)}`}}`;
      jobs.push(jobId, data, this.optionsJson(jobId, match, timestamp));
    }
    return jobs;
  }

  /**
   * `bullJobOptions(this.jobOptions(jobId, match), timestamp)`, byte for byte, without building and
   * writing the same options object for every delivery: only the job id and the timestamp change.
   */
  private optionsJson(jobId: string, match: HandlerMatch, timestamp: number): string {
    let middle = this.optionsMiddle.get(match.options);
    if (middle === undefined) {
      const marker = 0;
      const full = bullJobOptions(this.jobOptions('', match), marker);
      middle = full.slice('{"jobId":""'.length, full.length - `,"timestamp":${marker}}`.length);
      this.optionsMiddle.set(match.options, middle);
    }
    return `{"jobId":${JSON.stringify(jobId)}${middle},"timestamp":${timestamp}}`;
  }

  private async decideAndEnqueue(source: ResolvedSource, eventId: string, jobs: readonly string[], timestamp: number): Promise<StoreOutcome> {
    const limit = source.rateLimit;
    const args: (string | number)[] = [FIXED_KEYS + jobs.length / 3, this.dedupKey(source.name, eventId), `${this.keyPrefix}:rate:${source.name}`, ...this.queueKeys];
    for (let i = 0; i < jobs.length; i += 3) args.push(this.jobKeyPrefix + jobs[i]!);
    args.push(limit?.limit ?? 0, limit?.windowMs ?? 0, source.dedupTtlMs, this.jobKeyPrefix, this.queueToken, timestamp, JOB_NAME);
    for (const job of jobs) args.push(job);
    const [verdict, retryAfterMs] = await this.intake(...args);
    if (verdict === 1) return { kind: 'duplicate' };
    if (verdict === 2) return { kind: 'rate-limited', retryAfterMs };
    if (verdict === 3) return { kind: 'no-handlers' };
    return ENQUEUED;
  }

  jobOptions(jobId: string, match: HandlerMatch): JobOptions & { jobId: string } {
    const { attempts, backoff } = match.options;
    // Only what the handler sets itself: the queue's backoff strategy falls back to the module's
    // resolved backoff for the rest (webhook.providers.ts), and every job's opts are parsed again
    // by the worker at each attempt.
    const own = { ...(backoff?.delayMs !== undefined && { delayMs: backoff.delayMs }), ...(backoff?.maxDelayMs !== undefined && { maxDelayMs: backoff.maxDelayMs }) };
    return {
      jobId,
      attempts: attempts ?? this.attempts,
      backoff: Object.keys(own).length > 0 ? { type: JITTER_BACKOFF, options: own } : { type: JITTER_BACKOFF },
      removeOnComplete: true,
      // No `removeOnFail: false`: absent is Bull's default (failed jobs are kept as dead letters).
    };
  }
}

const ENQUEUED: StoreOutcome = { kind: 'enqueued' };

/** Stable per (event, handler), so a re-sent delivery can never queue the same execution twice. */
export function executionJobId(event: Pick<StoredWebhookEvent, 'source' | 'id'>, handlerId: string): string {
  return `${event.source}:${event.id}:${handlerId}`;
}
