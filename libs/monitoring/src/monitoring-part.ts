import type { DynamicModule, ForwardReference, Provider, Type } from '@nestjs/common';
import type { ResolvedMonitoringRoutes } from './monitoring.options.js';

/**
 * What one part (logs, metrics, health, tracing, admin, alerts, interceptors) adds to the module.
 * Built before the options are known (forRootAsync): its providers read `MONITORING_OPTIONS` and
 * do nothing when their part is off; its controllers answer 404 then.
 */
export interface MonitoringPart {
  readonly imports?: Array<Type<unknown> | DynamicModule | Promise<DynamicModule> | ForwardReference>;
  readonly providers?: Provider[];
  readonly controllers?: Type<unknown>[];
  readonly exports?: Array<string | symbol | Provider | Type<unknown>>;
}

export type MonitoringPartFactory = (routes: ResolvedMonitoringRoutes) => MonitoringPart;
