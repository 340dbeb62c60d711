import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliRefusedError, CliUsageError } from '../errors.js';
import { painter, table, type Colour } from '../output/style.js';
import { httpUrl } from '../admin/admin-target.js';
import { connect, isClusterNode, redisTarget } from '../redis/redis-target.js';
import { QUEUE_PREFIXES, queueChecks, serverChecks, type DoctorCheck } from '../redis/doctor-checks.js';
import { readinessCheck } from '../redis/health-check.js';

const FLAGS = {
  url: { type: 'string' }, redis: { type: 'string' }, 'queue-prefix': { type: 'string' }, 'health-path': { type: 'string', default: '/health' }, json: { type: 'boolean', default: false },
} as const;

const HELP = `Usage: aiwire doctor [--url http://localhost:3000] [--redis redis://127.0.0.1:6379] [--queue-prefix aiwire] [--json]

Checks the setup, one line per check (ok, warn or fail):
  redis              reachable, and how long PING takes
  version, mode      the Redis version; single or cluster (CLUSTER INFO)
  maxmemory-policy   warns unless noeviction (Bull's advice: evicted keys are lost jobs)
  queue <name>       each aiwire Bull queue found, with its waiting/active/delayed/failed jobs
  app                a running app's <url><health-path>/ready (MonitoringModule health)

Options:
  --url <url>           the app; default AIWIRE_URL (a trailing /admin is dropped). Without it the app is not checked
  --health-path <path>  where MonitoringModule serves health; default /health
  --redis <url>         default REDIS_URL, else redis://127.0.0.1:6379
  --queue-prefix <p>    Bull's prefix (queue.prefix of the modules); default aiwire ({aiwire} on a cluster)
  --json                { ok, checks: [{ check, status, detail }] }

Exit codes: 0 nothing failed (warnings allowed), 1 a check failed, 2 bad usage.`;

const STATUS_COLOUR: Readonly<Record<DoctorCheck['status'], Colour>> = { ok: 'green', warn: 'yellow', fail: 'red' };

/** `aiwire doctor`. */
export const doctorCommand: CliCommand = {
  name: 'doctor',
  summary: "check Redis (version, mode, eviction policy), the aiwire queues and a running app's readiness",
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: true });
    if (positionals.length) throw new CliUsageError(`doctor takes no arguments (got '${positionals[0]}')`);
    const healthPath = values['health-path'];
    if (!/^\/[^\s?#]*$/.test(healthPath)) throw new CliUsageError("--health-path must start with '/' (such as /health)");
    const given = values.url ?? io.env.AIWIRE_URL;
    const app = given === undefined ? undefined : readyUrl(httpUrl(given, values.url ? '--url' : 'AIWIRE_URL'), healthPath);
    const target = redisTarget(values.redis, io.env);
    const checks = [...(await redisChecks(target, values['queue-prefix'])), ...(app ? [await readinessCheck(app)] : [{ check: 'app', status: 'warn', detail: 'not checked: give --url http://localhost:3000 (or AIWIRE_URL)' } as const])];
    const ok = !checks.some((c) => c.status === 'fail');
    if (values.json) {
      io.stdout.write(`${JSON.stringify({ ok, checks }, null, 2)}\n`);
    } else {
      const paint = painter(io);
      io.stdout.write(`${table(['STATUS', 'CHECK', 'DETAIL'], checks.map((c) => [paint(STATUS_COLOUR[c.status], c.status), c.check, c.detail]))}\n`);
    }
    return ok ? EXIT.ok : EXIT.refused;
  },
};

/** The Redis checks; an unreachable Redis is one failed line (and the rest is not checked). */
async function redisChecks(target: ReturnType<typeof redisTarget>, queuePrefix: string | undefined): Promise<DoctorCheck[]> {
  const started = Date.now();
  let redis;
  try {
    redis = await connect(target);
    await redis.ping();
  } catch (error) {
    redis?.disconnect();
    return [{ check: 'redis', status: 'fail', detail: error instanceof CliRefusedError ? error.message : `Redis at ${target.shown} failed: ${String(error)}` }];
  }
  try {
    const checks: DoctorCheck[] = [{ check: 'redis', status: 'ok', detail: `reachable at ${target.shown} (${Date.now() - started} ms)` }];
    checks.push(...(await serverChecks(redis)));
    checks.push(...(await queueChecks(redis, queuePrefix ? [queuePrefix] : QUEUE_PREFIXES, await isClusterNode(redis))));
    return checks;
  } catch (error) {
    return [{ check: 'redis', status: 'fail', detail: `Redis at ${target.shown} failed a check: ${error instanceof Error ? error.message : String(error)}` }];
  } finally {
    redis.disconnect();
  }
}

/** `<app><health path>/ready`; a trailing `/admin` (AIWIRE_URL as the admin commands take it) is dropped. */
function readyUrl(url: URL, healthPath: string): URL {
  const base = url.pathname.replace(/\/+$/, '').replace(/\/admin$/, '');
  return new URL(`${url.origin}${base}${healthPath.replace(/\/+$/, '')}/ready`);
}
