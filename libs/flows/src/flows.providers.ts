import { Logger, type Provider } from '@nestjs/common';
import Bull from 'bull';
import { connectBullClients, createBullClientFactory, type BullClientFactory, type RedisClient } from '@aiwire/core';
import { MODULE_OPTIONS_TOKEN } from './flows.module-definition.js';
import { FLOWS_CLIENTS, FLOWS_QUEUE, FLOWS_QUEUE_NAME, FLOWS_REDIS, RESOLVED_FLOWS_OPTIONS } from './flows.constants.js';
import { messages } from './flows.messages.js';
import { resolveFlowsOptions, type ResolvedFlowsOptions } from './flows.options.js';
import { FlowMetadataAccessor } from './flow-metadata.accessor.js';
import { FlowsExplorer } from './flows.explorer.js';
import { FlowRegistry } from './flows.registry.js';
import { FlowsOrchestrator } from './flows.orchestrator.js';
import { FlowsService } from './flows.service.js';
import { RunStore } from './engine/run-store.js';
import { FlowScheduler } from './engine/flow-scheduler.js';
import { RunFinisher } from './engine/run-finisher.js';
import { RunQueries } from './engine/run-queries.js';
import { FlowEvents } from './engine/flow-events.js';
import { FlowRunner } from './engine/flow-runner.js';
import { RunRecovery } from './engine/run-recovery.js';
import { flowTriggerProviders } from './triggers/flow-triggers.providers.js';
import type { FlowJobData } from './engine/flow-job.js';

/** Longest wait for Redis at startup; after it the app starts and runs wait until Redis is back. */
const READY_TIMEOUT_MS = 10_000;

export function createClients(options: ResolvedFlowsOptions): BullClientFactory {
  return createBullClientFactory(options.redis);
}

/** The store's connection (Bull's shared 'client'), watched and waited for; a Redis of the wrong kind fails the startup. */
export function connectClient(clients: BullClientFactory): Promise<RedisClient> {
  return connectBullClients(clients, { logger: new Logger('FlowsModule'), messages: { down: messages.redisDown, up: messages.redisBack }, readyTimeoutMs: READY_TIMEOUT_MS });
}

/** The flow queue; `_client` is the connected client, so the queue opens no connection before it is checked. */
export function createQueue(options: ResolvedFlowsOptions, clients: BullClientFactory, _client: RedisClient): Bull.Queue<FlowJobData> {
  const { queue } = options;
  return new Bull<FlowJobData>(FLOWS_QUEUE_NAME, {
    prefix: queue.prefix,
    createClient: clients,
    settings: { lockDuration: queue.lockDurationMs, stalledInterval: queue.stalledIntervalMs, maxStalledCount: queue.maxStalledCount },
  });
}

/** Everything the module provides. */
export const flowsProviders: Provider[] = [
  { provide: RESOLVED_FLOWS_OPTIONS, inject: [MODULE_OPTIONS_TOKEN], useFactory: resolveFlowsOptions },
  { provide: FLOWS_CLIENTS, inject: [RESOLVED_FLOWS_OPTIONS], useFactory: createClients },
  { provide: FLOWS_REDIS, inject: [FLOWS_CLIENTS], useFactory: connectClient },
  { provide: FLOWS_QUEUE, inject: [RESOLVED_FLOWS_OPTIONS, FLOWS_CLIENTS, FLOWS_REDIS], useFactory: createQueue },
  {
    provide: RunStore,
    inject: [FLOWS_REDIS, RESOLVED_FLOWS_OPTIONS],
    useFactory: (redis: RedisClient, options: ResolvedFlowsOptions) => new RunStore(redis, options.keyPrefix, options.retentionSeconds),
  },
  FlowMetadataAccessor, FlowRegistry, FlowsExplorer, FlowScheduler, RunFinisher, RunQueries, FlowEvents, FlowRunner, RunRecovery, FlowsOrchestrator, FlowsService,
  ...flowTriggerProviders,
];
