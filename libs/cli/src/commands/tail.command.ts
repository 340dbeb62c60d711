import { parseArgs } from 'node:util';
import { EXIT, type CliCommand, type CliIo, type ExitCode } from '../command.js';
import { CliRefusedError, CliUsageError } from '../errors.js';
import { painter } from '../output/style.js';
import { connect, isClusterNode, redisTarget } from '../redis/redis-target.js';
import { formatLine, readEnvelope } from '../redis/tail-line.js';

/** MonitoringModule's default key prefix (`MONITORING_DEFAULTS.keyPrefix`), hash-tagged on a Redis Cluster as `resolveKeyPrefix` does. */
export const MONITORING_PREFIX = { single: 'aiwire:monitoring', cluster: '{aiwire}:monitoring' } as const;

const FLAGS = { redis: { type: 'string' }, prefix: { type: 'string' }, source: { type: 'string', multiple: true }, json: { type: 'boolean', default: false } } as const;

const HELP = `Usage: aiwire tail [--source <name>]… [--json] [--redis <url>] [--prefix <monitoring key prefix>]

Prints, live, what every process of the app does, one line each: webhook deliveries the intake answered,
handler executions, flow runs and steps, AI calls and connector calls —
  time  kind  source/flow/provider/connector  type/step/model/operation  outcome  ms
Needs MonitoringModule with redis (its tail part publishes on <prefix>:tail only while someone tails).
Ctrl+C stops (exit 0).

Options:
  --source <name>   only lines of this webhook source, flow, AI provider or connector (repeatable)
  --json            one JSON object per line, as published: { channel, at, message }
  --redis <url>     the app's Redis; default REDIS_URL, else redis://127.0.0.1:6379
  --prefix <p>      MonitoringModule's keyPrefix; default ${MONITORING_PREFIX.single} (${MONITORING_PREFIX.cluster} on a Redis Cluster)`;

/** `aiwire tail`. */
export const tailCommand: CliCommand = {
  name: 'tail',
  summary: 'print live what the app does: deliveries, handlers, flow steps, AI and connector calls',
  help: HELP,
  async run(args: readonly string[], io: CliIo): Promise<ExitCode> {
    const { values, positionals } = parseArgs({ args: [...args], options: FLAGS, strict: true, allowPositionals: true });
    if (positionals.length) throw new CliUsageError(`tail takes no arguments (got '${positionals[0]}'); filter with --source <name>`);
    const target = redisTarget(values.redis, io.env);
    const redis = await connect(target, { subscriber: true });
    const prefix = values.prefix ?? ((await isClusterNode(redis)) ? MONITORING_PREFIX.cluster : MONITORING_PREFIX.single);
    const channel = `${prefix}:tail`;
    const sources = values.source ? new Set(values.source) : undefined;
    const paint = painter(io);
    redis.on('message', (_channel: string, raw: string) => {
      const line = readEnvelope(raw);
      if (!line || (sources && !sources.has(line.who))) return;
      io.stdout.write(values.json ? `${raw}\n` : `${formatLine(line, paint)}\n`);
    });
    await redis.subscribe(channel);
    io.stderr.write(`tailing ${channel} on ${target.shown}${sources ? ` (sources: ${[...sources].join(', ')})` : ''}; Ctrl+C to stop\n`);
    return new Promise<ExitCode>((resolve, reject) => {
      const stop = (): void => {
        process.off('SIGINT', stop).off('SIGTERM', stop);
        redis.removeAllListeners('end');
        redis.disconnect();
        resolve(EXIT.ok);
      };
      process.once('SIGINT', stop).once('SIGTERM', stop);
      redis.once('end', () => {
        process.off('SIGINT', stop).off('SIGTERM', stop);
        reject(new CliRefusedError(`lost the connection to Redis at ${target.shown}; run aiwire tail again once it is back`));
      });
    });
  },
};
