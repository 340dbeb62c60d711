import { once } from 'node:events';
import { pino, type DestinationStream, type Logger } from 'pino';
import { BufferedDestination } from './buffered-destination.js';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { LOG_BATCH, REDACTED } from './logs.constants.js';
import { messages } from './logs.messages.js';
import { logContext, mergeLogContext } from './log-context.js';
import { formatLogFields } from './log-line.js';
import { LOG_SERIALIZERS } from './log-serializers.js';
import type { ResolvedLogsOptions } from './logs.options.js';
import type { SecretCensor } from './secret-censor.js';

/**
 * The one pino logger of the app: monitoring's lines, and (through nestjs-pino) Nest's own and
 * pino-http's. Credential fields are censored by name (`redactFields`, cheaper than pino's
 * wildcard `redact` paths: ~0.1 µs a line against ~20 µs), credential headers by the serializers,
 * secret values in the finished line by `censor`; `options.redact` adds pino redact paths.
 */
export async function createMonitoringLogger(options: ResolvedLogsOptions, censor: SecretCensor): Promise<Logger> {
  const destination = await openDestination(options);
  return pino(
    {
      level: options.level,
      mixin: logContext,
      mixinMergeStrategy: mergeLogContext,
      formatters: { log: formatLogFields },
      serializers: LOG_SERIALIZERS,
      ...(options.redact.length > 0 && { redact: { paths: [...options.redact], censor: REDACTED } }),
      hooks: { streamWrite: (line) => censor.scrub(line) },
    },
    destination,
  );
}

/**
 * Standard output by default, or a file path appended to: both written in batches
 * (`BufferedDestination`); a stream given as destination gets every line as it is made.
 * Pretty wraps either, and passes `flush` on so the shutdown still writes what is pending.
 */
async function openDestination(options: ResolvedLogsOptions): Promise<DestinationStream> {
  const given = options.destination;
  const target: DestinationStream =
    typeof given === 'string' ? new BufferedDestination(await openFile(given), LOG_BATCH) : ((given as DestinationStream | undefined) ?? new BufferedDestination(pino.destination({ dest: 1, sync: true }), LOG_BATCH));
  if (!options.pretty) return target;
  const prettify = await loadPrettifier(given === undefined && process.stdout.isTTY === true);
  const flushable = target as DestinationStream & { flush?: (done?: (error?: Error) => void) => void };
  return { write: (line: string) => target.write(prettify(line)), ...(flushable.flush && { flush: (done?: (error?: Error) => void) => flushable.flush!(done) }) };
}

/** The file, open (its directory made), written synchronously: a path that cannot be written fails the startup, not the first line. */
async function openFile(path: string): Promise<ReturnType<typeof pino.destination>> {
  try {
    const file = pino.destination({ dest: path, mkdir: true, append: true, sync: true });
    await once(file, 'ready');
    return file;
  } catch (error) {
    throw new MonitoringConfigurationError(messages.destinationFailed(path, (error as NodeJS.ErrnoException).code ?? String(error)));
  }
}

/** pino-pretty (an optional peer) as a synchronous line formatter. */
async function loadPrettifier(colorize: boolean): Promise<(line: string) => string> {
  try {
    const { prettyFactory } = (await import('pino-pretty')) as unknown as { prettyFactory: (options: object) => (line: string) => string };
    return prettyFactory({ colorize, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' });
  } catch (error) {
    throw new MonitoringConfigurationError(messages.prettyMissing(error instanceof Error ? error.message : String(error)));
  }
}
