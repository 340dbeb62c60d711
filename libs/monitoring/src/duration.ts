import { MonitoringConfigurationError } from './errors/monitoring-configuration.error.js';
import type { Duration } from './interfaces/monitoring-module-options.interface.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `'5m'` → 300000; a number is milliseconds already. `option` names the option in the error. */
export function parseDuration(value: Duration, option: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value > 0) return value;
  const match = typeof value === 'string' ? /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(value) : null;
  const ms = match ? Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS] : NaN;
  if (!(ms > 0)) throw new MonitoringConfigurationError(`${option} must be a positive duration such as 30000, '30s', '5m', '1h' or '1d'; got ${JSON.stringify(value)}`);
  return ms;
}
