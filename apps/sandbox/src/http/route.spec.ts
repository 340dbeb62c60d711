import { compileRoute, matchRoute } from './route.js';

describe('compileRoute / matchRoute', () => {
  const route = compileRoute({ method: 'GET', pattern: '/admin/api/:version/customers/:id.json', handler: () => ({ status: 200 }) });

  it('keys routes by method and pattern, and reads parameters around literal suffixes', () => {
    expect(route.key).toBe('GET /admin/api/:version/customers/:id.json');
    expect(matchRoute(route, '/admin/api/2025-01/customers/42.json')).toEqual({ version: '2025-01', id: '42' });
  });

  it('does not match across segments or without the suffix', () => {
    expect(matchRoute(route, '/admin/api/2025-01/customers/42/orders.json')).toBeUndefined();
    expect(matchRoute(route, '/admin/api/2025-01/customers/42')).toBeUndefined();
    expect(matchRoute(route, '/admin/api/2025-01/customersX42.json')).toBeUndefined();
  });

  it('decodes percent-encoded parameters', () => {
    const hook = compileRoute({ method: 'GET', pattern: '/repos/:owner/:repo/hooks', handler: () => ({ status: 200 }) });
    expect(matchRoute(hook, '/repos/a%20b/c/hooks')).toEqual({ owner: 'a b', repo: 'c' });
  });
});
