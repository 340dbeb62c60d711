import { readHeader, type HeadersLike } from '@aiwire/core';
import type { RateLimitSnapshot, ReportedLimit } from '../interfaces/rate-limit-snapshot.interface.js';

const UNITS: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1, us: 0.001, 'µs': 0.001, ns: 0.000_001 };

/** A Go duration (`6m0s`, `1.5s`, `120ms`, `1h2m3.5s`) in ms, or undefined when it is not one. */
export function parseGoDuration(text: string): number | undefined {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const re = /(\d+(?:\.\d+)?)(ms|us|µs|ns|h|m|s)/gy;
  let total = 0;
  let end = 0;
  for (let match = re.exec(trimmed); match; match = re.exec(trimmed)) {
    total += Number(match[1]) * (UNITS[match[2] ?? ''] ?? Number.NaN);
    end = re.lastIndex;
  }
  return end === trimmed.length && end > 0 && Number.isFinite(total) ? total : undefined;
}

/** OpenAI: `x-ratelimit-remaining-{requests,tokens}` with resets as Go durations from now. */
export function openAiRateLimits(headers: HeadersLike, nowMs = Date.now()): RateLimitSnapshot | undefined {
  const read = (kind: string): ReportedLimit | undefined => {
    const remaining = count(readHeader(headers, `x-ratelimit-remaining-${kind}`));
    const reset = parseGoDuration(readHeader(headers, `x-ratelimit-reset-${kind}`) ?? '');
    if (remaining === undefined || reset === undefined) return undefined;
    return withLimit({ remaining, resetAtMs: nowMs + reset }, readHeader(headers, `x-ratelimit-limit-${kind}`));
  };
  return snapshot(read('requests'), read('tokens'));
}

/**
 * Anthropic: `anthropic-ratelimit-{requests,tokens}-remaining` with RFC 3339 resets. `tokens-*`
 * is the most restrictive token limit in effect; without it, the input and output limits
 * (`input-tokens-*`, `output-tokens-*`) stand in, the one with less remaining first, as
 * `tokens-*` would have said.
 */
export function anthropicRateLimits(headers: HeadersLike): RateLimitSnapshot | undefined {
  const read = (kind: string): ReportedLimit | undefined => {
    const remaining = count(readHeader(headers, `anthropic-ratelimit-${kind}-remaining`));
    const resetAtMs = Date.parse(readHeader(headers, `anthropic-ratelimit-${kind}-reset`) ?? '');
    if (remaining === undefined || !Number.isFinite(resetAtMs)) return undefined;
    return withLimit({ remaining, resetAtMs }, readHeader(headers, `anthropic-ratelimit-${kind}-limit`));
  };
  return snapshot(read('requests'), read('tokens') ?? tightest(read('input-tokens'), read('output-tokens')));
}

/** A unit count from a header: a finite number ≥ 0, else undefined (Azure sends `-1` for "not reported"). */
function count(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function withLimit(limit: ReportedLimit, raw: string | undefined): ReportedLimit {
  const value = count(raw);
  return value !== undefined && value > 0 ? { limit: value, ...limit } : limit;
}

function tightest(a: ReportedLimit | undefined, b: ReportedLimit | undefined): ReportedLimit | undefined {
  if (!a || !b) return a ?? b;
  return b.remaining < a.remaining ? b : a;
}

function snapshot(requests: ReportedLimit | undefined, tokens: ReportedLimit | undefined): RateLimitSnapshot | undefined {
  if (!requests && !tokens) return undefined;
  return { ...(requests && { requests }), ...(tokens && { tokens }) };
}
