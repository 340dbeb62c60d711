import { pino, type Logger } from 'pino';
import { logContext } from './log-context.js';
import { formatLogFields } from './log-line.js';
import type { LineLevel } from './log-line.js';
import { currentTraceIds } from '../tracing/trace-ids.js';

/**
 * The parts of a pino logger its own line assembly reads (`pino.symbols`, which pino exposes "for
 * integration purposes with ecosystem and third party libraries").
 */
interface PinoParts {
  /** `{"level":30` by level number (the level formatter applied). */
  readonly lsCache: Readonly<Record<number, string>>;
  /** `,"time":1764730000000`, or '' with `timestamp: false`. */
  readonly time: () => string;
  /** The base and child bindings, serialised once: `,"pid":1,"hostname":"h","source":"stripe"`. */
  readonly chindings: string;
  readonly messageKey: string;
  /** `}` and the line ending. */
  readonly end: string;
  readonly stream: { write(line: string): void } & { [key: symbol]: unknown };
  readonly streamWrite: ((line: string) => string) | undefined;
}

/**
 * Writes lines whose fields are already JSON, the way `logger[level](fields, message)` would write
 * them — the same level, time, bindings, trace ids, message key and end, through the same
 * `streamWrite` hook (the secret censor) to the same destination — without pino serialising a
 * fields object (~3 µs of the ~5 µs a webhook execution line took; the worker writes one per job,
 * the intake one per request).
 */
export interface RawLines {
  /**
   * `fields`: JSON members, each with its leading comma (`,"event_id":"evt_1","attempt":1`), whose
   * names no serializer, redact path or formatter of the logger touches (see `rawLines`).
   */
  write(level: LineLevel, fields: string, message: string): void;
}

/**
 * The raw writer of `logger` (a child, with its bindings), or undefined when only pino itself can
 * write its lines right: redact paths, a nested key or message prefix, a serializer of one of
 * `keys`, a destination that needs pino's metadata (multistream), or a mixin or log formatter
 * other than monitoring's own (`logContext`, `formatLogFields`), which leave such lines unchanged
 * but for the trace ids.
 */
export function rawLines(logger: Logger, keys: readonly string[]): RawLines | undefined {
  const s = pino.symbols as typeof pino.symbols & { readonly msgPrefixSym?: symbol };
  const own = logger as unknown as Record<symbol, unknown>;
  const stringifiers = own[s.stringifiersSym] as object | undefined;
  const serializers = (own[s.serializersSym] ?? {}) as Record<string, unknown>;
  const formatters = (own[s.formattersSym] ?? {}) as { log?: unknown };
  const mixin = own[s.mixinSym];
  const stream = own[s.streamSym] as PinoParts['stream'];
  const pinoOnly =
    (stringifiers !== undefined && Object.keys(stringifiers).length > 0) ||
    Boolean(own[s.nestedKeySym]) ||
    (s.msgPrefixSym !== undefined && typeof own[s.msgPrefixSym] === 'string') ||
    keys.some((key) => serializers[key] !== undefined) ||
    stream[s.needsMetadataGsym] === true ||
    (formatters.log !== undefined && formatters.log !== formatLogFields) ||
    (mixin !== undefined && mixin !== logContext) ||
    typeof own[s.timeSym] !== 'function';
  if (pinoOnly) return undefined;
  const parts: PinoParts = {
    lsCache: own[s.lsCacheSym] as PinoParts['lsCache'],
    time: own[s.timeSym] as PinoParts['time'],
    chindings: own[s.chindingsSym] as string,
    messageKey: JSON.stringify(own[s.messageKeySym]),
    end: own[s.endSym] as string,
    stream,
    streamWrite: (own[s.hooksSym] as { streamWrite?: (line: string) => string } | undefined)?.streamWrite,
  };
  const withTraceIds = mixin === logContext;
  return {
    write(level, fields, message) {
      // The mixin adds nothing but the trace ids to a line that carries its correlation id.
      const trace = withTraceIds ? currentTraceIds() : undefined;
      const traced = trace === undefined ? '' : `,"trace_id":"${trace.trace_id}","span_id":"${trace.span_id}"`;
      const line = `${parts.lsCache[logger.levels.values[level]!]}${parts.time()}${parts.chindings}${traced}${fields},${parts.messageKey}:${JSON.stringify(message)}${parts.end}`;
      parts.stream.write(parts.streamWrite ? parts.streamWrite(line) : line);
    },
  };
}
