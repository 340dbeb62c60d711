import type { MonitoringMetrics } from '@aiwire/monitoring';
import type { AiFiguresDto, QueueDepthDto } from './dto/dashboard-figures.dto.js';

type Registry = MonitoringMetrics['registry'];

// The names @aiwire/monitoring registers (libs/monitoring/src/metrics/aiwire-metrics.ts): reading
// them from its registry keeps the dashboard and /metrics on the same numbers.
const METRIC = {
  aiDuration: 'gen_ai_client_operation_duration_seconds',
  aiTokens: 'gen_ai_client_token_usage',
  aiCost: 'aiwire_ai_cost_usd_total',
  aiCache: 'aiwire_ai_cache_requests_total',
  queueJobs: 'aiwire_queue_jobs',
} as const;

interface Sample {
  readonly value: number;
  readonly labels: Readonly<Record<string, string | number | undefined>>;
  readonly metricName?: string;
}

/** The samples of one metric (a gauge's `collect` runs first); none when metrics are off. */
async function samples(registry: Registry, name: string): Promise<readonly Sample[]> {
  const metric = registry.getSingleMetric(name);
  return metric ? ((await metric.get()).values as readonly Sample[]) : [];
}

const sum = (list: readonly Sample[]): number => list.reduce((total, s) => total + s.value, 0);

/** AI calls, cache and spend, as this process's `/metrics` reports them. */
export async function aiFigures(registry: Registry): Promise<AiFiguresDto> {
  const [durations, tokens, cost, cache] = await Promise.all([
    samples(registry, METRIC.aiDuration), samples(registry, METRIC.aiTokens), samples(registry, METRIC.aiCost), samples(registry, METRIC.aiCache),
  ]);
  const calls = durations.filter((s) => s.metricName === `${METRIC.aiDuration}_count`);
  const tokenSums = tokens.filter((s) => s.metricName === `${METRIC.aiTokens}_sum`);
  const cacheHits = sum(cache.filter((s) => s.labels.result === 'hit'));
  const cacheMisses = sum(cache.filter((s) => s.labels.result === 'miss'));
  const lookups = cacheHits + cacheMisses;
  return {
    calls: sum(calls),
    failed: sum(calls.filter((s) => Boolean(s.labels.error_type))),
    cacheHits,
    cacheMisses,
    cacheHitRate: lookups === 0 ? null : Number((cacheHits / lookups).toFixed(4)),
    spendUsd: Number(sum(cost).toFixed(6)),
    inputTokens: sum(tokenSums.filter((s) => s.labels.gen_ai_token_type === 'input')),
    outputTokens: sum(tokenSums.filter((s) => s.labels.gen_ai_token_type === 'output')),
  };
}

/** Job counts of each Bull queue of the app, read now (one round trip per queue), by queue name. */
export async function queueDepths(registry: Registry): Promise<QueueDepthDto[]> {
  const byQueue = new Map<string, QueueDepthDto>();
  for (const s of await samples(registry, METRIC.queueJobs)) {
    const queue = String(s.labels.queue);
    const row = byQueue.get(queue) ?? { queue, waiting: 0, active: 0, delayed: 0, failed: 0 };
    const state = String(s.labels.state);
    if (state === 'waiting' || state === 'active' || state === 'delayed' || state === 'failed') row[state] = s.value;
    byQueue.set(queue, row);
  }
  return [...byQueue.values()].sort((a, b) => a.queue.localeCompare(b.queue));
}
