import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { context, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { runWithCorrelation, enableCorrelation } from '@aiwire/core';
import { enableTraceIds } from '../tracing/trace-ids.js';
import { resolveLogsOptions } from './logs.options.js';
import { createMonitoringLogger } from './monitoring-logger.factory.js';
import { SecretCensor } from './secret-censor.js';
import type { MonitoringLogsOptions } from '../interfaces/monitoring-module-options.interface.js';
import { waitFor } from '../../../../test/support/wait.js';

// Lines carry the correlation id once something enables it (MonitoringModule does when logs are on).
enableCorrelation();

class Capture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  json(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

async function logger(options: MonitoringLogsOptions = {}, secrets: string[] = []) {
  const out = new Capture();
  const censor = new SecretCensor();
  censor.add(secrets);
  return { out, censor, log: await createMonitoringLogger(resolveLogsOptions({ destination: out, ...options }), censor) };
}

describe('createMonitoringLogger', () => {
  it('puts the correlation id of the work running now on every line, and none outside any', async () => {
    const { out, log } = await logger();
    log.info('outside');
    await runWithCorrelation({ correlationId: 'evt_123' }, async () => {
      await new Promise((r) => setTimeout(r, 1));
      log.info({ a: 1 }, 'inside');
    });
    const [outside, inside] = out.json();
    expect(outside).not.toHaveProperty('correlation_id');
    expect(inside).toMatchObject({ correlation_id: 'evt_123', a: 1, msg: 'inside' });
  });

  it("adds the active span's trace_id and span_id when tracing is on, and nothing for them when it is off", async () => {
    const contextManager = new AsyncLocalStorageContextManager().enable();
    context.setGlobalContextManager(contextManager);
    trace.setGlobalTracerProvider(new BasicTracerProvider());
    let disableTraceIds: (() => void) | undefined;
    try {
      const { out, log } = await logger();
      const tracer = trace.getTracer('test');
      tracer.startActiveSpan('off', (span) => { log.info('tracing off'); span.end(); });
      disableTraceIds = enableTraceIds(trace);
      let ids: { traceId: string; spanId: string } | undefined;
      runWithCorrelation({ correlationId: 'req-1' }, () => tracer.startActiveSpan('on', (span) => { ids = span.spanContext(); log.info('tracing on'); span.end(); }));
      log.info('no span');
      const [off, on, none] = out.json();
      expect(off).not.toHaveProperty('trace_id');
      expect(on).toMatchObject({ correlation_id: 'req-1', trace_id: ids!.traceId, span_id: ids!.spanId });
      expect(none).not.toHaveProperty('trace_id');
    } finally {
      disableTraceIds?.();
      trace.disable();
      context.disable();
    }
  });

  it('censors credential fields and headers by name, configured redact paths, and secret values anywhere in the line', async () => {
    const { out, log } = await logger({ redact: ['order.card'] }, ['sk-openai-abcdefgh']);
    log.info({ apiKey: 'k1', headers: { authorization: 'Bearer b1', cookie: 'sid=c1', 'x-shopify-hmac-sha256': 'h1', accept: 'json' }, order: { card: '4242', id: 7 } }, 'call');
    log.error(new Error('OpenAI refused key sk-openai-abcdefgh'), 'failed with sk-openai-abcdefgh');
    const text = out.lines.join('');
    for (const value of ['k1', 'b1', 'sid=c1', '"h1"', '4242', 'sk-openai-abcdefgh']) expect(text).not.toContain(value);
    const [call, failed] = out.json();
    expect(call).toMatchObject({ apiKey: '[REDACTED]', headers: { authorization: '[REDACTED]', cookie: '[REDACTED]', 'x-shopify-hmac-sha256': '[REDACTED]', accept: 'json' }, order: { card: '[REDACTED]', id: 7 } });
    expect(failed).toMatchObject({ msg: 'failed with [REDACTED]', err: { message: 'OpenAI refused key [REDACTED]' } });
  });

  it("censors credential fields an error carries (an HTTP client's request config), keeping its message and stack", async () => {
    const { out, log } = await logger();
    const error = Object.assign(new Error('request failed'), { config: { url: '/v1/x', headers: { Authorization: 'Bearer e1' } }, token: 'e2' });
    log.error({ err: error }, 'call failed');
    expect(out.lines.join('')).not.toMatch(/e1|"e2"/);
    expect(out.json()[0]).toMatchObject({ err: { type: 'Error', message: 'request failed', stack: expect.stringContaining('request failed'), config: { url: '/v1/x', headers: { Authorization: '[REDACTED]' } }, token: '[REDACTED]' } });
  });

  it('respects the level', async () => {
    const { out, log } = await logger({ level: 'warn' });
    log.info('dropped');
    log.warn('kept');
    expect(out.json().map((l) => l.msg)).toEqual(['kept']);
  });

  it('writes human-readable lines with pretty, censored all the same', async () => {
    const { out, log } = await logger({ pretty: true }, ['pretty-secret-1234']);
    runWithCorrelation({ correlationId: 'evt_pretty' }, () => log.warn({ token: 't' }, 'about pretty-secret-1234'));
    expect(out.lines).toHaveLength(1);
    expect(out.lines[0]).toMatch(/^\[[\d:.]+\] WARN: about \[REDACTED\]\n/);
    expect(out.lines[0]).toContain('correlation_id: "evt_pretty"');
    expect(out.lines[0]).toContain('token: "[REDACTED]"');
  });

  it('appends to a file given as destination', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiwire-logs-'));
    try {
      const file = join(dir, 'sub', 'app.log');
      const log = await createMonitoringLogger(resolveLogsOptions({ destination: file }), new SecretCensor());
      log.info({ n: 1 }, 'to a file');
      // Lines to a file are written in batches, each line within 50 ms (LOG_BATCH).
      const written = await waitFor(() => readFileSync(file, 'utf8').endsWith('\n') && readFileSync(file, 'utf8'), 5_000, 'the line in the file');
      expect(JSON.parse(written)).toMatchObject({ n: 1, msg: 'to a file' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("writes a file's lines in one batch, and all of them at once when the logger is flushed (the app's shutdown)", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aiwire-logs-'));
    try {
      const file = join(dir, 'app.log');
      const censor = new SecretCensor();
      censor.add(['file-secret-value']);
      const log = await createMonitoringLogger(resolveLogsOptions({ destination: file }), censor);
      for (let n = 1; n <= 3; n++) log.info({ n }, `line ${n} with file-secret-value`);
      expect(readFileSync(file, 'utf8')).toBe('');
      await new Promise<void>((resolve) => log.flush(() => resolve()));
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([1, 2, 3].map((n) => expect.objectContaining({ n, msg: `line ${n} with [REDACTED]` })));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails the startup, saying what to do, when the destination file cannot be opened', async () => {
    await expect(createMonitoringLogger(resolveLogsOptions({ destination: '/etc/hostname/sub/app.log' }), new SecretCensor())).rejects.toThrow(
      /logs\.destination \/etc\/hostname\/sub\/app\.log cannot be opened for writing \(E[A-Z]+\)\. Give a writable file path, or a stream\./,
    );
  });
});
