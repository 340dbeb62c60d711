import type { CanActivate, Type } from '@nestjs/common';
import type { RedisConnectionConfig, Secret } from '@aiwire/core';

/** pino's levels. */
export type MonitoringLogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** A duration: milliseconds, or a string such as `'30s'`, `'5m'`, `'1h'`, `'1d'`. */
export type Duration = number | `${number}${'ms' | 's' | 'm' | 'h' | 'd'}`;

/** Where log lines go: anything with `write(line)` (a pino destination, a stream), or a file path. */
export interface MonitoringLogDestination {
  write(line: string): unknown;
}

/** Logs with nestjs-pino: one JSON line per webhook delivery and execution, AI call, connector call and host request. */
export interface MonitoringLogsOptions {
  /** Lowest level written. @default 'info' */
  level?: MonitoringLogLevel;
  /** Human-readable lines through pino-pretty (an optional peer: install it) instead of JSON. @default false */
  pretty?: boolean;
  /** Extra pino redact paths (`a.b`, `a[*].b`, `*.c`), censored on top of the built-in ones (credentials, cookies, signatures, tokens, secrets). @default [] */
  redact?: string[];
  /** Values censored wherever they appear in a line: a value, or `env('NAME')` read from the environment at startup. @default [] */
  secrets?: Secret[];
  /** Also censor the secrets of the app's WebhookModule sources, AiModule providers and ConnectorsModule credentials, found at startup. @default true */
  discoverSecrets?: boolean;
  /** One pino-http line per HTTP request of the host app too (besides `LoggingInterceptor`'s). @default false */
  http?: boolean;
  /** Where lines go: a stream (e.g. `pino.destination({ dest: '/var/log/app.log', sync: true })`) or a file path (appended to, its directory made). @default standard output. Standard output and a file path are written in batches (~16 KB, each line within 50 ms, flushed at shutdown and on exit; a SIGKILLed process loses at most its last 50 ms); a stream gets each line as it is made */
  destination?: string | MonitoringLogDestination;
}

/**
 * Prometheus metrics with prom-client, in the module's own registry (`MonitoringMetrics.registry`),
 * served as text at `path`. Each process serves its own; scrape every process.
 */
export interface MonitoringMetricsOptions {
  /** Where the text exposition is served (forRootAsync: `routes.metrics` instead). @default '/metrics' */
  path?: string;
  /** Also collect prom-client's default Node.js process metrics (`process_*`, `nodejs_*`) into the module's registry. @default true */
  defaultMetrics?: boolean;
  /**
   * Buckets, in seconds, of every `*_duration_seconds` histogram, positive and increasing.
   * @default each its own: OTel's advice for `http_client_request_duration_seconds` (5 ms … 10 s) and
   * `gen_ai_client_operation_duration_seconds` (10 ms … 81.92 s); 5 ms … 60 s for webhook handlers
   */
  buckets?: number[];
}

/** Liveness and readiness with @nestjs/terminus. */
export interface MonitoringHealthOptions {
  /** Base path: `{path}/live` and `{path}/ready`. @default '/health' */
  path?: string;
  /** Readiness fails when a queue's waiting + delayed jobs pass this many (all queues, or per queue name; a queue not named has no limit). @default undefined (no limit; the backlog is still reported) */
  maxBacklog?: number | Record<string, number>;
  /** Readiness fails when dead letters are present (they are always reported in the details). @default false */
  failOnDeadLetters?: boolean;
  /** Readiness fails while a circuit breaker is open (always reported in the details). @default false */
  failOnOpenCircuit?: boolean;
  /** Longest wait for Redis' PING (and for each queue's counts) before readiness reports it down. @default 1000 */
  timeoutMs?: number;
}

/** The admin: the queue UI (bull-board) and the dead-letter API. */
export interface MonitoringAdminOptions {
  /** Base path: `{path}/queues`, `{path}/dead-letters`. @default '/admin' */
  path?: string;
  /** HTTP basic auth, compared in constant time; `password` may be `env('ADMIN_PASSWORD')` (read at startup). Either this or `guard` is required. @default undefined */
  basicAuth?: { user: string; password: Secret };
  /** A host guard (resolved from the app's providers, else instantiated), instead of or on top of basic auth; a denial answers 403. @default undefined */
  guard?: Type<CanActivate>;
}

/** Where alert notifications go: a Slack connector of ConnectorsModule, or a signed outbound webhook. */
export type MonitoringAlertChannel =
  | {
      kind: 'slack';
      /** The name of a `kind: 'slack'` connector of ConnectorsModule (import ConnectorsModule in the app). */
      connector: string;
      /** `#name` or a channel id; the bot must be a member. */
      channel: string;
    }
  | {
      kind: 'webhook';
      /** An http(s) URL; it must resolve to public addresses unless `allowPrivateNetwork` is set. */
      url: string;
      /** Standard Webhooks secret (`whsec_` + base64) that signs every notification. */
      secret: string;
      /** Allow a loopback or private-network `url` (an internal receiver, tests); the SSRF guard is off for it. @default false */
      allowPrivateNetwork?: boolean;
    };

/** A metric a counter rule counts, from the aiwire diagnostics channels. */
export type MonitoringAlertMetric = 'webhook_rejected' | 'webhook_dead' | 'ai_error' | 'http_error';

/** The condition of an alert rule: firing while the value is above the threshold, resolved when it is back at or below it. */
export type MonitoringAlertCondition =
  /**
   * Events counted over a sliding window, across all processes: `webhook_rejected` (intake refusals;
   * `reason`: `signature`, `rate_limited`, `forbidden`, `payload_too_large`, `invalid_json`, ...),
   * `webhook_dead` (handler executions that ended dead), `ai_error` (failed AI calls), `http_error`
   * (failed connector calls; `reason`: `timeout`, `network`, `rate_limited`, `client_error`, `server_error`,
   * `provider_error`, `circuit_open`). `source` narrows it to a webhook source, AI provider or connector name.
   */
  | { metric: MonitoringAlertMetric; reason?: string; source?: string; over: Duration; above: number }
  /** Dead letters (failed executions of the webhooks queue) present now. */
  | { deadLetters: { above: number } }
  /** AI spend in US dollars (`costUsd` of every AI call) over the last `per`, sliding. */
  | { aiCostUsd: { per: Duration; above: number } };

export interface MonitoringAlertRule {
  /** Unique, `[A-Za-z0-9_.-]` (up to 64); the notification names it. */
  name: string;
  when: MonitoringAlertCondition;
}

export interface MonitoringAlertsOptions {
  channel: MonitoringAlertChannel;
  rules: MonitoringAlertRule[];
  /** How often every process evaluates the rules (and delivers pending notifications). @default '15s' */
  evaluateEvery?: Duration;
  /**
   * Delivery of one notification: attempts in all, exponential backoff with jitter between them,
   * and the longest wait for one attempt. After the last attempt it is logged as an error and dropped.
   * @default { attempts: 10, baseDelayMs: 1000, maxDelayMs: 300000, timeoutMs: 10000 }
   */
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number; timeoutMs?: number };
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

/** forRootAsync: where each part's routes are mounted (Nest reads routes before an async factory runs); `false` mounts none. */
export interface MonitoringRoutes {
  /** @default '/metrics' */
  metrics?: string | false;
  /** @default '/health' */
  health?: string | false;
  /** @default '/admin' */
  admin?: string | false;
}

/**
 * Given beside `useFactory` in `forRootAsync`, read before the factory runs. With `forRoot` the
 * routes are read from the options (`metrics.path`, `health.path`, `admin.path`).
 */
export interface MonitoringModuleExtras {
  /** Make the module's providers (and the interceptors' dependencies) global. @default true */
  isGlobal?: boolean;
  /** forRootAsync only: where the metrics, health and admin routes go (a part the factory leaves off answers 404 there; `false` leaves the path to the app). @default { metrics: '/metrics', health: '/health', admin: '/admin' } */
  routes?: MonitoringRoutes;
}
