import { parseLinkHeader } from './link-header.js';
import { decodeBody, encodeBody, encodeForm } from './request-body.js';
import { ConnectorRequestError } from '../errors/connector-request.error.js';
import { isDotSegment, redactedUrl, resolvePath, toSearchParams } from './request-url.js';

describe('request encoding', () => {
  const base = new URL('https://erp.example.com/api/');

  it('joins base path and template, encoding parameters, and reports the template', () => {
    expect(resolvePath('erp', base, '/orders/{id}/lines/{line}', { id: 'a/b c', line: 7 })).toEqual({
      url: 'https://erp.example.com/api/orders/a%2Fb%20c/lines/7',
      template: '/api/orders/{id}/lines/{line}',
    });
    expect(resolvePath('stripe', new URL('https://api.stripe.com'), '/v1/charges')).toEqual({ url: 'https://api.stripe.com/v1/charges', template: '/v1/charges' });
  });

  it('refuses paths that could leave the host, and missing parameters', () => {
    expect(() => resolvePath('erp', base, '//evil.example/x')).toThrow(/single "\/"/);
    expect(() => resolvePath('erp', base, 'https://evil.example/x')).toThrow(TypeError);
    expect(() => resolvePath('erp', base, '/orders/{id}')).toThrow(/needs a value for \{id\}/);
    expect(() => resolvePath('erp', base, '//evil.example/x')).toThrow(ConnectorRequestError);
  });

  // Each would reach another endpoint than the template names, with the connector's credentials.
  it.each(['.', '..', '%2e', '%2e%2e', '%2E.', '.%2E', '%252e%252e', '../admin', '..%2Fadmin', 'a/../..', '..\\admin', 'x%2F%2E%2E'])('refuses the path parameter %j', (id) => {
    expect(isDotSegment(id)).toBe(true);
    expect(() => resolvePath('erp', base, '/orders/{id}/lines', { id })).toThrow(ConnectorRequestError);
    expect(() => resolvePath('erp', base, '/orders/{id}/lines', { id })).toThrow(/\{id\} = .* is or decodes to "\." or "\.\."/);
  });

  it.each(['...', '.hidden', 'v1.2', 'a.b', '%zz', '..a', 'a..', 'O%27Brien', '100%'])('sends the ordinary parameter %j', (id) => {
    expect(isDotSegment(id)).toBe(false);
    expect(resolvePath('erp', base, '/orders/{id}', { id }).url).toBe(`https://erp.example.com/api/orders/${encodeURIComponent(id)}`);
  });

  it('refuses dot segments in the template itself, or made by a value glued to it', () => {
    expect(() => resolvePath('erp', base, '/orders/../admin')).toThrow(/a segment in request path/);
    expect(() => resolvePath('erp', base, '/orders/%2e%2e/admin')).toThrow(ConnectorRequestError);
    expect(() => resolvePath('erp', base, '/orders/.{ext}', { ext: '.' })).toThrow(ConnectorRequestError);
    expect(resolvePath('erp', base, '/search?q=a/../b').url).toBe('https://erp.example.com/api/search?q=a/../b');
  });

  it('builds queries: arrays repeat, null and undefined are left out', () => {
    expect(toSearchParams({ a: 1, b: [true, 'x'], c: null, d: undefined, 'expand[]': ['customer'] }).toString()).toBe('a=1&b=true&b=x&expand%5B%5D=customer');
  });

  it('redacts credential query values in URLs for events', () => {
    const query = new URLSearchParams({ status: 'open', api_key: 'secret', Token: 't', mine: 'm' });
    expect(redactedUrl('https://h/x', query, new Set(['mine']))).toBe('https://h/x?status=open&api_key=REDACTED&Token=REDACTED&mine=REDACTED');
    expect(redactedUrl('https://h/x', new URLSearchParams(), new Set())).toBe('https://h/x');
  });

  it("form-encodes nested objects and arrays the way Stripe reads them", () => {
    const form = encodeForm({ url: 'https://x', enabled_events: ['a.b', 'c.d'], metadata: { order: 1002, note: null }, skip: undefined, at: new Date(1_700_000_000_000) });
    expect(decodeURIComponent(form)).toBe('url=https://x&enabled_events[0]=a.b&enabled_events[1]=c.d&metadata[order]=1002&metadata[note]=&at=1700000000');
  });

  it('encodes JSON bodies with a charset, passes strings and bytes through', () => {
    expect(encodeBody({ a: 1 }, undefined)).toEqual({ body: '{"a":1}', contentType: 'application/json; charset=utf-8' });
    expect(encodeBody('raw', undefined)).toEqual({ body: 'raw', contentType: undefined });
    expect(encodeBody(undefined, { a: 1 })).toEqual({ body: 'a=1', contentType: 'application/x-www-form-urlencoded' });
    expect(encodeBody(undefined, undefined)).toEqual({ body: undefined, contentType: undefined });
  });

  it('decodes JSON answers, keeps text, and returns broken JSON as text', () => {
    expect(decodeBody(Buffer.from('{"ok":true}'), 'application/json; charset=utf-8')).toEqual({ ok: true });
    expect(decodeBody(Buffer.from('{"ok":true}'), 'application/problem+json')).toEqual({ ok: true });
    expect(decodeBody(Buffer.from('[1]'), 'text/plain')).toEqual([1]);
    expect(decodeBody(Buffer.from('Bad gateway'), 'text/html')).toBe('Bad gateway');
    expect(decodeBody(Buffer.from('{"id": "cus_'), 'application/json')).toBe('{"id": "cus_');
    expect(decodeBody(Buffer.alloc(0), 'application/json')).toBeUndefined();
  });

  it('parses Link headers by relation', () => {
    const header = '<https://s.myshopify.com/admin/api/2025-01/orders.json?limit=2&page_info=abc>; rel="previous", <https://s.myshopify.com/admin/api/2025-01/orders.json?limit=2&page_info=def>; rel="next"';
    expect(parseLinkHeader(header)).toEqual({
      previous: 'https://s.myshopify.com/admin/api/2025-01/orders.json?limit=2&page_info=abc',
      next: 'https://s.myshopify.com/admin/api/2025-01/orders.json?limit=2&page_info=def',
    });
    expect(parseLinkHeader('<https://api.github.com/x?page=2>; rel=next, <https://api.github.com/x?page=5>; rel="last"')).toMatchObject({ next: 'https://api.github.com/x?page=2', last: 'https://api.github.com/x?page=5' });
    expect(parseLinkHeader(undefined)).toEqual({});
  });
});
