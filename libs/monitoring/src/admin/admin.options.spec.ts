import { env } from '@aiwire/core';
import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { resolveAdminOptions, sha256 } from './admin.options.js';

describe('resolveAdminOptions', () => {
  it('keeps digests of the credentials, never the values; reads env() from the environment', () => {
    const resolved = resolveAdminOptions({ basicAuth: { user: 'ops', password: env('ADMIN_PW') } }, { ADMIN_PW: 's3cret' });
    expect(resolved.credentials).toEqual({ user: sha256('ops'), password: sha256('s3cret') });
    expect(JSON.stringify(resolved)).not.toContain('s3cret');
  });

  it('needs no credentials with a guard only', () => {
    class Guard { canActivate() { return true; } }
    expect(resolveAdminOptions({ guard: Guard })).toEqual({ credentials: undefined, guard: Guard });
  });

  it.each([
    [{ user: 'ops', password: env('UNSET_PW') }, "admin.basicAuth.password is env('UNSET_PW'), but the environment variable UNSET_PW is not set"],
    [{ user: 'ops', password: env('EMPTY_PW') }, 'EMPTY_PW is not set (or empty)'],
    [{ user: 'ops', password: '' }, 'admin.basicAuth.password must be a non-empty string'],
    [{ user: '', password: 'x' }, "admin.basicAuth.user must be a non-empty string without ':'"],
    [{ user: 'a:b', password: 'x' }, "admin.basicAuth.user must be a non-empty string without ':'"],
  ])('refuses %o at startup', (basicAuth, message) => {
    const resolve = () => resolveAdminOptions({ basicAuth }, { EMPTY_PW: '' });
    expect(resolve).toThrow(MonitoringConfigurationError);
    expect(resolve).toThrow(message);
  });
});
