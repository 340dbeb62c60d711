import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { createChannel, enableCorrelation, runWithCorrelation } from '@aiwire/core';
import { pino, type Logger } from 'pino';
import type { WebhookExecutionMessage } from '@aiwire/webhooks';
import { enableTraceIds } from '../tracing/trace-ids.js';
import { logContext, mergeLogContext } from './log-context.js';
import { formatLogFields } from './log-line.js';
import { resolveLogsOptions } from './logs.options.js';
import { createMonitoringLogger } from './monitoring-logger.factory.js';
import { rawLines } from './raw-lines.js';
import { SecretCensor } from './secret-censor.js';
import type { IntakeLogMessage } from './webhook-log-lines.js';
import { subscribeLogs } from './log-subscriptions.js';
import type { MonitoringLogsOptions } from '../interfaces/monitoring-module-options.interface.js';

enableCorrelation();

const execution = createChannel<WebhookExecutionMessage>('aiwire:webhook:execution');
const intake = createChannel<IntakeLogMessage>('aiwire:webhook:intake');
const SECRET = 'whsec_raw_lines_secret';
const base = { source: 'stripe', eventId: 'evt_1', type: 'payment_intent.succeeded', handler: 'Payments.onPaid', attempt: 1, durationMs: 12.345 } as const;

/** The monitoring logger, its lines captured as written (after the secret censor). */
async function monitoringLogger(options: MonitoringLogsOptions = {}) {
  const lines: string[] = [];
  const censor = new SecretCensor();
  censor.add([SECRET]);
  const log = await createMonitoringLogger(resolveLogsOptions({ level: 'debug', destination: { write: (line: string) => lines.push(line) }, ...options }), censor);
  return { lines, log };
}

/** The same message written by pino (`child[level](fields, msg)`) and by the raw writer, parsed, the time left out. */
async function bothWays(message: WebhookExecutionMessage, options: MonitoringLogsOptions = {}) {
  const { lines, log } = await monitoringLogger(options);
  const off = subscribeLogs(log);
  execution.publish(message);
  off();
  const child = log.child({ event: 'webhook.execution', source: message.source, type: message.type, handler: message.handler });
  const level = message.outcome === 'completed' ? 'info' : message.outcome === 'retrying' ? 'warn' : 'error';
  child[level]({ correlation_id: message.eventId, event_id: message.eventId, attempt: message.attempt, outcome: message.outcome, duration_ms: Math.round(message.durationMs * 10) / 10, error: message.error }, `webhook handler ${message.handler} ${message.outcome} (attempt ${message.attempt})`);
  const [raw, byPino] = lines.map((line) => {
    const { time, ...rest } = JSON.parse(line) as Record<string, unknown>;
    expect(typeof time).toBe('number');
    return rest;
  });
  return { raw: raw!, byPino: byPino!, lines };
}

describe('rawLines', () => {
  it('writes an execution line with the same fields and values as pino writes from an object, through the secret censor', async () => {
    for (const message of [
      { ...base, outcome: 'completed' },
      { ...base, attempt: 2, outcome: 'retrying', error: `Slack said "no" \\ again\nnewline, tab\t, é, 😀, and the key ${SECRET}` },
      { ...base, attempt: 3, outcome: 'dead', error: 'gone', durationMs: Number.NaN },
      { ...base, eventId: 'evt_"quoted"\\', type: 'orders/create', outcome: 'completed' },
    ] as WebhookExecutionMessage[]) {
      const { raw, byPino, lines } = await bothWays(message);
      expect(raw).toEqual(byPino);
      expect(raw).toMatchObject({ event: 'webhook.execution', source: message.source, type: message.type, handler: message.handler, event_id: message.eventId, attempt: message.attempt });
      expect(lines.join('')).not.toContain(SECRET);
    }
  });

  it('writes an intake line with the same fields and values as pino writes from an object; absent type and id are left out', async () => {
    const deliveries: IntakeLogMessage[] = [
      { source: 'stripe', status: 202, outcome: 'accepted', eventId: 'evt_"1"\\', type: 'payment_intent.succeeded', durationMs: 1.234 },
      { source: 'stripe', status: 401, outcome: 'invalid_signature', eventId: undefined, type: undefined, durationMs: 0.5 },
      { source: '(unknown)', status: 404, outcome: 'unknown_source', eventId: undefined, type: undefined, durationMs: 0.04 },
      { source: 'shopify', status: 503, outcome: 'unavailable', eventId: `id ${SECRET}`, type: 'orders/create', durationMs: Number.POSITIVE_INFINITY },
    ];
    for (const m of deliveries) {
      const { lines, log } = await monitoringLogger();
      const off = subscribeLogs(log);
      intake.publish(m);
      off();
      const level = m.status >= 500 ? 'error' : m.status >= 400 ? 'warn' : 'info';
      log[level]({ event: 'webhook.delivery', correlation_id: m.eventId, source: m.source, type: m.type, event_id: m.eventId, outcome: m.outcome, status: m.status, duration_ms: Math.round(m.durationMs * 10) / 10 }, `webhook delivery ${m.source} ${m.outcome} ${m.status}`);
      expect(lines).toHaveLength(2);
      const [raw, byPino] = lines.map((line) => {
        const { time, ...rest } = JSON.parse(line) as Record<string, unknown>;
        expect(typeof time).toBe('number');
        return rest;
      });
      expect(raw).toEqual(byPino);
      expect(Object.keys(raw!)).toEqual(Object.keys(byPino!));
      expect(raw).toMatchObject({ event: 'webhook.delivery', source: m.source, status: m.status });
      expect(lines.join('')).not.toContain(SECRET);
    }
  });

  it("carries the active span's trace ids when tracing is on, as pino's mixin adds them", async () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    const disableTraceIds = enableTraceIds(trace);
    try {
      const { lines, log } = await monitoringLogger();
      const off = subscribeLogs(log);
      let ids: { traceId: string; spanId: string } | undefined;
      runWithCorrelation({ correlationId: 'req-9' }, () =>
        trace.getTracer('test').startActiveSpan('handler', (span) => {
          ids = span.spanContext();
          execution.publish({ ...base, outcome: 'completed' });
          span.end();
        }),
      );
      off();
      expect(JSON.parse(lines[0]!)).toMatchObject({ correlation_id: 'req-9', event_id: 'evt_1', trace_id: ids!.traceId, span_id: ids!.spanId });
    } finally {
      disableTraceIds();
      trace.disable();
      context.disable();
    }
  });

  it('is used for the monitoring logger, and not where only pino can write the line right', async () => {
    const child = (log: Logger) => log.child({ event: 'webhook.execution' });
    const keys = ['event_id', 'error'];
    const write = (line: string) => line;
    expect(rawLines(child((await monitoringLogger()).log), keys)).toBeDefined();
    expect(rawLines((await monitoringLogger()).log, keys)).toBeDefined();
    expect(rawLines(child(pino({ mixin: logContext, mixinMergeStrategy: mergeLogContext, formatters: { log: formatLogFields } }, { write })), keys)).toBeDefined();
    expect(rawLines(child((await monitoringLogger({ redact: ['event_id'] })).log), keys)).toBeUndefined();
    expect(rawLines(child(pino({ mixin: () => ({ tenant: 't1' }) }, { write })), keys)).toBeUndefined();
    expect(rawLines(child(pino({ formatters: { log: (fields) => ({ ...fields, app: 'shop' }) } }, { write })), keys)).toBeUndefined();
    expect(rawLines(child(pino({ nestedKey: 'payload' }, { write })), keys)).toBeUndefined();
    expect(rawLines(child(pino({ msgPrefix: '[shop] ' }, { write })), keys)).toBeUndefined();
    expect(rawLines(child(pino({ serializers: { error: String } }, { write })), keys)).toBeUndefined();
    expect(rawLines(child(pino({}, pino.multistream([{ stream: { write } }]))), keys)).toBeUndefined();
  });

  it('leaves the line to pino when it must, so configured redact paths still censor execution fields', async () => {
    const { lines, log } = await monitoringLogger({ redact: ['event_id'] });
    const off = subscribeLogs(log);
    execution.publish({ ...base, outcome: 'completed' });
    intake.publish({ source: 'stripe', status: 202, outcome: 'accepted', eventId: 'evt_2', type: 'charge.refunded', durationMs: 1 });
    off();
    expect(JSON.parse(lines[0]!)).toMatchObject({ event: 'webhook.execution', event_id: '[REDACTED]', correlation_id: 'evt_1', outcome: 'completed' });
    expect(JSON.parse(lines[1]!)).toMatchObject({ event: 'webhook.delivery', event_id: '[REDACTED]', correlation_id: 'evt_2', outcome: 'accepted' });
  });

  it('follows the level and the base bindings: a line below the level is not written; pid and hostname are', async () => {
    const { lines, log } = await monitoringLogger({ level: 'warn' });
    const off = subscribeLogs(log);
    execution.publish({ ...base, outcome: 'completed' });
    execution.publish({ ...base, attempt: 2, outcome: 'retrying', error: 'later' });
    log.level = 'info';
    execution.publish({ ...base, attempt: 3, outcome: 'completed' });
    off();
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((l) => [l.level, l.attempt, l.pid, typeof l.hostname])).toEqual([
      [40, 2, process.pid, 'string'],
      [30, 3, process.pid, 'string'],
    ]);
  });
});
