import { createChannel, runWithCorrelation, enableCorrelation } from '@aiwire/core';
import { pino } from 'pino';
import type { WebhookExecutionMessage } from '@aiwire/webhooks';
import type { AiFallbackMessage, AiRequestMessage } from '@aiwire/ai';
import type { HttpCallMessage, HttpCircuitMessage, HttpTokenMessage } from '@aiwire/connectors';
import { logContext, mergeLogContext } from './log-context.js';
import { subscribeLogs } from './log-subscriptions.js';
import type { IntakeLogMessage } from './webhook-log-lines.js';

// Lines carry the correlation id once something enables it (MonitoringModule does when logs are on).
enableCorrelation();

const channel = <T>(name: string) => createChannel<T>(name);
const intake = channel<IntakeLogMessage>('aiwire:webhook:intake');
const execution = channel<WebhookExecutionMessage>('aiwire:webhook:execution');
const aiRequest = channel<AiRequestMessage>('aiwire:ai:request');
const aiFallback = channel<AiFallbackMessage>('aiwire:ai:fallback');
const httpCall = channel<HttpCallMessage>('aiwire:http:call');
const httpToken = channel<HttpTokenMessage>('aiwire:http:token');
const httpCircuit = channel<HttpCircuitMessage>('aiwire:http:circuit');

const HTTP_ATTRIBUTES = {
  'http.request.method': 'GET', 'url.template': '/v1/customers/{id}', 'url.full': 'https://api.stripe.com/v1/customers/cus_123', 'url.scheme': 'https',
  'server.address': 'api.stripe.com', 'server.port': 443, 'aiwire.connector.name': 'stripe', 'aiwire.connector.service': 'stripe', 'aiwire.operation': 'stripe.getCustomer',
} as const;

function capture(level: pino.Level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const logger = pino({ level, base: undefined, timestamp: false, mixin: logContext, mixinMergeStrategy: mergeLogContext }, { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, off: subscribeLogs(logger) };
}

describe('subscribeLogs', () => {
  let off: (() => void) | undefined;
  afterEach(() => off?.());

  it('writes one line per webhook delivery: info when taken, warn when refused, error when it could not be stored', () => {
    const out = capture();
    off = out.off;
    intake.publish({ source: 'stripe', type: 'payment_intent.succeeded', status: 202, outcome: 'accepted', eventId: 'evt_1', durationMs: 1.234 });
    intake.publish({ source: 'stripe', status: 401, outcome: 'invalid_signature', eventId: undefined, type: undefined, durationMs: 0.5 });
    intake.publish({ source: 'stripe', status: 503, outcome: 'unavailable', eventId: 'evt_2', type: undefined, durationMs: 2000 });
    expect(out.lines).toEqual([
      { level: 30, event: 'webhook.delivery', correlation_id: 'evt_1', source: 'stripe', type: 'payment_intent.succeeded', event_id: 'evt_1', outcome: 'accepted', status: 202, duration_ms: 1.2, msg: 'webhook delivery stripe accepted 202' },
      { level: 40, event: 'webhook.delivery', source: 'stripe', outcome: 'invalid_signature', status: 401, duration_ms: 0.5, msg: 'webhook delivery stripe invalid_signature 401' },
      { level: 50, event: 'webhook.delivery', correlation_id: 'evt_2', source: 'stripe', event_id: 'evt_2', outcome: 'unavailable', status: 503, duration_ms: 2000, msg: 'webhook delivery stripe unavailable 503' },
    ]);
  });

  it('writes one line per handler execution, with the correlation of the work it runs in (else the event id)', () => {
    const out = capture();
    off = out.off;
    const base = { source: 'shopify', eventId: 'evt_9', type: 'orders/create', handler: 'Orders.onCreate', durationMs: 12 } as const;
    runWithCorrelation({ correlationId: 'req-7' }, () => execution.publish({ ...base, attempt: 1, outcome: 'retrying', error: 'Slack said no' }));
    execution.publish({ ...base, attempt: 2, outcome: 'dead', error: 'Slack said no' });
    execution.publish({ ...base, attempt: 3, outcome: 'completed' });
    expect(out.lines.map((l) => [l.level, l.correlation_id, l.outcome, l.attempt, l.error])).toEqual([
      [40, 'req-7', 'retrying', 1, 'Slack said no'],
      [50, 'evt_9', 'dead', 2, 'Slack said no'],
      [30, 'evt_9', 'completed', 3, undefined],
    ]);
    expect(out.lines[2]).toEqual({ level: 30, event: 'webhook.execution', correlation_id: 'evt_9', source: 'shopify', type: 'orders/create', event_id: 'evt_9', handler: 'Orders.onCreate', attempt: 3, outcome: 'completed', duration_ms: 12, msg: 'webhook handler Orders.onCreate completed (attempt 3)' });
  });

  it('writes one line per AI call and a warn line per fallback', () => {
    const out = capture();
    off = out.off;
    runWithCorrelation({ correlationId: 'evt_ai' }, () => {
      aiFallback.publish({ from: 'openai', to: 'claude', reason: 'retries_exhausted', message: 'OpenAI answered 503' });
      aiRequest.publish({
        provider: 'claude', outcome: 'success', cached: false, attempts: 3, latencyMs: 812.26, costUsd: 0.00042, fallbacks: 1,
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'anthropic', 'gen_ai.request.model': 'claude-haiku-4-5', 'gen_ai.output.type': 'text', 'gen_ai.response.model': 'claude-haiku-4-5-20251001', 'gen_ai.usage.input_tokens': 120, 'gen_ai.usage.output_tokens': 30 },
      });
      aiRequest.publish({ provider: 'openai', outcome: 'error', cached: false, attempts: 4, latencyMs: 100, costUsd: 0, fallbacks: 0, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.provider.name': 'openai', 'gen_ai.request.model': 'gpt-4o-mini', 'gen_ai.output.type': 'json', 'error.type': 'AiProviderError' } });
    });
    expect(out.lines).toEqual([
      { level: 40, correlation_id: 'evt_ai', event: 'ai.fallback', from: 'openai', to: 'claude', reason: 'retries_exhausted', error: 'OpenAI answered 503', msg: 'AI provider openai failed (retries_exhausted); falling back to claude' },
      {
        level: 30, correlation_id: 'evt_ai', event: 'ai.call', provider: 'claude', model: 'claude-haiku-4-5', response_model: 'claude-haiku-4-5-20251001', tokens_in: 120, tokens_out: 30,
        cost_usd: 0.00042, cached: false, attempts: 3, fallbacks: 1, outcome: 'success', duration_ms: 812.3, msg: 'AI call claude claude-haiku-4-5 success',
      },
      { level: 50, correlation_id: 'evt_ai', event: 'ai.call', provider: 'openai', model: 'gpt-4o-mini', cost_usd: 0, cached: false, attempts: 4, fallbacks: 0, outcome: 'error', duration_ms: 100, error: 'AiProviderError', msg: 'AI call openai gpt-4o-mini error' },
    ]);
  });

  it('writes one line per connector call with the route template (never the raw path), and warn lines for token failures and circuits', () => {
    const out = capture();
    off = out.off;
    httpCall.publish({ attributes: { ...HTTP_ATTRIBUTES, 'http.response.status_code': 200 }, attempts: 1, durationMs: 45.67, outcome: 'success' });
    httpCall.publish({ attributes: { ...HTTP_ATTRIBUTES, 'http.response.status_code': 404, 'error.type': '404' }, attempts: 1, durationMs: 30, outcome: 'error', error: { name: 'ConnectorHttpError', code: 'resource_missing' } });
    httpToken.publish({ connector: 'crm', grant: 'refresh_token', outcome: 'failed', durationMs: 80, status: 400, code: 'invalid_grant' });
    httpToken.publish({ connector: 'crm', grant: 'refresh_token', outcome: 'refreshed', durationMs: 80, rotated: true });
    httpCircuit.publish({ connector: 'stripe', from: 'closed', to: 'open' });
    httpCircuit.publish({ connector: 'stripe', from: 'half-open', to: 'closed' });
    expect(out.lines[0]).toEqual({ level: 30, event: 'http.call', connector: 'stripe', service: 'stripe', operation: 'stripe.getCustomer', method: 'GET', route: '/v1/customers/{id}', status: 200, attempts: 1, outcome: 'success', duration_ms: 45.7, msg: 'connector call stripe GET /v1/customers/{id} success' });
    expect(out.lines[1]).toMatchObject({ level: 50, status: 404, outcome: 'error', error: 'ConnectorHttpError', error_code: 'resource_missing' });
    expect(JSON.stringify(out.lines)).not.toContain('cus_123');
    expect(out.lines.slice(2).map((l) => [l.level, l.event, l.outcome ?? l.to])).toEqual([[40, 'http.token', 'failed'], [20, 'http.token', 'refreshed'], [40, 'http.circuit', 'open'], [30, 'http.circuit', 'closed']]);
    expect(out.lines[2]).toMatchObject({ connector: 'crm', grant: 'refresh_token', status: 400, error_code: 'invalid_grant' });
  });

  it('builds nothing below the level, and stops at unsubscribe', () => {
    const out = capture('warn');
    intake.publish({ source: 'stripe', status: 202, outcome: 'accepted', eventId: 'evt_quiet', type: 'x', durationMs: 1 });
    out.off();
    intake.publish({ source: 'stripe', status: 401, outcome: 'invalid_signature', eventId: undefined, type: undefined, durationMs: 1 });
    expect(out.lines).toEqual([]);
    expect(intake.hasSubscribers).toBe(false);
  });

  it('never throws into the publisher when writing fails (the failure becomes one process warning)', async () => {
    const logger = pino({}, { write: () => { throw new Error('disk full'); } });
    off = subscribeLogs(logger);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      expect(() => httpCircuit.publish({ connector: 'stripe', from: 'closed', to: 'open' })).not.toThrow();
      await new Promise((r) => setTimeout(r, 10));
      expect(warnings).toEqual(['A subscriber of diagnostics channel "aiwire:http:circuit" threw: Error: disk full']);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
