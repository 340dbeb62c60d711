import { formatLine, readEnvelope } from './tail-line.js';

const plain = (_colour: unknown, text: string) => text;
const envelope = (channel: string, message: Record<string, unknown>) => JSON.stringify({ channel, at: '2026-12-02T16:45:03.120Z', message });

describe('tail lines', () => {
  it('reads each channel as time, kind, who, what, outcome, ms', () => {
    expect(readEnvelope(envelope('aiwire:webhook:intake', { source: 'stripe', type: 'invoice.paid', outcome: 'accepted', status: 202, durationMs: 2.4 }))).toEqual({
      at: '2026-12-02T16:45:03.120Z', kind: 'webhook', who: 'stripe', what: 'invoice.paid', outcome: 'accepted 202', ms: 2.4,
    });
    expect(readEnvelope(envelope('aiwire:webhook:intake', { source: '(unknown)', outcome: 'not_found', status: 404, durationMs: 0.3 }))).toMatchObject({ what: '-', outcome: 'not_found 404' });
    expect(readEnvelope(envelope('aiwire:webhook:execution', { source: 'stripe', type: 'invoice.paid', handler: 'Billing.onPaid', attempt: 2, outcome: 'retrying', durationMs: 31, error: 'boom' }))).toMatchObject({
      kind: 'handler', what: 'invoice.paid Billing.onPaid', outcome: 'retrying #2: boom',
    });
    expect(readEnvelope(envelope('aiwire:flow:step', { runId: 'r1', flow: 'payment', step: 'wait-reply', kind: 'wait', outcome: 'parked', attempt: 1 }))).toMatchObject({ kind: 'step', who: 'payment', what: 'wait-reply (wait)', outcome: 'parked', ms: undefined });
    expect(readEnvelope(envelope('aiwire:flow:run', { runId: 'r1', flow: 'payment', status: 'failed', durationMs: 1200, error: 'card declined' }))).toMatchObject({ kind: 'flow', what: 'r1', outcome: 'failed: card declined' });
    expect(readEnvelope(envelope('aiwire:ai:request', { provider: 'openai', outcome: 'success', cached: true, costUsd: 0, latencyMs: 3, attributes: { 'gen_ai.request.model': 'gpt-4o-mini' } }))).toMatchObject({ kind: 'ai', who: 'openai', what: 'gpt-4o-mini', outcome: 'success (cached)' });
    expect(readEnvelope(envelope('aiwire:http:call', { outcome: 'error', durationMs: 40, attributes: { 'aiwire.connector.name': 'crm', 'http.request.method': 'GET', 'url.template': '/contacts/{id}', 'http.response.status_code': 404 } }))).toMatchObject({
      kind: 'http', who: 'crm', what: 'GET /contacts/{id}', outcome: 'error 404',
    });
    expect(readEnvelope(envelope('aiwire:queue:other', {}))).toMatchObject({ kind: 'queue:other' });
  });

  it('skips what is not an envelope', () => {
    for (const raw of ['not json', '"text"', '{"channel":1}', '{"channel":"x","message":null}']) expect(readEnvelope(raw)).toBeUndefined();
  });

  it('formats fixed-width columns, the time of day in milliseconds', () => {
    const line = readEnvelope(envelope('aiwire:webhook:intake', { source: 'stripe', type: 'invoice.paid', outcome: 'accepted', status: 202, durationMs: 2.44 }))!;
    expect(formatLine(line, plain)).toBe(`16:45:03.120  webhook  stripe        ${'invoice.paid'.padEnd(28)}  accepted 202  2.4 ms`);
  });
});
