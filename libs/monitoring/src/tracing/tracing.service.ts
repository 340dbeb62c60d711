import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { MONITORING_OPTIONS } from '../monitoring.constants.js';
import type { ResolvedMonitoringOptions } from '../monitoring.options.js';
import { hasContextManager, loadOtelApi, type OtelApi } from './otel-api.js';
import { startTracing } from './tracing-runtime.js';
import { messages } from './tracing.messages.js';

/**
 * Turns tracing on at module init — before workers start and the intake listens — when `tracing`
 * is on and `@opentelemetry/api` can be imported, and off when the app has shut down (after the
 * workers and the last calls ended, so their spans are still made).
 */
@Injectable()
export class TracingService implements OnModuleInit, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TracingService.name);
  private api: OtelApi | undefined;
  private stop: (() => void) | undefined;

  constructor(@Inject(MONITORING_OPTIONS) private readonly options: ResolvedMonitoringOptions) {}

  /** Whether this app turned tracing on. */
  get enabled(): boolean {
    return this.stop !== undefined;
  }

  async onModuleInit(): Promise<void> {
    if (!this.options.tracing) return;
    this.api = await loadOtelApi();
    if (this.api === undefined) {
      this.logger.warn(messages.apiMissing());
      return;
    }
    this.stop = startTracing(this.api);
    this.logger.log(messages.started());
  }

  /** Checked once the app is built: the SDK is usually started first, but may be started by a module. */
  onApplicationBootstrap(): void {
    if (this.api !== undefined && !hasContextManager(this.api)) this.logger.warn(messages.noContextManager());
  }

  onApplicationShutdown(): void {
    this.stop?.();
    this.stop = undefined;
  }
}
