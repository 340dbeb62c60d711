import { MonitoringConfigurationError } from './errors/monitoring-configuration.error.js';
import { resolveMonitoringOptions, resolveMonitoringRoutes } from './monitoring.options.js';

describe('resolveMonitoringOptions', () => {
  it('leaves every part off when its option is absent or false, and turns `true` into its defaults', () => {
    expect(resolveMonitoringOptions({})).toEqual({ redis: undefined, keyPrefix: 'aiwire:monitoring', logs: undefined, metrics: undefined, health: undefined, tracing: false, admin: undefined, alerts: undefined });
    const on = resolveMonitoringOptions({ logs: true, metrics: true, health: false, tracing: true });
    expect([on.logs, on.metrics, on.health, on.tracing]).toEqual([{}, {}, undefined, true]);
  });

  it('hash-tags the key prefix on a Redis Cluster and refuses a prefix of its own without a tag', () => {
    expect(resolveMonitoringOptions({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000'] } } }).keyPrefix).toBe('{aiwire}:monitoring');
    expect(() => resolveMonitoringOptions({ redis: { cluster: { nodes: ['redis://127.0.0.1:7000'] } }, keyPrefix: 'mine' })).toThrow(/hash tag/);
  });

  it('refuses alerts without Redis and an admin without credentials or a guard, saying what to write', () => {
    const alerts = { channel: { kind: 'webhook' as const, url: 'https://ops.example.com/h', secret: 'whsec_eA==' }, rules: [] };
    expect(() => resolveMonitoringOptions({ alerts })).toThrow(new MonitoringConfigurationError("MonitoringModule: alerts keep(s) shared state in Redis; add redis: { url: 'redis://127.0.0.1:6379' }"));
    expect(() => resolveMonitoringOptions({ admin: { path: '/admin' } })).toThrow(/admin needs basicAuth: \{ user, password \} or a guard/);
  });
});

describe('resolveMonitoringRoutes', () => {
  it('forRoot: mounts only the parts that are on, at their path or the default', () => {
    expect(resolveMonitoringRoutes({ metrics: true, health: { path: '/status' } }, false)).toEqual({ metrics: '/metrics', health: '/status', admin: undefined });
    expect(resolveMonitoringRoutes({}, false)).toEqual({ metrics: undefined, health: undefined, admin: undefined });
  });

  it('forRootAsync: mounts every part at its default or `routes` path, none where `routes` says false', () => {
    expect(resolveMonitoringRoutes({}, true)).toEqual({ metrics: '/metrics', health: '/health', admin: '/admin' });
    expect(resolveMonitoringRoutes({ routes: { metrics: '/prom', admin: false } }, true)).toEqual({ metrics: '/prom', health: '/health', admin: undefined });
  });

  it('refuses a path that does not start with a slash or ends with one', () => {
    expect(() => resolveMonitoringRoutes({ metrics: { path: 'metrics' } }, false)).toThrow(new MonitoringConfigurationError(`MonitoringModule: the metrics path must start with '/' and not end with one; got "metrics"`));
    expect(() => resolveMonitoringRoutes({ routes: { health: '/health/' } }, true)).toThrow(MonitoringConfigurationError);
  });
});
