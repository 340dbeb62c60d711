import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleInit } from '@nestjs/common';
import type { Job, JobInformation, Queue } from 'bull';
import type { RedisClient } from '@aiwire/core';
import { FlowRegistry } from '../flows.registry.js';
import { FlowsExplorer } from '../flows.explorer.js';
import { FlowsService } from '../flows.service.js';
import { FlowConfigurationError } from '../errors/flow-configuration.error.js';
import { FLOWS_QUEUE, FLOWS_REDIS, RESOLVED_FLOWS_OPTIONS } from '../flows.constants.js';
import type { ResolvedFlowsOptions } from '../flows.options.js';
import { cronTriggers, type CronTriggerOf } from './flow-triggers.js';
import { assertCronShape, assertTimeZone, cronJobId, CRON_JOB_NAME, type CronJobData } from './cron-schedule.js';
import { triggerMessages as messages } from './triggers.messages.js';

/** Executions of one firing's job, the first included. */
const FIRING_ATTEMPTS = 5;

/**
 * Cron triggers as Bull repeatable jobs on the flow queue. Every process adds every schedule at
 * startup (Bull keeps one per name, job id, time zone and pattern, and one job per firing), and
 * removes the schedules of flows that changed or went; a worker turns each firing into one run
 * whose id is `cron:<flow>:<firing ms>`, so a firing seen twice still starts one run.
 */
@Injectable()
export class CronTriggers implements OnModuleInit, OnApplicationBootstrap {
  private readonly logger = new Logger(CronTriggers.name);

  constructor(
    @Inject(FLOWS_QUEUE) private readonly queue: Queue<CronJobData>,
    @Inject(RESOLVED_FLOWS_OPTIONS) private readonly options: ResolvedFlowsOptions,
    @Inject(FLOWS_REDIS) private readonly redis: RedisClient,
    private readonly registry: FlowRegistry,
    private readonly flows: FlowsService,
    // Injected so that its onModuleInit, which fills the registry, runs before this one (Nest calls hooks by dependency depth).
    _explorer: FlowsExplorer,
  ) {}

  async onModuleInit(): Promise<void> {
    const schedules = cronTriggers(this.registry.all());
    for (const s of schedules) {
      assertCronShape(s.flow, s.cron);
      if (s.tz !== undefined) assertTimeZone(s.flow, s.tz);
    }
    if (this.redis.status === 'ready') return this.sync(schedules);
    // Redis is down: the app starts anyway (as the rest of the module does), and the schedules are
    // written once it is back; a pattern Bull refuses is then logged rather than thrown.
    if (schedules.length > 0) this.logger.warn(messages.schedulesDeferred(schedules.length));
    this.sync(schedules).catch((error: unknown) => this.logger.error(error instanceof Error ? error.message : String(error)));
  }

  onApplicationBootstrap(): void {
    if (!this.options.workers) return;
    // Always, even with no cron flow here: a firing left by another version must not meet a worker without a handler.
    this.queue.process(CRON_JOB_NAME, 1, (job: Job<CronJobData>) => this.fire(job)).catch((error: unknown) => {
      this.logger.error(messages.cronWorkerStopped(error instanceof Error ? error.message : String(error)));
    });
  }

  private async sync(schedules: readonly CronTriggerOf[]): Promise<void> {
    for (const s of schedules) await this.add(s);
    await this.removeStale(schedules);
  }

  private async add(s: CronTriggerOf): Promise<void> {
    try {
      await this.queue.add(CRON_JOB_NAME, { flow: s.flow }, {
        jobId: cronJobId(s.flow),
        repeat: { cron: s.cron, ...(s.tz !== undefined && { tz: s.tz }) },
        // A firing that could not start its run (Redis blinked) tries again: its run id makes that safe.
        attempts: FIRING_ATTEMPTS,
        backoff: { type: 'exponential', delay: 1_000 },
        removeOnComplete: true,
        removeOnFail: 100,
      });
    } catch (error) {
      // Bull parses the pattern when it computes the next firing: a bad one rejects the add.
      throw new FlowConfigurationError(messages.badCron(s.flow, s.cron, error instanceof Error ? error.message : String(error)));
    }
  }

  private async removeStale(schedules: readonly CronTriggerOf[]): Promise<void> {
    const wanted = new Set(schedules.map((s) => scheduleKey(cronJobId(s.flow), s.cron, s.tz)));
    const existing: JobInformation[] = await this.queue.getRepeatableJobs();
    for (const job of existing) {
      if (job.name !== CRON_JOB_NAME || wanted.has(scheduleKey(job.id ?? '', job.cron, job.tz))) continue;
      await this.queue.removeRepeatableByKey(job.key);
      this.logger.log(messages.staleScheduleRemoved(job.id ?? '', job.cron));
    }
  }

  private async fire(job: Job<CronJobData>): Promise<void> {
    const { flow } = job.data;
    if (this.registry.get(flow) === undefined) {
      this.logger.warn(messages.cronFlowGone(flow));
      return;
    }
    // Bull keeps the firing's scheduled moment as `prevMillis` (untyped); it is the same in every process.
    const millis = (job.opts as { prevMillis?: number }).prevMillis ?? job.timestamp;
    const scheduledAt = new Date(millis).toISOString();
    await this.flows.startTriggered(flow, { scheduledAt }, { id: `cron:${flow}:${millis}`, trigger: { kind: 'cron', scheduledAt } });
  }
}

function scheduleKey(jobId: string, cron: string, tz: string | null | undefined): string {
  return JSON.stringify([jobId, cron, tz ?? null]);
}
