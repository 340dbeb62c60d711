import type { CanActivate, Type } from '@nestjs/common';
import type { RedisConnectionConfig, Secret } from '@aiwire/core';

/** pino's levels. */
export type MonitoringLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A duration: milliseconds, or a string such as `'30s'`, `'5m'`, `'1h'`, `'1d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

/** Logs with nestjs-pino: one JSON line per webhook event, AI call and connector call. */
export interface MonitoringLogsOptions {
  /** @default 'info' */
  level?: MonitoringLogLevel;
  /** Human-readable lines through pino-pretty (install it) instead of JSON. @default false */
  pretty?: boolean;
  /** Extra pino redact paths, on top of the built-in ones (authorization, cookies, signatures, tokens, secrets). */
  redact?: string[];
  /** Values censored wherever they appear in a line (e.g. your API keys); each source's and connector's secrets are added. */
  secrets?: string[];
  /** One pino-http line per HTTP request of the host app too (besides `LoggingInterceptor`). @default false */
  http?: boolean;
}

/** Prometheus metrics with prom-client. */
export interface MonitoringMetricsOptions {
  /** Where the text exposition is served. @default '/metrics' */
  path?: string;
  /** Also collect prom-client's default Node.js process metrics. @default true */
  defaultMetrics?: boolean;
  /** Histogram buckets of the `*_duration_seconds` metrics, in seconds. */
  buckets?: number[];
}

/** Liveness and readiness with @nestjs/terminus. */
export interface MonitoringHealthOptions {
  /** Base path: `{path}/live` and `{path}/ready`. @default '/health' */
  path?: string;
  /** Readiness fails when a queue's waiting + delayed jobs pass this many (all queues, or per queue name). */
  maxBacklog?: number | Record<string, number>;
  /** Readiness fails when dead letters are present (they are always reported in the details). @default false */
  failOnDeadLetters?: boolean;
  /** Readiness fails while a circuit breaker is open (always reported in the details). @default false */
  failOnOpenCircuit?: boolean;
  /** Longest wait for Redis' answer before readiness reports it down. @default 1000 */
  timeoutMs?: number;
}

/** The admin: the queue UI (bull-board) and the dead-letter API. */
export interface MonitoringAdminOptions {
  /** Base path: `{path}/queues`, `{path}/dead-letters`. @default '/admin' */
  path?: string;
  /** HTTP basic auth; compared in constant time. Either this or `guard` is required. */
  basicAuth?: { user: string; /** A value, or `env('ADMIN_PASSWORD')` read from the environment at startup. */ password: Secret };
  /** A host guard instead of (or on top of) basic auth. */
  guard?: Type<CanActivate>;
}

/** Where alert notifications go. */
export type MonitoringAlertChannel =
  | { kind: 'slack'; /** A Slack connector of ConnectorsModule. */ connector: string; channel: string }
  | { kind: 'webhook'; url: string; /** Standard Webhooks secret (`whsec_...`). */ secret: string };

/** The condition of an alert rule. */
export type MonitoringAlertCondition =
  /** A counter over a sliding window: `webhook_rejected` (by `reason`: `signature`, `rate_limited`, ...), `webhook_dead`, `ai_error`, `http_error`. */
  | { metric: string; reason?: string; source?: string; over: Duration; above: number }
  /** Dead letters present now. */
  | { deadLetters: { above: number } }
  /** AI spend over a period. */
  | { aiCostUsd: { per: Duration; above: number } };

export interface MonitoringAlertRule {
  /** Unique; the notification names it. */
  name: string;
  when: MonitoringAlertCondition;
}

export interface MonitoringAlertsOptions {
  channel: MonitoringAlertChannel;
  rules: MonitoringAlertRule[];
  /** How often rules are evaluated. @default '15s' */
  evaluateEvery?: Duration;
}

/** Every part is optional and off when its option is absent. */
export interface MonitoringModuleOptions {
  /** Redis for health, alert state and the caching interceptor. */
  redis?: RedisConnectionConfig;
  /** Key prefix of monitoring's own Redis keys. @default 'aiwire:monitoring' ('{aiwire}:monitoring' on a Redis Cluster) */
  keyPrefix?: string;
  logs?: MonitoringLogsOptions | boolean;
  metrics?: MonitoringMetricsOptions | boolean;
  health?: MonitoringHealthOptions | boolean;
  /** OpenTelemetry spans through `@opentelemetry/api` (an optional peer) when it is installed. */
  tracing?: boolean;
  admin?: MonitoringAdminOptions;
  alerts?: MonitoringAlertsOptions;
}

/** Where each part's routes are mounted; Nest reads routes before an async factory runs. */
export interface MonitoringRoutes {
  /** @default '/metrics' */
  metrics?: string;
  /** @default '/health' */
  health?: string;
  /** @default '/admin' */
  admin?: string;
}

/**
 * Given beside `useFactory` in `forRootAsync`, read before the factory runs. With `forRoot` the
 * routes are read from the options (`metrics.path`, `health.path`, `admin.path`).
 */
export interface MonitoringModuleExtras {
  /** Make the module's providers (and the interceptors' dependencies) global. @default true */
  isGlobal?: boolean;
  /** forRootAsync only: where the metrics, health and admin routes go (a part the factory leaves off answers 404 there). */
  routes?: MonitoringRoutes;
}
