import { Module, type INestApplicationContext, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Redis } from 'ioredis';
import { FlowsModule, FlowsService, type FlowRunDetail, type FlowRunStatus, type FlowsModuleOptions } from '@aiwire/flows';
import { CapturingLogger } from '../../../test/support/capturing-logger.js';
import { REDIS_URL } from '../../../test/support/redis.js';
import { waitFor } from '../../../test/support/wait.js';

export interface FlowsApp {
  readonly app: INestApplicationContext;
  readonly flows: FlowsService;
  readonly logs: CapturingLogger;
  close(): Promise<void>;
}

/** Boots `providers` with FlowsModule (forRoot, or forRootAsync with `async`) on `prefix`, as a worker app does. */
export async function startFlows(
  providers: readonly Type<unknown>[],
  prefix: string,
  options: Partial<FlowsModuleOptions> = {},
  mode: 'forRoot' | 'forRootAsync' = 'forRoot',
): Promise<FlowsApp> {
  const resolved: FlowsModuleOptions = { redis: { url: REDIS_URL }, keyPrefix: prefix, queue: { prefix }, backoff: { delayMs: 10, maxDelayMs: 40 }, ...options };
  const flowsModule = mode === 'forRoot' ? FlowsModule.forRoot(resolved) : FlowsModule.forRootAsync({ useFactory: async () => resolved });
  @Module({ imports: [flowsModule], providers: [...providers] })
  class AppModule {}
  const logs = new CapturingLogger();
  const app = await NestFactory.createApplicationContext(AppModule, { logger: logs, abortOnError: false });
  return { app, flows: app.get(FlowsService), logs, close: () => app.close() };
}

/** Waits until the run has `status` (one of several), and returns it. */
export function waitForStatus(flows: FlowsService, runId: string, status: FlowRunStatus | readonly FlowRunStatus[], timeoutMs = 10_000): Promise<FlowRunDetail> {
  const wanted = typeof status === 'string' ? [status] : status;
  return waitFor(async () => {
    const run = await flows.get(runId);
    return run && wanted.includes(run.status) ? run : undefined;
  }, timeoutMs, `run ${runId} to be ${wanted.join(' or ')}`);
}

/** A plain Redis connection for a test to look at the keys itself. */
export function rawRedis(): Redis {
  return new Redis(REDIS_URL);
}

/** A promise a test resolves when it wants a step to go on. */
export function gate(): { promise: Promise<void>; open(): void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}
