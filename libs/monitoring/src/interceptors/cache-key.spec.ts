import { cacheId, canonicalJson, routeTemplate, userIdentity, type CacheableRequest } from './cache-key.js';

const request = (overrides: Partial<CacheableRequest> = {}): CacheableRequest => ({ method: 'GET', url: '/items/7?b=2&a=1', headers: {}, ...overrides });

describe('routeTemplate', () => {
  it("takes Express's matched route, under its base URL", () => {
    expect(routeTemplate(request({ route: { path: '/items/:id' } }))).toBe('/items/:id');
    expect(routeTemplate(request({ route: { path: '/items/:id' }, baseUrl: '/api' }))).toBe('/api/items/:id');
  });

  it("takes Fastify's matched route", () => {
    expect(routeTemplate(request({ routeOptions: { url: '/v1/items/:id' } }))).toBe('/v1/items/:id');
  });

  it('falls back to the raw path without its query when the platform does not say', () => {
    expect(routeTemplate(request())).toBe('/items/7');
    expect(routeTemplate(request({ url: '/plain' }))).toBe('/plain');
  });
});

describe('userIdentity', () => {
  it('is null for an anonymous request, undefined for credentials without a user', () => {
    expect(userIdentity(request())).toBeNull();
    expect(userIdentity(request({ headers: { authorization: 'Basic eDp5' } }))).toBeUndefined();
    expect(userIdentity(request({ headers: { cookie: 'sid=1' } }))).toBeUndefined();
    expect(userIdentity(request({ user: false, headers: { cookie: 'sid=1' } }))).toBeUndefined();
  });

  it('uses id, then sub, then a hash of the whole user that ignores key order', () => {
    expect(userIdentity(request({ user: { id: 42, sub: 'x' } }))).toBe('id:42');
    expect(userIdentity(request({ user: { id: '', sub: 'auth0|7' } }))).toBe('sub:auth0|7');
    const one = userIdentity(request({ user: { email: 'a@x.test', roles: ['r'] } }));
    expect(one).toMatch(/^h:[\w-]{43}$/);
    expect(userIdentity(request({ user: { roles: ['r'], email: 'a@x.test' } }))).toBe(one);
    expect(userIdentity(request({ user: { roles: ['r'], email: 'b@x.test' } }))).not.toBe(one);
    expect(userIdentity(request({ user: 'alice' }))).toBe('v:alice');
  });

  it('is undefined for a user that cannot be written (a cycle, a BigInt)', () => {
    const cyclic: Record<string, unknown> = { name: 'loop' };
    cyclic.self = cyclic;
    expect(userIdentity(request({ user: cyclic }))).toBeUndefined();
    expect(userIdentity(request({ user: { balance: 10n } }))).toBeUndefined();
  });
});

describe('cacheId', () => {
  it('keeps the label readable and digests the rest, the same for the same content in any key order', () => {
    const a = cacheId('/items/:id', ['h', { id: '7' }, { a: '1', b: '2' }, null]);
    expect(a).toMatch(/^\/items\/:id:[\w-]{43}$/);
    expect(cacheId('/items/:id', ['h', { id: '7' }, { b: '2', a: '1' }, null])).toBe(a);
    expect(cacheId('/items/:id', ['h', { id: '8' }, { b: '2', a: '1' }, null])).not.toBe(a);
    expect(cacheId('/items/:id', ['h', { id: '7' }, { a: ['1', '2'] }, null])).not.toBe(cacheId('/items/:id', ['h', { id: '7' }, { a: ['2', '1'] }, null]));
  });

  it('sorts nested and prototype-less objects too', () => {
    const query = Object.assign(Object.create(null) as object, { z: { y: 1, x: 2 }, a: 1 });
    expect(canonicalJson(query)).toBe('{"a":1,"z":{"x":2,"y":1}}');
  });
});
