import { createHash } from 'node:crypto';
import { parseDuration } from '../duration.js';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import type { Duration, MonitoringAlertCondition, MonitoringAlertMetric, MonitoringAlertRule } from '../interfaces/monitoring-module-options.interface.js';
import { ALERT_METRICS, type AlertMetricSpec } from './alert-metrics.js';
import { alertMessages as messages } from './alerts.messages.js';
import { bucketSize } from './alert-window.js';

/** A window rule counts in Redis buckets: `kind: 'count'` counts events, `kind: 'cost'` adds AI spend (in nano-dollars). */
interface WindowRule {
  readonly name: string;
  readonly above: number;
  readonly windowMs: number;
  /** The window as the user wrote it, for notifications. */
  readonly window: string;
  readonly bucketMs: number;
  /** Names the rule's counters: a changed condition starts from zero instead of reading the old one's counts. */
  readonly fingerprint: string;
  /** One line that says what the rule watches, for notifications. */
  readonly describe: string;
}

export interface CountRule extends WindowRule {
  readonly kind: 'count';
  readonly metric: MonitoringAlertMetric;
  readonly spec: AlertMetricSpec;
  readonly source: string | undefined;
  /** The reason as `spec.classify` reports it (`signature` is read as `invalid_signature`). */
  readonly reason: string | undefined;
}

export interface CostRule extends WindowRule {
  readonly kind: 'cost';
}

export interface DeadLettersRule {
  readonly kind: 'deadLetters';
  readonly name: string;
  readonly above: number;
  readonly window: undefined;
  readonly describe: string;
}

export type ResolvedAlertRule = CountRule | CostRule | DeadLettersRule;

const NAME = /^[A-Za-z0-9_.-]{1,64}$/;
const COUNT_KEYS = ['metric', 'reason', 'source', 'over', 'above'];

/** Checks every rule, as written in the options, and resolves its window; throws MonitoringConfigurationError naming the rule and the fix. */
export function resolveAlertRules(rules: readonly MonitoringAlertRule[]): ResolvedAlertRule[] {
  if (!Array.isArray(rules) || rules.length === 0) throw new MonitoringConfigurationError(messages.noRules());
  const seen = new Set<string>();
  return rules.map((rule, i) => {
    if (typeof rule?.name !== 'string' || !NAME.test(rule.name)) throw new MonitoringConfigurationError(messages.badName(`alerts.rules[${i}]`, rule?.name));
    if (seen.has(rule.name)) throw new MonitoringConfigurationError(messages.duplicateName(rule.name));
    seen.add(rule.name);
    return resolveRule(rule.name, rule.when);
  });
}

function resolveRule(name: string, when: MonitoringAlertCondition): ResolvedAlertRule {
  if (typeof when !== 'object' || when === null) throw new MonitoringConfigurationError(messages.badCondition(name));
  const keys = Object.keys(when);
  if ('metric' in when && keys.every((k) => k !== 'deadLetters' && k !== 'aiCostUsd')) return countRule(name, when, keys);
  if (keys.length === 1 && 'deadLetters' in when) {
    const above = threshold(`alert rule "${name}": when.deadLetters.above`, when.deadLetters?.above, true);
    return { kind: 'deadLetters', name, above, window: undefined, describe: `dead letters > ${above}` };
  }
  if (keys.length === 1 && 'aiCostUsd' in when) {
    const above = threshold(`alert rule "${name}": when.aiCostUsd.above`, when.aiCostUsd?.above, false);
    const windowMs = parseDuration(when.aiCostUsd.per, `MonitoringModule: alert rule "${name}": when.aiCostUsd.per`);
    return { kind: 'cost', name, above, ...window(windowMs, when.aiCostUsd.per), fingerprint: fingerprint(['aiCostUsd', windowMs]), describe: `AI spend (USD) over ${text(when.aiCostUsd.per)} > ${above}` };
  }
  throw new MonitoringConfigurationError(messages.badCondition(name));
}

function countRule(name: string, when: Extract<MonitoringAlertCondition, { metric: string }>, keys: readonly string[]): CountRule {
  const unknown = keys.find((k) => !COUNT_KEYS.includes(k));
  if (unknown !== undefined) throw new MonitoringConfigurationError(messages.unknownKey(name, unknown, COUNT_KEYS));
  const metrics = Object.keys(ALERT_METRICS);
  if (!metrics.includes(when.metric)) throw new MonitoringConfigurationError(messages.unknownMetric(name, when.metric, metrics));
  const spec = ALERT_METRICS[when.metric];
  const reasons = Object.keys(spec.reasons);
  if (when.reason !== undefined && reasons.length === 0) throw new MonitoringConfigurationError(messages.noReasons(name, when.metric));
  const reason = when.reason === undefined ? undefined : spec.reasons[when.reason];
  if (when.reason !== undefined && (reason === undefined || !Object.hasOwn(spec.reasons, when.reason))) {
    throw new MonitoringConfigurationError(messages.unknownReason(name, when.metric, when.reason, reasons));
  }
  if (when.source !== undefined && (typeof when.source !== 'string' || when.source.length === 0)) throw new MonitoringConfigurationError(messages.badSource(name, spec.source));
  const above = threshold(`alert rule "${name}": when.above`, when.above, false);
  const windowMs = parseDuration(when.over, `MonitoringModule: alert rule "${name}": when.over`);
  const labels = [when.source && `source=${when.source}`, when.reason && `reason=${when.reason}`].filter(Boolean).join(',');
  return {
    kind: 'count', name, metric: when.metric, spec, source: when.source, reason, above,
    ...window(windowMs, when.over),
    fingerprint: fingerprint([when.metric, when.source ?? null, reason ?? null, windowMs]),
    describe: `${when.metric}${labels ? `{${labels}}` : ''} over ${text(when.over)} > ${above}`,
  };
}

function threshold(at: string, value: unknown, integer: boolean): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= 0 && (!integer || Number.isInteger(value));
  if (!ok) throw new MonitoringConfigurationError(messages.badThreshold(at, value, integer));
  return value;
}

function window(windowMs: number, written: Duration): { windowMs: number; window: string; bucketMs: number } {
  return { windowMs, window: text(written), bucketMs: bucketSize(windowMs) };
}

const text = (d: Duration): string => (typeof d === 'number' ? `${d}ms` : d);
const fingerprint = (parts: readonly unknown[]): string => createHash('sha1').update(JSON.stringify(parts)).digest('hex').slice(0, 10);
