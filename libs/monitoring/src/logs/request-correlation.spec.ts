import { requestCorrelationId, saneId } from './request-correlation.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('requestCorrelationId', () => {
  it("takes the caller's x-request-id, else x-correlation-id, when sane", () => {
    expect(requestCorrelationId({ headers: { 'x-request-id': 'req-42', 'x-correlation-id': 'other' } })).toBe('req-42');
    expect(requestCorrelationId({ headers: { 'x-correlation-id': '01J9ZK3W6Q5N8V2M4T7X0B1C2D' } })).toBe('01J9ZK3W6Q5N8V2M4T7X0B1C2D');
  });

  it('makes a new UUID for a missing or hostile id', () => {
    for (const value of [undefined, '', 'has spaces', 'quote"d', 'line\nbreak', 'x'.repeat(129), '-leading-dash', '<script>']) {
      expect(requestCorrelationId({ headers: { 'x-request-id': value } })).toMatch(UUID);
    }
  });

  it("gives one id per request, on Express's request and on Fastify's request and its raw Node request alike", () => {
    const express = { headers: {} };
    expect(requestCorrelationId(express)).toBe(requestCorrelationId(express));
    const raw = { headers: {} };
    const fastify = { headers: {}, raw };
    expect(requestCorrelationId(fastify)).toBe(requestCorrelationId(raw));
  });

  it('refuses header lists', () => {
    expect(saneId(['a', 'b'])).toBeUndefined();
    expect(saneId('trace:00f067aa0ba902b7')).toBe('trace:00f067aa0ba902b7');
  });
});
