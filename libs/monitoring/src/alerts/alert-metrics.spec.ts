import type { HttpCallMessage } from '@aiwire/connectors';
import { ALERT_METRICS, httpErrorReason } from './alert-metrics.js';

const call = (errorType: string | undefined, extra: Partial<HttpCallMessage> = {}, status?: number): HttpCallMessage =>
  ({
    attributes: { 'aiwire.connector.name': 'slack', ...(errorType !== undefined && { 'error.type': errorType }), ...(status !== undefined && { 'http.response.status_code': status }) },
    attempts: 1,
    durationMs: 3,
    outcome: 'error',
    ...extra,
  }) as HttpCallMessage;

describe('alert metrics', () => {
  it('webhook_rejected counts every intake answer of 400 and more, with its outcome as the reason', () => {
    const { classify, reasons } = ALERT_METRICS.webhook_rejected;
    expect(classify({ source: 'stripe', status: 401, outcome: 'invalid_signature', eventId: undefined, durationMs: 1 })).toEqual({ source: 'stripe', reason: 'invalid_signature' });
    expect(classify({ source: '(unknown)', status: 404, outcome: 'unknown_source', eventId: undefined, durationMs: 1 })).toEqual({ source: '(unknown)', reason: 'unknown_source' });
    for (const [status, outcome] of [[202, 'accepted'], [200, 'duplicate'], [200, 'handshake']] as const) {
      expect(classify({ source: 'stripe', status, outcome, eventId: 'e', durationMs: 1 })).toBeUndefined();
    }
    expect(reasons['signature']).toBe('invalid_signature');
    expect(Object.keys(reasons)).toEqual(expect.arrayContaining(['rate_limited', 'forbidden', 'payload_too_large', 'invalid_json', 'unavailable']));
  });

  it('webhook_dead counts executions that ended dead, not retries or successes', () => {
    const base = { source: 'stripe', eventId: 'e', type: 't', handler: 'H.m', attempt: 3, durationMs: 1 };
    expect(ALERT_METRICS.webhook_dead.classify({ ...base, outcome: 'dead' })).toEqual({ source: 'stripe', reason: undefined });
    expect(ALERT_METRICS.webhook_dead.classify({ ...base, outcome: 'retrying' })).toBeUndefined();
    expect(ALERT_METRICS.webhook_dead.classify({ ...base, outcome: 'completed' })).toBeUndefined();
  });

  it('ai_error counts failed AI calls by provider', () => {
    expect(ALERT_METRICS.ai_error.classify({ provider: 'openai', outcome: 'error', cached: false, attempts: 3, latencyMs: 1, costUsd: 0, fallbacks: 0, attributes: {} })).toEqual({ source: 'openai', reason: undefined });
    expect(ALERT_METRICS.ai_error.classify({ provider: 'openai', outcome: 'success', cached: false, attempts: 1, latencyMs: 1, costUsd: 0.1, fallbacks: 0, attributes: {} })).toBeUndefined();
  });

  it.each([
    ['429', {}, 429, 'rate_limited'],
    ['503', {}, 503, 'server_error'],
    ['404', {}, 404, 'client_error'],
    ['timeout', {}, undefined, 'timeout'],
    ['ECONNREFUSED', {}, undefined, 'network'],
    ['channel_not_found', {}, 200, 'provider_error'],
    ['CircuitOpenError', { error: { name: 'CircuitOpenError' } }, undefined, 'circuit_open'],
  ] as const)('http_error reads error.type %s as %s', (type, extra, status, reason) => {
    expect(httpErrorReason(call(type, extra, status))).toBe(reason);
    expect(ALERT_METRICS.http_error.classify(call(type, extra, status))).toEqual({ source: 'slack', reason });
    expect(ALERT_METRICS.http_error.reasons[reason]).toBe(reason);
  });

  it('http_error does not count successful calls', () => {
    expect(ALERT_METRICS.http_error.classify({ ...call(undefined), outcome: 'success' })).toBeUndefined();
  });
});
