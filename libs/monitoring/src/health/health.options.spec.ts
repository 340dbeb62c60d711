import { MonitoringConfigurationError } from '../errors/monitoring-configuration.error.js';
import { resolveHealthOptions } from './health.options.js';

describe('resolveHealthOptions', () => {
  it('applies the defaults: no backlog limit, failing on neither dead letters nor open circuits, 1 s for Redis', () => {
    const resolved = resolveHealthOptions({});
    expect(resolved).toMatchObject({ failOnDeadLetters: false, failOnOpenCircuit: false, timeoutMs: 1000, namedQueues: [] });
    expect(resolved.maxBacklog('webhooks')).toBeUndefined();
  });

  it('gives one number to every queue, or each named queue its own (others unlimited)', () => {
    expect(resolveHealthOptions({ maxBacklog: 0 }).maxBacklog('anything')).toBe(0);
    const perQueue = resolveHealthOptions({ maxBacklog: { webhooks: 100, ai: 5 } });
    expect([perQueue.maxBacklog('webhooks'), perQueue.maxBacklog('ai'), perQueue.maxBacklog('emails')]).toEqual([100, 5, undefined]);
    expect(perQueue.namedQueues).toEqual(['webhooks', 'ai']);
  });

  it.each([
    [{ maxBacklog: -1 }, 'health.maxBacklog must be a whole number of jobs, 0 or more'],
    [{ maxBacklog: 1.5 }, 'health.maxBacklog must be a whole number'],
    [{ maxBacklog: '10' as unknown as number }, 'health.maxBacklog must be a whole number'],
    [{ maxBacklog: { webhooks: Number.NaN } }, 'health.maxBacklog["webhooks"] must be a whole number'],
    [{ timeoutMs: 0 }, 'health.timeoutMs must be a positive number of milliseconds'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'health.timeoutMs must be a positive number'],
  ])('refuses %j at startup', (options, message) => {
    expect(() => resolveHealthOptions(options)).toThrow(MonitoringConfigurationError);
    expect(() => resolveHealthOptions(options)).toThrow(message);
  });
});
