import { Inject, Injectable, Logger as NestLogger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import type { Logger } from 'pino';
import { MONITORING_LOGGER } from './logs.constants.js';
import { messages } from './logs.messages.js';
import { LOGS_SETUP, type LogsSetup } from './logs.providers.js';
import { discoverSecrets } from './discovered-secrets.js';
import { subscribeLogs } from './log-subscriptions.js';

/**
 * Runs the logs part: subscribes the line writers to the `aiwire:*` channels, adds the secrets of
 * the app's other aiwire modules to the censor once every module is built, and unsubscribes and
 * flushes at shutdown. Does nothing when `logs` is off.
 */
@Injectable()
export class MonitoringLogs implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private unsubscribe: (() => void) | undefined;

  constructor(
    @Inject(MONITORING_LOGGER) private readonly logger: Logger | undefined,
    @Inject(LOGS_SETUP) private readonly setup: LogsSetup | undefined,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    if (this.logger && !this.unsubscribe) this.unsubscribe = subscribeLogs(this.logger);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.setup?.options.discoverSecrets) return;
    const nest = new NestLogger(MonitoringLogs.name);
    const found = await discoverSecrets(this.discovery, (error) => nest.warn(messages.discoveryFailed(error instanceof Error ? error.name : String(error))));
    if (this.setup.censor.add(found.values) > 0) nest.log(messages.secretsDiscovered(this.setup.censor.size, found.from));
  }

  async onApplicationShutdown(): Promise<void> {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    // Buffered lines reach the destination before the app is gone (a flush error has nowhere to be logged).
    const logger = this.logger;
    if (logger) await new Promise<void>((resolve) => logger.flush(() => resolve()));
  }
}
