import { CliUsageError } from '../errors.js';

const UNITS: Readonly<Record<string, number>> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** `--since 30m` / `1h` / `2d` (that long ago) or an ISO time, as an ISO time; `now` is injectable for tests. */
export function parseSince(value: string | undefined, now = Date.now()): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d+)(ms|s|m|h|d|w)$/.exec(value.trim());
  if (match) return new Date(now - Number(match[1]) * UNITS[match[2] as string]!).toISOString();
  if (/^\d{4}-\d{2}-\d{2}/.test(value)) {
    const date = new Date(value);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  throw new CliUsageError(`--since '${value}' is neither a duration (30s, 15m, 1h, 2d, 1w) nor an ISO time (2026-12-02T16:00:00Z)`);
}
