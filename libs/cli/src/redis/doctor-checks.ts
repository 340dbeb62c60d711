import type { Redis } from 'ioredis';
import { reason } from './redis-target.js';

/** One line of `aiwire doctor`. */
export interface DoctorCheck {
  readonly check: string;
  readonly status: 'ok' | 'warn' | 'fail';
  readonly detail: string;
}

/** Bull's default prefix in aiwire (`queue.prefix` of WebhookModule, AiModule, FlowsModule), and its hash-tagged form on a Redis Cluster. */
export const QUEUE_PREFIXES = ['aiwire', '{aiwire}'] as const;
/** Keys looked at per SCAN step, and SCAN steps at most (a large Redis is sampled, not walked for minutes). */
const SCAN = { count: 1_000, maxSteps: 200 } as const;

/** Version, mode, eviction policy: what aiwire's queues and dedup keys need of Redis. */
export async function serverChecks(redis: Redis): Promise<DoctorCheck[]> {
  const server = fields(await redis.info('server'));
  const memory = fields(await redis.info('memory'));
  const version = server.redis_version ?? 'unknown';
  const major = Number(version.split('.')[0]);
  const checks: DoctorCheck[] = [
    major >= 6
      ? { check: 'version', status: 'ok', detail: `Redis ${version}` }
      : { check: 'version', status: 'warn', detail: `Redis ${version}: aiwire is tested on Redis 6.2 and 7; upgrade` },
    await modeCheck(redis),
  ];
  const policy = memory.maxmemory_policy;
  checks.push(
    policy === 'noeviction'
      ? { check: 'maxmemory-policy', status: 'ok', detail: 'noeviction' }
      : {
          check: 'maxmemory-policy',
          status: 'warn',
          detail: `${policy ?? 'unknown'}: under memory pressure Redis may evict queued jobs and de-duplication keys; Bull recommends noeviction (CONFIG SET maxmemory-policy noeviction)`,
        },
  );
  return checks;
}

/** Single or cluster (`CLUSTER INFO` fails on a Redis without cluster support). */
async function modeCheck(redis: Redis): Promise<DoctorCheck> {
  let info: string;
  try {
    info = String(await redis.call('CLUSTER', 'INFO'));
  } catch (error) {
    if (/cluster support disabled/i.test(reason(error))) return { check: 'mode', status: 'ok', detail: 'single (not a cluster)' };
    return { check: 'mode', status: 'warn', detail: `CLUSTER INFO failed (${reason(error)}); assuming single` };
  }
  const cluster = fields(info);
  const detail = `cluster, state ${cluster.cluster_state ?? '?'}, ${cluster.cluster_known_nodes ?? '?'} nodes known`;
  return { check: 'mode', status: cluster.cluster_state === 'ok' ? 'ok' : 'fail', detail: cluster.cluster_state === 'ok' ? detail : `${detail}: the cluster cannot serve every slot` };
}

/**
 * Bull queues under the prefixes: Bull keeps `<prefix>:<queue>:id` (the job id counter) for every
 * queue that ever had a job, next to `:wait`, `:active` (lists), `:delayed`, `:failed` (sorted sets).
 */
export async function queueChecks(redis: Redis, prefixes: readonly string[], onCluster: boolean): Promise<DoctorCheck[]> {
  const queues: Array<{ prefix: string; name: string }> = [];
  for (const prefix of prefixes) {
    const pattern = `${prefix.replace(/[*?[\]\\]/g, '\\$&')}:*:id`;
    let cursor = '0';
    for (let step = 0; step < SCAN.maxSteps; step++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', SCAN.count);
      for (const key of keys) queues.push({ prefix, name: key.slice(prefix.length + 1, -':id'.length) });
      cursor = next;
      if (cursor === '0') break;
    }
  }
  const where = `${prefixes.map((p) => `'${p}:'`).join(' or ')}${onCluster ? ' on this node' : ''}`;
  if (queues.length === 0) return [{ check: 'queues', status: 'warn', detail: `no aiwire queue under ${where} yet (an app creates them on its first job; --queue-prefix if queue.prefix is another)` }];
  const pipeline = redis.pipeline();
  for (const { prefix, name } of queues) {
    const key = (suffix: string) => `${prefix}:${name}:${suffix}`;
    pipeline.llen(key('wait')).llen(key('active')).zcard(key('delayed')).zcard(key('failed')).llen(key('paused'));
  }
  const replies = (await pipeline.exec()) ?? [];
  const checks = queues.map(({ prefix, name }, i): DoctorCheck => {
    const [waiting, active, delayed, failed, paused] = replies.slice(i * 5, i * 5 + 5).map(([error, value]) => (error ? NaN : Number(value)));
    const counts = `waiting ${waiting} · active ${active} · delayed ${delayed} · failed ${failed}${paused ? ` · paused ${paused}` : ''}`;
    const check = `queue ${prefix}:${name}`;
    if (!(failed! > 0)) return { check, status: 'ok', detail: counts };
    const hint = name === 'webhooks' ? 'dead letters: aiwire dead-letters list' : name === 'flows' ? 'failed runs: aiwire runs list --status failed' : 'failed jobs: see the queue UI';
    return { check, status: 'warn', detail: `${counts} (${hint})` };
  });
  return checks.sort((a, b) => a.check.localeCompare(b.check));
}

/** `key:value` lines of INFO (or CLUSTER INFO). */
function fields(info: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of info.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && !line.startsWith('#')) out[line.slice(0, colon)] = line.slice(colon + 1).trim();
  }
  return out;
}
