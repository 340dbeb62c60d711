import { parseDuration } from '../duration.js';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { MonitoringAlertChannel, MonitoringAlertsOptions } from '../interfaces/monitoring-module-options.interface.js';
import { resolveAlertRules, type ResolvedAlertRule } from './alert-rules.js';
import { alertMessages as messages } from './alerts.messages.js';

/** Every default of the alerts part, written once. */
export const ALERTS_DEFAULTS = {
  evaluateEvery: '15s',
  retry: { attempts: 10, baseDelayMs: 1_000, maxDelayMs: 300_000, timeoutMs: 10_000 },
  /** Local counts go to Redis at least this often (and before each evaluation). */
  flushEveryMs: 1_000,
} as const;

export interface ResolvedAlertsOptions {
  readonly channel: MonitoringAlertChannel;
  readonly rules: readonly ResolvedAlertRule[];
  readonly evaluateEveryMs: number;
  readonly flushEveryMs: number;
  readonly retry: { readonly attempts: number; readonly baseDelayMs: number; readonly maxDelayMs: number; readonly timeoutMs: number };
}

/** `alerts` with its defaults applied; throws MonitoringConfigurationError for anything that cannot work. */
export function resolveAlertsOptions(options: MonitoringAlertsOptions): ResolvedAlertsOptions {
  const rules = resolveAlertRules(options.rules);
  const evaluateEveryMs = parseDuration(options.evaluateEvery ?? ALERTS_DEFAULTS.evaluateEvery, 'MonitoringModule: alerts.evaluateEvery');
  return {
    channel: checkChannel(options.channel),
    rules,
    evaluateEveryMs,
    flushEveryMs: Math.min(ALERTS_DEFAULTS.flushEveryMs, evaluateEveryMs),
    retry: resolveRetry(options.retry ?? {}),
  };
}

function checkChannel(channel: MonitoringAlertChannel): MonitoringAlertChannel {
  const filled = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
  if (channel?.kind === 'slack') {
    if (!filled(channel.connector)) throw new MonitoringConfigurationError(messages.badChannelField('connector', "{ kind: 'slack', connector: 'slack', channel: '#alerts' }"));
    if (!filled(channel.channel)) throw new MonitoringConfigurationError(messages.badChannelField('channel', "{ kind: 'slack', connector: 'slack', channel: '#alerts' }"));
    return channel;
  }
  if (channel?.kind === 'webhook') {
    if (!filled(channel.url)) throw new MonitoringConfigurationError(messages.badChannelField('url', "{ kind: 'webhook', url: 'https://ops.example.com/alerts', secret: 'whsec_...' }"));
    if (!/^https?:$/.test(parseUrl(channel.url)?.protocol ?? '')) throw new MonitoringConfigurationError(messages.badWebhookUrl(channel.url));
    if (!filled(channel.secret)) throw new MonitoringConfigurationError(messages.badChannelField('secret', "secret: process.env.ALERTS_WEBHOOK_SECRET (a Standard Webhooks 'whsec_...' secret)"));
    return channel;
  }
  throw new MonitoringConfigurationError(messages.badChannel((channel as { kind?: unknown } | undefined)?.kind));
}

function resolveRetry(retry: NonNullable<MonitoringAlertsOptions['retry']>): ResolvedAlertsOptions['retry'] {
  const resolved = { ...ALERTS_DEFAULTS.retry, ...retry };
  const check = (field: keyof typeof resolved, ok: (v: number) => boolean, rule: string): void => {
    if (typeof resolved[field] !== 'number' || !ok(resolved[field])) throw new MonitoringConfigurationError(messages.badRetry(field, resolved[field], rule));
  };
  check('attempts', (v) => Number.isInteger(v) && v >= 1, 'a whole number >= 1');
  check('baseDelayMs', (v) => Number.isFinite(v) && v >= 0, 'a number of ms >= 0');
  check('maxDelayMs', (v) => Number.isFinite(v) && v >= resolved.baseDelayMs, 'a number of ms >= baseDelayMs');
  check('timeoutMs', (v) => Number.isFinite(v) && v > 0, 'a number of ms > 0');
  return resolved;
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}
